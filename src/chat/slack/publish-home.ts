import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { MessageView } from '../../core/views/message-view.js';
import { renderBlockKit } from '../render-block-kit.js';
import type { HomeView } from './home-view.js';

/** What the Home tab shows a user. */
export type HomeMessage = (userId: string) => MessageView | Promise<MessageView>;

/** A whole Home tab built for a user (their teams, budgets, open alerts); wins over `HomeMessage`. */
export type HomeViewBuilder = (userId: string) => HomeView | Promise<HomeView>;

/** The `app_home_opened` listener: publishes the Home tab (the Messages tab needs nothing). */
export function publishHome({
  homeMessage,
  homeView,
}: {
  homeMessage: HomeMessage;
  homeView?: HomeViewBuilder;
}) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const view = homeView
      ? await homeView(event.user)
      : { type: 'home' as const, blocks: renderBlockKit(await homeMessage(event.user)).blocks };
    await client.views.publish({ user_id: event.user, view });
  };
}

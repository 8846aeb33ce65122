import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { MessageView } from '../../core/views/message-view.js';
import { renderBlockKit } from '../render-block-kit.js';

/** What the Home tab shows a user. */
export type HomeMessage = (userId: string) => MessageView | Promise<MessageView>;

/** The `app_home_opened` listener: publishes the Home tab (the Messages tab needs nothing). */
export function publishHome({ homeMessage }: { homeMessage: HomeMessage }) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab !== 'home') return;
    const { blocks } = renderBlockKit(await homeMessage(event.user));
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  };
}

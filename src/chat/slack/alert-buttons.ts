import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { HomeViewBuilder } from './publish-home.js';

/** What pressing an alert button did: the refreshed message for everyone, or a word for the presser. */
export type AlertButtonOutcome =
  | { kind: 'updated'; message: { text: string; blocks: unknown[] } }
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string };

/** Applies `alert.acknowledge` / `alert.snooze` / `alert.expected` for a user (usually `App.actOnAlert`). */
export type AlertButtonHandler = (press: {
  actionId: string;
  alertId: number;
  userId: string;
}) => AlertButtonOutcome | Promise<AlertButtonOutcome>;

const ALERT_ACTION = /^alert\.(acknowledge|snooze|expected)$/;

/**
 * Acknowledge, Snooze 24h and Expected on alert messages: ack at once, record who and when, then
 * replace the posted message for everyone. A second press changes nothing and posts nothing.
 */
export function registerAlertButtons(app: App, handle: AlertButtonHandler, homeView?: HomeViewBuilder): void {
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION, async ({ ack, action, body, respond, client }) => {
    await ack();
    const alertId = Number(action.value);
    if (!Number.isSafeInteger(alertId)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button no longer points at an alert.',
      });
      return;
    }
    const outcome = await handle({ actionId: action.action_id, alertId, userId: body.user.id });
    // A press in the Home tab has no message to replace: the tab is published again instead.
    if (body.container?.type === 'view') {
      if (homeView) await client.views.publish({ user_id: body.user.id, view: await homeView(body.user.id) });
      return;
    }
    if (outcome.kind === 'updated') {
      await respond({
        replace_original: true,
        text: outcome.message.text,
        blocks: outcome.message.blocks as never,
      });
    } else if (outcome.kind === 'refused') {
      await respond({ response_type: 'ephemeral', replace_original: false, text: outcome.reason });
    }
  });
}

import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { HomeViewBuilder } from './publish-home.js';

/** What pressing an alert button did: the refreshed message for everyone, or a word for the presser. */
export type AlertButtonOutcome =
  | { kind: 'updated'; message: { text: string; blocks: unknown[] } }
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string };

/** A press on an alert button: which button, which alert(s), who, and where. */
export interface AlertPress {
  actionId: string;
  alertId: number;
  /** Every alert a batched message's button acts on (its `value` lists them); absent for one alert. */
  alertIds?: number[];
  userId: string;
  /** Why the alert is expected, typed in the Expected dialog. */
  reason?: string;
  /** The channel the button was pressed in (a press in the team's channel counts as membership). */
  channelId?: string;
}

/** Applies `alert.acknowledge` / `alert.snooze` / `alert.expected` for a user (usually `App.actOnAlert`). */
export type AlertButtonHandler = (press: AlertPress) => AlertButtonOutcome | Promise<AlertButtonOutcome>;

const EXPECTED_ACTION = 'alert.expected';
const EXPECTED_DIALOG = 'alert.expected.reason';

/** Where the alert message is, carried through the Expected dialog to update it afterwards. */
interface DialogContext {
  alertId: number;
  channel?: string;
  ts?: string;
  home: boolean;
}

const ALERT_ACTION = /^alert\.(acknowledge|snooze|expected)$/;

/**
 * Acknowledge, Snooze 24h and Expected on alert messages: ack at once, record who and when, then
 * replace the posted message for everyone. A second press changes nothing and posts nothing.
 */
export function registerAlertButtons(app: App, handle: AlertButtonHandler, homeView?: HomeViewBuilder): void {
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION, async ({ ack, action, body, respond, client }) => {
    await ack();
    const alertIds = String(action.value).split(',').map(Number);
    const [alertId = Number.NaN] = alertIds;
    if (!alertIds.every((id) => Number.isSafeInteger(id))) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button no longer points at an alert.',
      });
      return;
    }
    // Expected asks why first (a dialog); the answer arrives as a view submission below.
    if (action.action_id === EXPECTED_ACTION && body.trigger_id) {
      const context: DialogContext = {
        alertId,
        home: body.container?.type === 'view',
        ...(body.container?.channel_id ? { channel: String(body.container.channel_id) } : {}),
        ...(body.container?.message_ts ? { ts: String(body.container.message_ts) } : {}),
      };
      await client.views.open({ trigger_id: body.trigger_id, view: expectedDialog(context) });
      return;
    }
    const channelId = body.container?.channel_id ? String(body.container.channel_id) : undefined;
    const outcome = await handle({
      actionId: action.action_id,
      alertId,
      ...(alertIds.length > 1 ? { alertIds } : {}),
      userId: body.user.id,
      ...(channelId ? { channelId } : {}),
    });
    // A press in the Home tab has no message to replace: the tab is published again instead.
    if (body.container?.type === 'view') {
      if (homeView) await client.views.publish({ user_id: body.user.id, view: await homeView(body.user.id) });
      return;
    }
    const ts = body.container?.message_ts ? String(body.container.message_ts) : undefined;
    if (outcome.kind === 'updated' && channelId && ts) {
      // chat.update rather than the response_url: it works however late the press comes.
      await client.chat.update({
        channel: channelId,
        ts,
        text: outcome.message.text,
        blocks: outcome.message.blocks as never,
      });
    } else if (outcome.kind === 'updated') {
      await respond({
        replace_original: true,
        text: outcome.message.text,
        blocks: outcome.message.blocks as never,
      });
    } else if (outcome.kind === 'refused') {
      await respond({ response_type: 'ephemeral', replace_original: false, text: outcome.reason });
    }
  });

  app.view(EXPECTED_DIALOG, async ({ ack, view, body, client }) => {
    const reason = view.state.values.reason?.reason?.value?.trim() ?? '';
    if (reason === '') {
      await ack({
        response_action: 'errors',
        errors: { reason: 'Say why this is expected, e.g. "planned load test".' },
      });
      return;
    }
    const context = JSON.parse(view.private_metadata) as DialogContext;
    const outcome = await handle({
      actionId: EXPECTED_ACTION,
      alertId: context.alertId,
      userId: body.user.id,
      reason,
      ...(context.channel ? { channelId: context.channel } : {}),
    });
    // A refusal stays in the dialog, where the person is looking.
    if (outcome.kind === 'refused') {
      await ack({ response_action: 'errors', errors: { reason: outcome.reason } });
      return;
    }
    await ack();
    if (context.home && homeView) {
      await client.views.publish({ user_id: body.user.id, view: await homeView(body.user.id) });
    } else if (outcome.kind === 'updated' && context.channel && context.ts) {
      await client.chat.update({
        channel: context.channel,
        ts: context.ts,
        text: outcome.message.text,
        blocks: outcome.message.blocks as never,
      });
    }
  });
}

function expectedDialog(context: DialogContext) {
  return {
    type: 'modal' as const,
    callback_id: EXPECTED_DIALOG,
    private_metadata: JSON.stringify(context),
    title: { type: 'plain_text' as const, text: 'Mark as expected' },
    submit: { type: 'plain_text' as const, text: 'Mark expected' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input' as const,
        block_id: 'reason',
        label: { type: 'plain_text' as const, text: 'Why is this expected?' },
        element: {
          type: 'plain_text_input' as const,
          action_id: 'reason',
          multiline: true,
          max_length: 500,
          placeholder: { type: 'plain_text' as const, text: 'e.g. planned load test until Friday' },
        },
      },
    ],
  };
}

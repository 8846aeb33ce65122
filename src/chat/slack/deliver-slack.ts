import { type types, webApi } from '@slack/bolt';
import { SLACK_ID } from '../../core/alerts/alert-message.js';
import type { ErrorCode } from '../../core/errors.js';
import { isoDay } from '../../core/period.js';
import type { Outbox, OutboxPayload, OutboxRow } from '../../store/outbox-store.js';
import { type BlockKitMessage, renderBlockKit } from '../render-block-kit.js';
import { classifySlackError } from './classify-slack-error.js';

/** Something an operator must fix for Slack delivery to work; reported once per channel and pass. */
export interface DeliveryProblem {
  code: ErrorCode;
  /** Slack's error (`not_in_channel`, `invalid_auth`, …) or the transport's. */
  error: string;
  channel?: string;
  message: string;
  hint: string;
}

export interface DeliverSlackOptions {
  outbox: Outbox;
  /** A client that never retries or waits by itself: see `createSlackDeliveryClient`. */
  client: webApi.WebClient;
  now: number;
  onProblem?: (problem: DeliveryProblem) => void;
  /** `slack.default_channel`: where operators hear about channels ai-spend cannot post to. */
  defaultChannel?: string;
  /** Rows sent per pass. */
  limit?: number;
  /** Outages and 5xx: wait `base × 2^attempts` seconds, at most `max`. */
  backoff?: { baseSeconds: number; maxSeconds: number };
}

export interface DeliverSlackSummary {
  sent: number;
  retrying: number;
  failed: number;
  /** Why the pass stopped early (`invalid_auth`, `ratelimited`, `unavailable`); the rest waits. */
  stoppedBy?: string;
  /** Slack asked to wait until then (UTC epoch seconds). */
  rateLimitedUntil?: number;
}

/** The Web API client for delivery: no retries or sleeping inside it, 429s thrown with `retryAfter`. */
export function createSlackDeliveryClient({
  token,
  slackApiUrl,
  timeoutMillis = 10_000,
}: {
  token: string;
  slackApiUrl?: string;
  timeoutMillis?: number;
}): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMillis,
    logLevel: webApi.LogLevel.ERROR,
  });
}

/**
 * One delivery pass over the Slack rows of the outbox: `post` rows go out with chat.postMessage,
 * `update` rows edit the alert's posted message with chat.update. A row is marked sent right after
 * Slack accepts it. A 429 waits exactly Retry-After; an outage backs off exponentially and never
 * drops a message; a channel the app cannot post to fails its rows and tells the operator once;
 * a revoked token stops the pass.
 *
 * Delivery is at-least-once across a crash between Slack's answer and the mark (the row is then
 * sent again): chat.postMessage has no idempotency key (`client_msg_id` exists only on messages
 * people type), so each post carries the row's dedupe key as message metadata instead, to find
 * such a duplicate afterwards.
 */
export async function deliverSlack({
  outbox,
  client,
  now,
  onProblem = () => {},
  defaultChannel,
  limit = 50,
  backoff = { baseSeconds: 30, maxSeconds: 3_600 },
}: DeliverSlackOptions): Promise<DeliverSlackSummary> {
  const summary: DeliverSlackSummary = { sent: 0, retrying: 0, failed: 0 };
  const later = (row: OutboxRow) =>
    now + Math.min(backoff.baseSeconds * 2 ** row.attempts, backoff.maxSeconds);
  const unreachable = new Map<string, { error: string; rows: number }>();
  for (const row of outbox.due(now, limit, 'slack')) {
    const known = unreachable.get(row.channel);
    if (known) {
      outbox.markFailed(row.id, known.error);
      known.rows += 1;
      summary.failed += 1;
      continue;
    }
    try {
      const message = slackMessage(row.payload);
      if (row.mode === 'update') {
        const ref = row.alertId === undefined ? undefined : outbox.messageRef(row.alertId, 'slack');
        if (ref === undefined) {
          const waiting =
            row.alertId !== undefined && outbox.alertPostState(row.alertId, 'slack') === 'pending';
          if (waiting) outbox.retryAt(row.id, later(row), 'the alert message is not posted yet');
          else outbox.markFailed(row.id, 'the alert message was never posted');
          summary[waiting ? 'retrying' : 'failed'] += 1;
          continue;
        }
        await client.chat.update({ channel: ref.channel, ts: ref.ts, ...message });
        outbox.markSent(row.id, ref, now);
      } else {
        const posted = await client.chat.postMessage({
          channel: row.channel,
          ...message,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: 'ai_spend_delivery', event_payload: { dedupe_key: row.dedupeKey } },
        });
        outbox.markSent(row.id, { channel: posted.channel ?? row.channel, ts: posted.ts ?? '' }, now);
      }
      summary.sent += 1;
    } catch (error) {
      const outcome = classifySlackError(error);
      if (outcome.kind === 'rate_limited' || outcome.kind === 'transient' || outcome.kind === 'auth') {
        const at = outcome.kind === 'rate_limited' ? now + outcome.retryAfter : later(row);
        outbox.retryAt(row.id, at, outcome.error);
        summary.retrying += 1;
        // Whatever stopped this row stops the others too: leave them for a later pass.
        summary.stoppedBy = outcome.kind === 'transient' ? 'unavailable' : outcome.error;
        if (outcome.kind === 'rate_limited') summary.rateLimitedUntil = at;
        if (outcome.kind === 'auth') {
          onProblem({
            code: 'config_invalid',
            error: outcome.error,
            message: `Slack rejected the bot token (${outcome.error}); nothing is delivered until it is fixed.`,
            hint: 'Set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) of the installed app.',
          });
        }
        break;
      }
      outbox.markFailed(row.id, outcome.error);
      summary.failed += 1;
      if (outcome.kind === 'recipient') unreachable.set(row.channel, { error: outcome.error, rows: 1 });
      else if (outcome.kind === 'rejected') onProblem(rejectedProblem(row, outcome.error));
    }
  }
  for (const [channel, { error, rows }] of unreachable) {
    const problem = channelProblem(channel, error, rows);
    onProblem(problem);
    if (defaultChannel !== undefined && defaultChannel !== channel) {
      outbox.enqueue({
        dedupeKey: `slack-problem|${channel}|${error}|${isoDay(now)}`,
        platform: 'slack',
        channel: defaultChannel,
        payload: {
          view: {
            title: 'ai-spend cannot post alerts',
            summary: problem.message,
            sections: [],
            context: [problem.hint],
          },
        },
        now,
      });
    }
  }
  return summary;
}

/** The Slack message of an outbox payload; a view is rendered and its intended mentions restored. */
export function slackMessage(payload: OutboxPayload): BlockKitMessage {
  if ('view' in payload) return restoreMentions(renderBlockKit(payload.view), payload.mentions ?? []);
  return { text: payload.text, blocks: (payload.blocks ?? []) as types.KnownBlock[] };
}

/**
 * Turns the escaped mentions of exactly `ids` (`&lt;@U123&gt;`, `&lt;!subteam^S123&gt;`) back into
 * Slack mentions. Everything else stays escaped, so text from people or providers never pings.
 */
export function restoreMentions(message: BlockKitMessage, ids: readonly string[]): BlockKitMessage {
  let json = JSON.stringify(message);
  for (const id of ids.filter((value) => SLACK_ID.test(value))) {
    json = json
      .split(`&lt;@${id}&gt;`)
      .join(`<@${id}>`)
      .split(`&lt;!subteam^${id}&gt;`)
      .join(`<!subteam^${id}>`);
  }
  return JSON.parse(json) as BlockKitMessage;
}

function channelProblem(channel: string, error: string, rows: number): DeliveryProblem {
  const what = `${rows} message${rows === 1 ? '' : 's'}`;
  const hints: Record<string, string> = {
    not_in_channel: `Invite the app to ${channel} (/invite @ai-spend), or give it the chat:write.public scope for public channels.`,
    channel_not_found: `Check teams.<team>.slack_channel and slack.default_channel in ai-spend.yml: ${channel} is not a channel the app can see (use the id, e.g. C0123ABCD).`,
    is_archived: `${channel} is archived: unarchive it, or point teams.<team>.slack_channel at another channel.`,
  };
  return {
    code: 'chat_delivery',
    error,
    channel,
    message: `Slack refused ${what} for channel ${channel} (${error}); they were not delivered.`,
    hint: hints[error] ?? `Check the channel ${channel}.`,
  };
}

function rejectedProblem(row: OutboxRow, error: string): DeliveryProblem {
  return {
    code: 'chat_delivery',
    error,
    channel: row.channel,
    message: `Message ${row.dedupeKey} for ${row.channel} could not be delivered (${error}); it will not be retried.`,
    hint:
      error === 'missing_scope'
        ? 'Add the chat:write scope to the Slack app and reinstall it.'
        : 'This is a bug in the message ai-spend built: report it with the error.',
  };
}

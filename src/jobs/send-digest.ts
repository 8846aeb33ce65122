import type { webApi } from '@slack/bolt';
import type Database from 'better-sqlite3';
import { classifySlackError, RECIPIENT_ERRORS } from '../chat/slack/classify-slack-error.js';
import { type DeliveryProblem, slackMessage } from '../chat/slack/deliver-slack.js';
import { uploadChart } from '../chat/slack/upload-chart.js';
import type { AiSpendConfig } from '../config/config-types.js';
import { digestWeeks } from '../core/digest/digest-weeks.js';
import { isoDay } from '../core/period.js';
import { buildDigest, type Digest, type DigestDeps } from './digest.js';

export interface SendDigestsOptions extends DigestDeps {
  config: Pick<AiSpendConfig, 'teams' | 'alerts' | 'slack'>;
  /** A client that never retries or waits by itself: see `createSlackDeliveryClient`. */
  client: webApi.WebClient;
  /** UTC epoch seconds; the digest covers the last complete Monday-to-Monday UTC week before it. */
  now: number;
  onProblem?: (problem: DeliveryProblem) => void;
  /** Outages and 5xx: wait `base × 2^attempts` seconds, at most `max`. */
  backoff?: { baseSeconds: number; maxSeconds: number };
}

/** What one pass did, counted in recipients (a channel, a manager's DM). */
export interface SendDigestsSummary {
  sent: number;
  /** Sent in an earlier pass. */
  skipped: number;
  /** Waiting for a later pass: rate-limited, backing off, or left when the pass stopped. */
  retrying: number;
  /** Given up on: Slack cannot reach the recipient or refuses the message (now or earlier). */
  failed: number;
  /** Why the pass stopped early (`ratelimited`, `unavailable`, `invalid_auth`). */
  stoppedBy?: string;
  /** Slack asked to wait until then (UTC epoch seconds). */
  rateLimitedUntil?: number;
}

interface Recipient {
  team: string;
  /** A channel id, or the user id of a manager who gets a DM. */
  id: string;
  dm: boolean;
}

/**
 * Sends the weekly digest on Slack: each team's digest to its `slack_channel` and by DM to each of
 * its `managers`, the organisation's to `slack.default_channel`; each message is followed by the
 * chart as a PNG in the same conversation. `digest_deliveries` remembers every (team, week,
 * recipient) and how far it got (message posted, chart uploaded), so a rerun, a restart or a retry
 * sends nothing twice, except after a crash between Slack's answer and the write of it.
 * A 429 waits exactly Retry-After and stops the pass; outages back off; a recipient Slack cannot
 * reach fails with one problem for the operator.
 */
export async function sendDigests({
  db,
  config,
  sources,
  quotaOverrides = [],
  client,
  now,
  onProblem = () => {},
  backoff = { baseSeconds: 60, maxSeconds: 3_600 },
}: SendDigestsOptions): Promise<SendDigestsSummary> {
  const summary: SendDigestsSummary = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const store = createDigestDeliveries(db);
  const weekStart = digestWeeks(now).start;
  const digests = new Map<string, Digest>();
  // Set when the pass stops: the recipients after the one that stopped it wait until then too.
  let resumeAt: number | undefined;
  const digestOf = (team: string): Digest => {
    const built = digests.get(team) ?? buildDigest({ db, config, sources, quotaOverrides }, now, { team });
    digests.set(team, built);
    return built;
  };

  for (const recipient of digestRecipients(config)) {
    const key = { team: recipient.team, weekStart, recipient: recipient.id };
    const row = store.open(key, now);
    if (row.state === 'sent' || row.state === 'failed') {
      summary[row.state === 'sent' ? 'skipped' : 'failed'] += 1;
      continue;
    }
    if (resumeAt !== undefined || row.next_attempt_at > now) {
      if (resumeAt !== undefined) store.deferTo(key, resumeAt);
      summary.retrying += 1;
      continue;
    }
    try {
      const digest = digestOf(recipient.team);
      let channel = row.channel;
      if (channel === null) {
        channel = recipient.dm ? await openDm(client, recipient.id) : recipient.id;
        store.setChannel(key, channel);
      }
      let messageTs = row.message_ts;
      if (messageTs === null) {
        const posted = await client.chat.postMessage({
          channel,
          ...slackMessage({ view: digest.message }),
          unfurl_links: false,
          unfurl_media: false,
          metadata: {
            event_type: 'ai_spend_digest',
            event_payload: { team: recipient.team, week_start: isoDay(weekStart), recipient: recipient.id },
          },
        });
        messageTs = posted.ts ?? '';
        store.markPosted(key, messageTs);
      }
      const who = recipient.team === 'all' ? 'All teams' : `Team ${recipient.team}`;
      const { fileId } = await uploadChart(client, {
        channel,
        png: digest.chartPng,
        filename: `digest-${recipient.team}-${isoDay(weekStart)}.png`,
        title: `${who}: spend per day by provider, week of ${isoDay(weekStart)}`,
        altText: `${who}: spend per day by provider over the weeks of ${digest.view.previous_week.start.slice(0, 10)} and ${isoDay(weekStart)}.`,
      });
      store.markSent(key, fileId, now);
      summary.sent += 1;
    } catch (error) {
      const outcome = classifySlackError(error);
      if (outcome.kind === 'recipient' || outcome.kind === 'rejected' || outcome.kind === 'gone') {
        store.markFailed(key, outcome.error);
        summary.failed += 1;
        onProblem(
          recipientProblem(
            recipient,
            outcome.error,
            outcome.kind === 'rejected' ? outcome.needed : undefined,
          ),
        );
        continue;
      }
      const wait =
        outcome.kind === 'rate_limited'
          ? outcome.retryAfter
          : Math.min(backoff.baseSeconds * 2 ** row.attempts, backoff.maxSeconds);
      resumeAt = now + wait;
      store.retryAt(key, resumeAt, outcome.error);
      summary.retrying += 1;
      // Whatever stopped this recipient stops the others too: leave them for a later pass.
      summary.stoppedBy = outcome.kind === 'transient' ? 'unavailable' : outcome.error;
      if (outcome.kind === 'rate_limited') summary.rateLimitedUntil = resumeAt;
      if (outcome.kind === 'auth') {
        onProblem({
          code: 'config_invalid',
          error: outcome.error,
          message: `Slack rejected the bot token (${outcome.error}); no digest is sent until it is fixed.`,
          hint: 'Set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) of the installed app.',
        });
      }
    }
  }
  return summary;
}

/** Every team's channel and managers in config order, then the organisation's channel. */
export function digestRecipients(config: Pick<AiSpendConfig, 'teams' | 'slack'>): Recipient[] {
  const recipients = Object.values(config.teams).flatMap((team) => [
    ...(team.slackChannel === undefined ? [] : [{ team: team.name, id: team.slackChannel, dm: false }]),
    ...team.managers.map((manager) => ({ team: team.name, id: manager, dm: true })),
  ]);
  const orgChannel = config.slack.defaultChannel;
  return orgChannel === undefined ? recipients : [...recipients, { team: 'all', id: orgChannel, dm: false }];
}

async function openDm(client: webApi.WebClient, user: string): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const id = opened.channel?.id;
  if (id === undefined) throw new Error(`conversations.open returned no channel for ${user}`);
  return id;
}

function recipientProblem(recipient: Recipient, error: string, needed?: string): DeliveryProblem {
  const setting =
    recipient.team === 'all'
      ? 'slack.default_channel'
      : `teams.${recipient.team}.${recipient.dm ? 'managers' : 'slack_channel'}`;
  const hint = RECIPIENT_ERRORS.has(error)
    ? error === 'not_in_channel'
      ? `Invite the app to ${recipient.id} (/invite @ai-spend).`
      : `Check ${setting} in ai-spend.yml: Slack cannot reach ${recipient.id} (${error}).`
    : error === 'missing_scope'
      ? `Add the ${needed ?? 'chat:write, files:write and im:write'} scope to the Slack app and reinstall it.`
      : 'This is a bug in the digest ai-spend built: report it with the error.';
  return {
    code: 'chat_delivery',
    error,
    channel: recipient.id,
    message: `The ${recipient.team === 'all' ? 'organisation' : `${recipient.team} team`} digest for ${recipient.id} was not delivered (${error}); it will not be retried this week.`,
    hint,
  };
}

interface DeliveryKey {
  team: string;
  weekStart: number;
  recipient: string;
}

interface DeliveryRow {
  state: 'pending' | 'posted' | 'sent' | 'failed';
  channel: string | null;
  message_ts: string | null;
  attempts: number;
  next_attempt_at: number;
}

/** The `digest_deliveries` rows: one per (team, week, recipient). */
function createDigestDeliveries(db: Database.Database) {
  const where = 'WHERE team = ? AND week_start = ? AND recipient = ?';
  const insert = db.prepare(`INSERT INTO digest_deliveries (team, week_start, recipient, created_at)
    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const select = db.prepare(
    `SELECT state, channel, message_ts, attempts, next_attempt_at FROM digest_deliveries ${where}`,
  );
  const setChannel = db.prepare(`UPDATE digest_deliveries SET channel = ? ${where}`);
  const posted = db.prepare(`UPDATE digest_deliveries SET state = 'posted', message_ts = ? ${where}`);
  const sent = db.prepare(`UPDATE digest_deliveries SET state = 'sent', file_id = ?, sent_at = ?,
    attempts = attempts + 1, last_error = NULL ${where}`);
  const retry = db.prepare(`UPDATE digest_deliveries SET attempts = attempts + 1, next_attempt_at = ?,
    last_error = ? ${where}`);
  const defer = db.prepare(`UPDATE digest_deliveries SET next_attempt_at = max(next_attempt_at, ?) ${where}`);
  const failed = db.prepare(`UPDATE digest_deliveries SET state = 'failed', attempts = attempts + 1,
    last_error = ? ${where}`);
  const args = (key: DeliveryKey) => [key.team, key.weekStart, key.recipient] as const;
  return {
    open(key: DeliveryKey, now: number): DeliveryRow {
      insert.run(...args(key), now);
      return select.get(...args(key)) as DeliveryRow;
    },
    setChannel: (key: DeliveryKey, channel: string) => setChannel.run(channel, ...args(key)),
    markPosted: (key: DeliveryKey, ts: string) => posted.run(ts, ...args(key)),
    markSent: (key: DeliveryKey, fileId: string, now: number) => sent.run(fileId, now, ...args(key)),
    retryAt: (key: DeliveryKey, at: number, error: string) => retry.run(at, error, ...args(key)),
    deferTo: (key: DeliveryKey, at: number) => defer.run(at, ...args(key)),
    markFailed: (key: DeliveryKey, error: string) => failed.run(error, ...args(key)),
  };
}

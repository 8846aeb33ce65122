import type Database from 'better-sqlite3';
import type { MessageView } from '../core/views/message-view.js';

export type ChatPlatform = 'slack' | 'msteams' | 'console';

/**
 * What a delivery carries: a neutral view rendered for the platform when sent (with the chat ids
 * it mentions on purpose), or a message already in the platform's format (`{ text, blocks }`).
 */
export type OutboxPayload = { view: MessageView; mentions?: string[] } | { text: string; blocks?: unknown[] };

/** Where a posted message lives, to edit it later (Slack: channel id and `ts`). */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** One pending, sent or failed delivery. Times are UTC epoch seconds. */
export interface OutboxRow {
  id: number;
  dedupeKey: string;
  platform: ChatPlatform;
  channel: string;
  payload: OutboxPayload;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  /** The alert whose own message this posts (`post`) or edits (`update`). */
  alertId?: number;
  mode: 'post' | 'update';
  messageRef?: MessageRef;
  createdAt: number;
  sentAt?: number;
}

export interface Enqueue {
  /** Names the delivery: enqueueing the same key again does nothing. */
  dedupeKey: string;
  platform: ChatPlatform;
  channel: string;
  payload: OutboxPayload;
  alertId?: number;
  /** `post` a new message, or `update` the message posted for `alertId`. Default `post`. */
  mode?: 'post' | 'update';
  now: number;
}

interface Row {
  id: number;
  dedupe_key: string;
  platform: ChatPlatform;
  channel: string;
  payload: string;
  state: OutboxRow['state'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  alert_id: number | null;
  mode: OutboxRow['mode'];
  message_ref: string | null;
  created_at: number;
  sent_at: number | null;
}

function toRow(row: Row): OutboxRow {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    platform: row.platform,
    channel: row.channel,
    payload: JSON.parse(row.payload) as OutboxPayload,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.alert_id === null ? {} : { alertId: row.alert_id }),
    mode: row.mode,
    ...(row.message_ref === null ? {} : { messageRef: JSON.parse(row.message_ref) as MessageRef }),
    createdAt: row.created_at,
    ...(row.sent_at === null ? {} : { sentAt: row.sent_at }),
  };
}

/**
 * The delivery outbox: chat messages wait here until a platform accepts them, so an outage or a
 * rate limit delays them and never loses them, and a dedupe key makes every message enqueue once.
 */
export function createOutbox(db: Database.Database) {
  const insert = db.prepare(`INSERT INTO outbox (dedupe_key, platform, channel, payload, state, attempts,
      next_attempt_at, created_at, alert_id, mode)
    VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`);
  const byKey = db.prepare('SELECT id FROM outbox WHERE dedupe_key = ?').pluck();
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const dueRows = db.prepare(
    "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? AND platform = ? ORDER BY id LIMIT ?",
  );
  const sent = db.prepare(`UPDATE outbox SET state = 'sent', attempts = attempts + 1, message_ref = ?,
      sent_at = ?, last_error = NULL WHERE id = ? AND state = 'pending'`);
  const retry = db.prepare(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
    WHERE id = ? AND state = 'pending'`);
  const failed = db.prepare(`UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?
    WHERE id = ? AND state = 'pending'`);
  const alertPost = db.prepare(`SELECT state, message_ref AS ref FROM outbox
    WHERE alert_id = ? AND platform = ? AND mode = 'post' ORDER BY id DESC LIMIT 1`);
  const get = (id: number): OutboxRow | undefined => {
    const row = byId.get(id) as Row | undefined;
    return row ? toRow(row) : undefined;
  };

  return {
    /** Adds a delivery unless its dedupe key is known; says which row holds it and whether it is new. */
    enqueue({ dedupeKey, platform, channel, payload, alertId, mode = 'post', now }: Enqueue): {
      id: number;
      created: boolean;
    } {
      const { changes } = insert.run(
        dedupeKey,
        platform,
        channel,
        JSON.stringify(payload),
        now,
        now,
        alertId ?? null,
        mode,
      );
      return { id: Number(byKey.get(dedupeKey)), created: changes > 0 };
    },

    /** Pending deliveries whose next attempt is due, oldest first. */
    due: (now: number, limit = 50, platform: ChatPlatform = 'slack'): OutboxRow[] =>
      (dueRows.all(now, platform, limit) as Row[]).map(toRow),

    /** The platform accepted it; the row is never sent again. */
    markSent: (id: number, ref: MessageRef, now: number): boolean =>
      sent.run(JSON.stringify(ref), now, id).changes > 0,

    /** Try again at `at` (UTC epoch seconds). */
    retryAt: (id: number, at: number, error: string): boolean => retry.run(at, error, id).changes > 0,

    /** Give up on it: retrying cannot help (no access to the channel, invalid message). */
    markFailed: (id: number, error: string): boolean => failed.run(error, id).changes > 0,

    /** Where the alert's latest own message (a reopened alert posts anew) was posted on `platform`, once it has been. */
    messageRef(alertId: number, platform: ChatPlatform): MessageRef | undefined {
      const row = alertPost.get(alertId, platform) as { state: string; ref: string | null } | undefined;
      return row?.state === 'sent' && row.ref !== null ? (JSON.parse(row.ref) as MessageRef) : undefined;
    },

    /** The delivery state of the alert's own message on `platform`; `undefined` when none was enqueued. */
    alertPostState(alertId: number, platform: ChatPlatform): OutboxRow['state'] | undefined {
      const row = alertPost.get(alertId, platform) as { state: OutboxRow['state'] } | undefined;
      return row?.state;
    },

    get,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

import type { webApi } from '@slack/bolt';
import type Database from 'better-sqlite3';
import { type DeliverSlackSummary, type DeliveryProblem, deliverSlack } from '../chat/slack/deliver-slack.js';
import { createOutbox } from '../store/outbox-store.js';

export interface DeliverDeps {
  db: Database.Database;
  /** Slack delivery, when a bot token is configured (`createSlackDeliveryClient`). */
  slack?: { client: webApi.WebClient; defaultChannel?: string };
  onProblem?: (problem: DeliveryProblem) => void;
  /** Rows per platform and pass. */
  limit?: number;
}

export interface DeliverSummary {
  /** Absent when Slack is not configured: its rows wait in the outbox. */
  slack?: DeliverSlackSummary;
}

/**
 * One delivery pass over the outbox, per configured platform. Run it often (every few seconds):
 * a pass sends what is due and leaves the rest (rate-limited, backing off) for a later one. Not
 * recorded in job_runs, which would fill with empty passes.
 */
export async function deliver(
  { db, slack, onProblem, limit }: DeliverDeps,
  now: number,
): Promise<DeliverSummary> {
  const outbox = createOutbox(db);
  if (slack === undefined) return {};
  return {
    slack: await deliverSlack({
      outbox,
      client: slack.client,
      now,
      ...(onProblem ? { onProblem } : {}),
      ...(slack.defaultChannel === undefined ? {} : { defaultChannel: slack.defaultChannel }),
      ...(limit === undefined ? {} : { limit }),
    }),
  };
}

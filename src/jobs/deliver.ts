import type { webApi } from '@slack/bolt';
import type Database from 'better-sqlite3';
import { type DeliverSlackSummary, type DeliveryProblem, deliverSlack } from '../chat/slack/deliver-slack.js';
import type { TeamsApp } from '../chat/teams/create-teams-app.js';
import { type DeliverTeamsSummary, deliverTeams } from '../chat/teams/deliver-teams.js';
import { createOutbox } from '../store/outbox-store.js';
import { createTeamsConversations } from '../store/teams-conversations.js';

export interface DeliverDeps {
  db: Database.Database;
  /** Slack delivery, when a bot token is configured (`createSlackDeliveryClient`). */
  slack?: { client: webApi.WebClient; defaultChannel?: string };
  /** Teams delivery, when the Teams bot runs (`createTeamsApp`). */
  msteams?: Pick<TeamsApp, 'adapter' | 'appId'>;
  onProblem?: (problem: DeliveryProblem) => void;
  /** Rows per platform and pass. */
  limit?: number;
}

export interface DeliverSummary {
  /** Absent when Slack is not configured: its rows wait in the outbox. */
  slack?: DeliverSlackSummary;
  /** Absent when Teams is not configured: its rows wait in the outbox. */
  msteams?: DeliverTeamsSummary;
}

/**
 * One delivery pass over the outbox, per configured platform. Run it often (every few seconds):
 * a pass sends what is due and leaves the rest (rate-limited, backing off) for a later one. Not
 * recorded in job_runs, which would fill with empty passes.
 */
export async function deliver(
  { db, slack, msteams, onProblem, limit }: DeliverDeps,
  now: number,
): Promise<DeliverSummary> {
  const outbox = createOutbox(db);
  const teams =
    msteams === undefined
      ? {}
      : {
          msteams: await deliverTeams({
            outbox,
            adapter: msteams.adapter,
            appId: msteams.appId,
            conversations: createTeamsConversations(db),
            now,
            ...(onProblem ? { onProblem } : {}),
            ...(limit === undefined ? {} : { limit }),
          }),
        };
  if (slack === undefined) return teams;
  return {
    ...teams,
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

import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Outbox, OutboxPayload, OutboxRow } from '../../store/outbox-store.js';
import type { TeamsConversations } from '../../store/teams-conversations.js';
import type { DeliveryProblem } from '../slack/deliver-slack.js';
import { type TeamsCardActivity, teamsActivity } from './teams-activity.js';

export interface DeliverTeamsOptions {
  outbox: Outbox;
  adapter: CloudAdapter;
  /** `MICROSOFT_APP_ID`; empty only where authentication is off (local use, tests). */
  appId: string;
  conversations: TeamsConversations;
  now: number;
  onProblem?: (problem: DeliveryProblem) => void;
  limit?: number;
  /** Outages and 5xx: wait `base × 2^attempts` seconds, at most `max`. */
  backoff?: { baseSeconds: number; maxSeconds: number };
  /** A row whose channel never got a conversation reference fails after this long. */
  waitForInstallSeconds?: number;
}

export interface DeliverTeamsSummary {
  sent: number;
  retrying: number;
  failed: number;
  /** Rows for channels the app has not been installed in yet (no conversation reference). */
  waitingForInstall: number;
  /** Why the pass stopped early (`ratelimited`, `unavailable`, `unauthorized`). */
  stoppedBy?: string;
}

/**
 * One delivery pass over the Teams rows of the outbox: `post` rows start a new post in the
 * channel through its saved conversation reference, `update` rows edit the alert's posted card.
 * The connector client already retries a 429 or 5xx three times within the call; when it still
 * fails, the row waits for a later pass (Retry-After, else exponential backoff) and the pass
 * stops. A channel with no saved reference (the app is not installed there yet) keeps its rows
 * waiting for `waitForInstallSeconds` and tells the operator once per pass.
 */
export async function deliverTeams({
  outbox,
  adapter,
  appId,
  conversations,
  now,
  onProblem = () => {},
  limit = 50,
  backoff = { baseSeconds: 30, maxSeconds: 3_600 },
  waitForInstallSeconds = 7 * 86_400,
}: DeliverTeamsOptions): Promise<DeliverTeamsSummary> {
  const summary: DeliverTeamsSummary = { sent: 0, retrying: 0, failed: 0, waitingForInstall: 0 };
  const later = (row: OutboxRow) =>
    now + Math.min(backoff.baseSeconds * 2 ** row.attempts, backoff.maxSeconds);
  const uninstalled = new Set<string>();
  for (const row of outbox.due(now, limit, 'msteams')) {
    const reference = conversations.referenceFor(row.channel);
    if (reference === undefined) {
      if (row.createdAt + waitForInstallSeconds <= now) {
        outbox.markFailed(row.id, 'the app was never installed in this channel');
        summary.failed += 1;
      } else {
        outbox.retryAt(row.id, later(row), 'no conversation reference: the app is not installed here');
        summary.waitingForInstall += 1;
      }
      uninstalled.add(row.channel);
      continue;
    }
    const activity = teamsMessage(row.payload);
    try {
      if (row.mode === 'update') {
        const ref = row.alertId === undefined ? undefined : outbox.messageRef(row.alertId, 'msteams');
        if (ref === undefined) {
          const waiting =
            row.alertId !== undefined && outbox.alertPostState(row.alertId, 'msteams') === 'pending';
          if (waiting) outbox.retryAt(row.id, later(row), 'the alert message is not posted yet');
          else outbox.markFailed(row.id, 'the alert message was never posted');
          summary[waiting ? 'retrying' : 'failed'] += 1;
          continue;
        }
        await withConnector(adapter, appId, reference, (client) =>
          client.conversations.updateActivity(ref.channel, ref.ts, { ...activity, id: ref.ts } as never),
        );
        outbox.markSent(row.id, ref, now);
      } else {
        const conversationId = reference.conversation?.id ?? row.channel;
        const posted = await withConnector(adapter, appId, reference, (client) =>
          client.conversations.sendToConversation(conversationId, activity as never),
        );
        outbox.markSent(row.id, { channel: conversationId, ts: posted.id ?? '' }, now);
      }
      summary.sent += 1;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const reason = status === undefined ? errorText(error) : `HTTP ${status}`;
      if (status === undefined || status === 429 || status === 412 || status >= 500 || status === 401) {
        const retryAfter = retryAfterSeconds(error);
        outbox.retryAt(row.id, retryAfter === undefined ? later(row) : now + retryAfter, reason);
        summary.retrying += 1;
        summary.stoppedBy = status === 429 ? 'ratelimited' : status === 401 ? 'unauthorized' : 'unavailable';
        if (status === 401) {
          onProblem({
            code: 'config_invalid',
            error: reason,
            message:
              'The Bot Framework refused the bot credentials; nothing is delivered to Teams until fixed.',
            hint: 'Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.',
          });
        }
        break;
      }
      outbox.markFailed(row.id, reason);
      summary.failed += 1;
      onProblem({
        code: 'chat_delivery',
        error: reason,
        channel: row.channel,
        message: `Teams refused message ${row.dedupeKey} for ${row.channel} (${reason}); it will not be retried.`,
        hint:
          status === 403 || status === 404
            ? `Add the app to the team of ${row.channel}, or fix teams.<team>.teams_channel in ai-spend.yml.`
            : 'The message was refused as built (413: too large); report it with the error.',
      });
    }
  }
  for (const channel of uninstalled) {
    onProblem({
      code: 'chat_delivery',
      error: 'not_installed',
      channel,
      message: `ai-spend has no Teams conversation for ${channel}; its messages wait until the app is added there.`,
      hint: `Add the ai-spend app to the team of ${channel} (or @mention it there once), or fix teams.<team>.teams_channel / msteams.default_channel.`,
    });
  }
  return summary;
}

/** The Teams message of an outbox payload: a view becomes a card; a prepared message goes as text. */
export function teamsMessage(payload: OutboxPayload): TeamsCardActivity | { type: 'message'; text: string } {
  if ('view' in payload) return teamsActivity(payload.view);
  return { type: 'message', text: payload.text };
}

/** Runs `call` with the connector client of the reference's service URL, credentials included. */
async function withConnector<T>(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  call: (client: ConnectorClient) => Promise<T>,
): Promise<T> {
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  // Caught inside the turn: the adapter's onTurnError would otherwise swallow the error.
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
    result = await call(client).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  });
  if (result === undefined) throw new Error('the conversation could not be continued');
  if (!result.ok) throw result.error;
  return result.value;
}

function retryAfterSeconds(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    .response?.headers;
  const value = headers?.get?.('retry-after');
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

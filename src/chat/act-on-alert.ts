import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../config/config-types.js';
import { canChange } from '../core/access/can-change.js';
import type { AlertAction } from '../core/alerts/alert.js';
import { ALERT_ACTION_IDS, alertMentions, alertMessage } from '../core/alerts/alert-message.js';
import { alertFreshness } from '../jobs/analyze.js';
import { createAlertStore } from '../store/alert-store.js';
import { createSignalQueries } from '../store/signal-queries.js';
import type { AlertButtonOutcome } from './slack/alert-buttons.js';
import { slackMessage } from './slack/deliver-slack.js';
import { userTeams } from './user-teams.js';

const SNOOZE_SECONDS = 24 * 3_600;

/** The action a button stands for; `undefined` for a button this version does not know. */
export function alertActionOf(actionId: string, now: number, reason?: string): AlertAction | undefined {
  if (actionId === ALERT_ACTION_IDS.acknowledge) return { kind: 'acknowledge' };
  if (actionId === ALERT_ACTION_IDS.snooze) return { kind: 'snooze', until: now + SNOOZE_SECONDS };
  if (actionId === ALERT_ACTION_IDS.expected)
    return { kind: 'expected', reason: reason ?? 'marked expected in chat' };
  return undefined;
}

/**
 * Records a button press on an alert (who, when; idempotent) and returns the refreshed message to
 * show everyone, or a polite refusal for the presser. Members of the alert's team (managers, or
 * whoever presses in the team's own channel) and admins may act; alerts nobody owns, anyone.
 */
export function actOnAlert(
  db: Database.Database,
  config: Pick<AiSpendConfig, 'teams' | 'admins'>,
  press: { actionId: string; alertId: number; userId: string; reason?: string; channelId?: string },
  now: number,
): AlertButtonOutcome {
  const action = alertActionOf(press.actionId, now, press.reason);
  if (action === undefined)
    return { kind: 'refused', reason: 'That button is not known to this version of ai-spend.' };
  const store = createAlertStore(db);
  const alert = store.get(press.alertId);
  if (alert === undefined) return { kind: 'refused', reason: 'This alert no longer exists.' };
  const inTeamChannel =
    press.channelId !== undefined && config.teams[alert.team]?.slackChannel === press.channelId;
  const teams = [...userTeams(config, press.userId), ...(inTeamChannel ? [alert.team] : [])];
  const decision = canChange(
    { userId: press.userId, admins: config.admins, userTeams: teams },
    { kind: 'alert', team: alert.team },
    { configuredTeams: Object.keys(config.teams) },
  );
  if (!decision.allowed) return { kind: 'refused', reason: decision.reason };
  const outcome = store.act(press.alertId, action, press.userId, now);
  if (outcome === undefined) return { kind: 'refused', reason: 'This alert no longer exists.' };
  if (outcome.refused !== undefined) return { kind: 'refused', reason: outcome.refused };
  if (!outcome.changed) return { kind: 'unchanged' };
  const signalsThrough = createSignalQueries(db).metricsThrough('bedrock');
  const view = alertMessage(outcome.alert, { freshness: alertFreshness(outcome.alert, signalsThrough, now) });
  return { kind: 'updated', message: slackMessage({ view, mentions: alertMentions(outcome.alert) }) };
}

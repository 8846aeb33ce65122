import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../config/config-types.js';
import { canChange } from '../core/access/can-change.js';
import { type Alert, type AlertAction, EXPECTED_QUIET_DAYS } from '../core/alerts/alert.js';
import { ALERT_ACTION_IDS, alertMentions } from '../core/alerts/alert-message.js';
import { createAlertStore } from '../store/alert-store.js';
import { alertsNow } from './alert-view.js';
import type { AlertButtonOutcome, AlertPress } from './slack/alert-buttons.js';
import { slackMessage } from './slack/deliver-slack.js';
import { userTeams } from './user-teams.js';

const SNOOZE_SECONDS = 24 * 3_600;

/** The settings a button press needs: who may act, and how long Expected stays quiet. */
type ActingConfig = Pick<AiSpendConfig, 'teams' | 'admins'> & {
  alerts?: Pick<AiSpendConfig['alerts'], 'expectedQuietDays'>;
};

/** The action a button stands for; `undefined` for a button this version does not know. */
export function alertActionOf(
  actionId: string,
  now: number,
  reason?: string,
  expectedQuietDays = EXPECTED_QUIET_DAYS,
): AlertAction | undefined {
  if (actionId === ALERT_ACTION_IDS.acknowledge) return { kind: 'acknowledge' };
  if (actionId === ALERT_ACTION_IDS.snooze) return { kind: 'snooze', until: now + SNOOZE_SECONDS };
  if (actionId === ALERT_ACTION_IDS.expected)
    return {
      kind: 'expected',
      reason: reason ?? 'marked expected in chat',
      until: now + expectedQuietDays * 86_400,
    };
  return undefined;
}

/**
 * Records a button press on an alert (who, when; idempotent) and returns the refreshed message to
 * show everyone, or a polite refusal for the presser. Members of the alert's team (managers, or
 * whoever presses in the team's own channel) and admins may act; alerts nobody owns, anyone.
 */
export function actOnAlert(
  db: Database.Database,
  config: ActingConfig,
  press: AlertPress,
  now: number,
): AlertButtonOutcome {
  if (press.alertIds !== undefined && press.alertIds.length > 1) return actOnBatch(db, config, press, now);
  const outcome = actOnOne(db, config, { ...press, alertId: press.alertId }, now);
  if (outcome.kind !== 'changed') return outcome;
  const shown = alertsNow(db, [outcome.alert.id], now);
  if (shown === undefined) return { kind: 'refused', reason: 'This alert no longer exists.' };
  return {
    kind: 'updated',
    message: slackMessage({ view: shown.view, mentions: alertMentions(outcome.alert) }),
  };
}

type OneOutcome = Exclude<AlertButtonOutcome, { kind: 'updated' }> | { kind: 'changed'; alert: Alert };

function actOnOne(
  db: Database.Database,
  config: ActingConfig,
  press: Omit<AlertPress, 'alertIds'>,
  now: number,
): OneOutcome {
  const action = alertActionOf(press.actionId, now, press.reason, config.alerts?.expectedQuietDays);
  if (action === undefined)
    return { kind: 'refused', reason: 'That button is not known to this version of ai-spend.' };
  const store = createAlertStore(db);
  const alert = store.get(press.alertId);
  if (alert === undefined) return { kind: 'refused', reason: 'This alert no longer exists.' };
  const owner = config.teams[alert.team];
  const inTeamChannel =
    press.channelId !== undefined &&
    (owner?.slackChannel === press.channelId || owner?.teamsChannel === press.channelId);
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
  return { kind: 'changed', alert: outcome.alert };
}

/**
 * A button of a batched message: the action applies to each alert it lists (each checked on its
 * own), then the batch is shown again with their states. Refused only when nothing could change.
 */
function actOnBatch(
  db: Database.Database,
  config: ActingConfig,
  press: Omit<AlertPress, 'alertId'>,
  now: number,
): AlertButtonOutcome {
  const ids = press.alertIds ?? [];
  const outcomes = ids.map((alertId) => actOnOne(db, config, { ...press, alertId }, now));
  if (!outcomes.some((outcome) => outcome.kind === 'changed')) {
    const refused = outcomes.find((outcome) => outcome.kind === 'refused');
    return refused ?? { kind: 'unchanged' };
  }
  const shown = alertsNow(db, ids, now);
  if (shown === undefined) return { kind: 'refused', reason: 'These alerts no longer exist.' };
  const mentions = [...new Set(shown.alerts.flatMap((alert) => alertMentions(alert)))];
  return { kind: 'updated', message: slackMessage({ view: shown.view, mentions }) };
}

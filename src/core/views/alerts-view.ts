import type { Alert, AlertCandidateView } from '../alerts/alert.js';
import { mention } from '../alerts/alert-message.js';
import { formatAlertTime } from '../alerts/format-alert-time.js';
import { isoTime, type Period, utcMinute } from '../period.js';
import type { MessageView } from './message-view.js';

/** Rows listed before "and N more". */
const MAX_ROWS = 10;

const RULE_NAMES: Record<Alert['rule'], string> = {
  quota: 'quota',
  quota_throttles: 'throttling',
  quota_rightsizing: 'quota size',
  cost_anomaly: 'cost anomaly',
  latency_shift: 'latency shift',
  latency_followup: 'after a latency shift',
  retry_storm: 'retry storm',
  migration: 'migration',
  budget: 'budget',
  no_data: 'no data',
  reconcile_drift: 'bill vs estimate',
};

/** `[period]` as people say it: `2026-11-22 → 2026-11-28` (whole UTC days, both ends included). */
function periodLabel(period: Period): string {
  return `${isoTime(period.start).slice(0, 10)} → ${isoTime(period.end - 1).slice(0, 10)}`;
}

/** Who did what to an alert, for a list row: `acknowledged by <@U1> 14:05 UTC`. */
function stateOf(alert: Alert, now: number): string {
  const at = (time: number | undefined) => (time === undefined ? '' : ` ${formatAlertTime(time, now)}`);
  switch (alert.state) {
    case 'open':
      return `open since${at(alert.openSince)}`;
    case 'acknowledged':
      return `acknowledged by ${actor(alert.acknowledgedBy)}${at(alert.acknowledgedAt)}`;
    case 'snoozed':
      return `snoozed until${at(alert.snoozedUntil)}`;
    case 'expected':
      return `expected (${alert.expectedReason ?? 'no reason'}) by ${actor(alert.expectedBy)}`;
    case 'resolved':
      return `resolved${at(alert.resolvedAt)}${alert.acknowledgedBy ? `, acknowledged by ${actor(alert.acknowledgedBy)}` : ''}`;
  }
}

function actor(id: string | undefined): string {
  return id === undefined ? 'someone' : mention(id);
}

/**
 * `alerts [period]`: every alert not resolved, then those resolved within the period, each with
 * its team, kind, state and who acted. Critical before warning, newest first.
 */
export function alertsView(alerts: readonly Alert[], period: Period, now: number): MessageView {
  const open = alerts.filter((alert) => alert.state !== 'resolved');
  const recent = alerts.filter((alert) => alert.state === 'resolved');
  const order = (a: Alert, b: Alert) =>
    (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1) || b.openedAt - a.openedAt;
  const rows = (list: readonly Alert[]) =>
    [...list]
      .sort(order)
      .slice(0, MAX_ROWS)
      .map((alert) => ({
        label: `${alert.severity === 'critical' ? '🔴' : '🟠'} #${alert.id} ${alert.team} · ${RULE_NAMES[alert.rule]}`,
        value: `${alert.title} (${stateOf(alert, now)})`,
      }));
  const sections = [
    ...(open.length > 0
      ? [{ title: `Open (${open.length})`, rows: rows(open), ...more(open.length) }]
      : [{ title: 'Open', text: 'No open alerts.' }]),
    ...(recent.length > 0
      ? [{ title: `Resolved in the period (${recent.length})`, rows: rows(recent), ...more(recent.length) }]
      : []),
  ];
  const critical = open.filter((alert) => alert.severity === 'critical').length;
  return {
    title: 'Alerts',
    summary:
      open.length === 0
        ? `Nothing needs attention; ${recent.length} alert${recent.length === 1 ? '' : 's'} resolved in ${periodLabel(period)}.`
        : `${open.length} alert${open.length === 1 ? '' : 's'} not resolved${critical > 0 ? `, ${critical} critical` : ''}; ${recent.length} resolved in ${periodLabel(period)}.`,
    sections,
    context: [`as of ${utcMinute(now)}`],
  };
}

/**
 * `anomalies [period]`: the cost anomalies opened in the period, largest change first, each with
 * its change in dollars and its top contributor (root cause).
 */
export function anomaliesView(alerts: readonly Alert[], period: Period, now: number): MessageView {
  const anomalies = alerts
    .filter((alert) => alert.rule === 'cost_anomaly')
    .sort((a, b) => Math.abs(change(b)) - Math.abs(change(a)) || b.openedAt - a.openedAt);
  const rows = anomalies.slice(0, MAX_ROWS).map((alert) => {
    const top = mainCause(alert);
    return {
      label: `#${alert.id} ${alert.team} · ${formatAlertTime(alert.observedAt, now)}`,
      value: `${alert.title}${top ? ` — mostly ${top}` : ''} · ${alert.state}`,
    };
  });
  return {
    title: 'Cost anomalies',
    summary:
      anomalies.length === 0
        ? `No cost anomalies in ${periodLabel(period)}.`
        : `${anomalies.length} cost anomal${anomalies.length === 1 ? 'y' : 'ies'} in ${periodLabel(period)}, largest change first.`,
    sections: anomalies.length === 0 ? [] : [{ rows, ...more(anomalies.length) }],
    context: [
      'Spikes and drops against the usual for the hour of the week (estimated) or the weekday (billed where billed).',
      `as of ${utcMinute(now)}`,
    ],
  };
}

/** Dimensions from the most to the least specific: a feature says more than its provider. */
const SPECIFICITY = ['api_key', 'feature', 'model', 'region', 'provider', 'team'];

/**
 * The contributor that best names the cause: among those close to the largest change (90%), the
 * most specific dimension. Falls back to the first row shown.
 */
function mainCause(alert: Alert): string | undefined {
  const contributors = alert.details.contributors as
    | Array<{ dimension: string; value: string; deltaMicros: number; share: number }>
    | undefined;
  const largest = Math.max(0, ...(contributors ?? []).map((entry) => Math.abs(entry.deltaMicros)));
  const close = (contributors ?? []).filter(
    (entry) => largest > 0 && Math.abs(entry.deltaMicros) >= 0.9 * largest,
  );
  const best = close.sort((a, b) => rank(a.dimension) - rank(b.dimension))[0];
  if (best !== undefined) {
    const name = best.dimension === 'api_key' ? 'API key' : best.dimension;
    return `${name} ${best.value} (${Math.round(best.share * 100)}%)`;
  }
  const row = (alert.details.view as AlertCandidateView | undefined)?.contributors?.rows[0];
  return row === undefined ? undefined : `${row.label} (${row.value})`;
}

function rank(dimension: string): number {
  const index = SPECIFICITY.indexOf(dimension);
  return index === -1 ? SPECIFICITY.length : index;
}

function change(alert: Alert): number {
  const value = alert.details.deltaMicros;
  return typeof value === 'number' ? value : 0;
}

function more(count: number): { more?: number } {
  return count > MAX_ROWS ? { more: count - MAX_ROWS } : {};
}

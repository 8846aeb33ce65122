import type { QuotaAlertDetails } from '../rules/quota-rule.js';
import type { MessageAction, MessageView } from '../views/message-view.js';
import type { Alert, AlertCandidateView } from './alert.js';
import { formatAlertTime } from './format-alert-time.js';

const MAX_CONTRIBUTORS = 5;
/** Alerts listed in one batched message; the rest are counted. */
const MAX_BATCHED = 8;

/** Button ids; each button's `value` is the alert id. */
export const ALERT_ACTION_IDS = {
  acknowledge: 'alert.acknowledge',
  snooze: 'alert.snooze',
  expected: 'alert.expected',
} as const;

/** A Slack user (`U…`, `W…`) or user group (`S…`) id: the only things a message may mention. */
export const SLACK_ID = /^[UWS][A-Z0-9]{2,}$/;

export interface AlertMessageOptions {
  /** The freshness stamp of the figures, e.g. `signals through 2026-11-24 15:48 UTC`. */
  freshness: string;
  /** Shares to show instead of those stored with the alert (quota alerts). */
  teamShares?: ReadonlyArray<{ team: string; share: number }>;
  /** The escalation variant: pages `oncall` (a Slack user group id) after `afterMinutes`. */
  escalation?: { oncall?: string; afterMinutes: number };
  /** The condition escalated or grew materially since people were told: say so. */
  worse?: boolean;
}

/**
 * The chat message of an alert: what and how bad, its figures, the freshness and state lines,
 * and the Acknowledge / Snooze 24h / Expected buttons (none once resolved).
 */
export function alertMessage(
  alert: Alert,
  { freshness, teamShares, escalation, worse }: AlertMessageOptions,
): MessageView {
  const view = alert.details.view as AlertCandidateView | undefined;
  const facts = [...(alert.rule === 'quota' ? quotaFacts(alert, teamShares) : []), ...(view?.facts ?? [])];
  const contributors = view?.contributors;
  const sections = [
    ...(facts.length > 0 ? [{ facts }] : []),
    ...(contributors && contributors.rows.length > 0
      ? [{ title: contributors.title, rows: contributors.rows.slice(0, MAX_CONTRIBUTORS) }]
      : []),
    ...(view?.next ? [{ text: `Next: ${view.next}` }] : []),
  ];
  const page = escalation
    ? `${escalation.oncall ? `${userGroupMention(escalation.oncall)} ` : ''}Nobody has acknowledged this in ${escalation.afterMinutes} min. `
    : '';
  return {
    title: `${escalation ? 'Escalated: ' : worse ? 'Worse: ' : ''}${alert.title}`,
    summary: `${page}${alert.summary}`,
    sections,
    context: [freshness, `${stateLine(alert)} · ${alert.severity}`],
    ...(alert.state === 'resolved' ? {} : { actions: alertActions(alert) }),
  };
}

/**
 * Several new alerts of one team in one pass, as one message: each alert's title and summary, and
 * buttons that act on all of them at once (their `value` lists the alert ids).
 */
export function alertBatchMessage(
  alerts: readonly Alert[],
  { freshness }: { freshness: string },
): MessageView {
  const shown = alerts.slice(0, MAX_BATCHED);
  const team = alerts[0]?.team ?? 'unallocated';
  const critical = alerts.filter((alert) => alert.severity === 'critical').length;
  const value = alerts.map((alert) => alert.id).join(',');
  const open = alerts.filter((alert) => alert.state !== 'resolved');
  return {
    title: `${alerts.length} new alerts for ${team}`,
    summary: `${alerts.length} conditions need a look${critical > 0 ? `, ${critical} critical` : ''}.`,
    sections: [
      ...shown.map((alert) => ({
        title: `${alert.severity === 'critical' ? '🔴' : '🟠'} ${alert.title}`,
        text: `${alert.summary}${nextOf(alert) ? ` Next: ${nextOf(alert)}` : ''}`,
      })),
      ...(alerts.length > shown.length ? [{ more: alerts.length - shown.length }] : []),
    ],
    context: [freshness, batchStateLine(alerts)],
    ...(open.length === 0
      ? {}
      : {
          actions: [
            ...(open.every((alert) => alert.state === 'acknowledged')
              ? []
              : [
                  {
                    id: ALERT_ACTION_IDS.acknowledge,
                    label: 'Acknowledge all',
                    value,
                    style: 'primary' as const,
                  },
                ]),
            { id: ALERT_ACTION_IDS.snooze, label: 'Snooze all 24h', value },
          ],
        }),
  };
}

function nextOf(alert: Alert): string | undefined {
  return (alert.details.view as AlertCandidateView | undefined)?.next;
}

function batchStateLine(alerts: readonly Alert[]): string {
  const counts = new Map<string, number>();
  for (const alert of alerts) counts.set(alert.state, (counts.get(alert.state) ?? 0) + 1);
  const acknowledgers = [
    ...new Set(alerts.map((alert) => alert.acknowledgedBy).filter((by) => by !== undefined)),
  ];
  return [
    [...counts].map(([state, count]) => `${count} ${state}`).join(', '),
    ...(acknowledgers.length > 0 ? [`acknowledged by ${acknowledgers.map(mention).join(', ')}`] : []),
  ].join(' · ');
}

/**
 * The chat user and user-group ids an alert's message mentions on purpose (who acknowledged or
 * marked it, the on-call group of an escalation): a renderer may turn exactly these into mentions.
 */
export function alertMentions(alert: Alert, { oncall }: { oncall?: string } = {}): string[] {
  return [alert.acknowledgedBy, alert.expectedBy, oncall].filter(
    (id): id is string => id !== undefined && SLACK_ID.test(id),
  );
}

/** How a message names who acted: a Slack user id as a mention, anything else as written. */
export function mention(actor: string): string {
  return SLACK_ID.test(actor) && !actor.startsWith('S') ? `<@${actor}>` : actor;
}

function userGroupMention(id: string): string {
  return SLACK_ID.test(id) && id.startsWith('S') ? `<!subteam^${id}>` : `@${id}`;
}

function stateLine(alert: Alert): string {
  const at = (time: number) => formatAlertTime(time, alert.openedAt);
  switch (alert.state) {
    case 'open':
      return `Open since ${at(alert.openSince)}`;
    case 'acknowledged':
      return `Acknowledged by ${mention(alert.acknowledgedBy ?? 'someone')} at ${at(alert.acknowledgedAt ?? alert.updatedAt)}`;
    case 'snoozed':
      return `Snoozed until ${at(alert.snoozedUntil ?? alert.updatedAt)}`;
    case 'expected':
      return `Expected: ${alert.expectedReason ?? 'no reason given'}${alert.expectedBy ? ` (${mention(alert.expectedBy)})` : ''}`;
    case 'resolved':
      return `Resolved at ${at(alert.resolvedAt ?? alert.updatedAt)}`;
  }
}

function alertActions(alert: Alert): MessageAction[] {
  const value = String(alert.id);
  return [
    ...(alert.state === 'acknowledged'
      ? []
      : [{ id: ALERT_ACTION_IDS.acknowledge, label: 'Acknowledge', value, style: 'primary' as const }]),
    { id: ALERT_ACTION_IDS.snooze, label: 'Snooze 24h', value },
    ...(alert.state === 'expected' ? [] : [{ id: ALERT_ACTION_IDS.expected, label: 'Expected', value }]),
  ];
}

function quotaFacts(
  alert: Alert,
  teamShares: AlertMessageOptions['teamShares'],
): Array<{ label: string; value: string }> {
  const details = alert.details as Partial<QuotaAlertDetails>;
  const shares = teamShares ?? details.teams ?? [];
  const owner = shares.find((entry) => entry.team === alert.team) ?? shares[0];
  const others = shares.filter((entry) => entry !== owner);
  const share = (entry: { team: string; share: number }) => `${entry.team} ${Math.round(entry.share * 100)}%`;
  return [
    ...(details.nowPercent === undefined ? [] : [{ label: 'Now', value: `${details.nowPercent}%` }]),
    ...(details.peakPercent === undefined
      ? []
      : [
          {
            label: 'Peak',
            value: `${details.peakPercent}%${details.peakAt ? ` at ${details.peakAt.slice(11, 16)} UTC` : ''}`,
          },
        ]),
    ...(details.limit === undefined
      ? []
      : [{ label: 'Limit', value: `${details.limit.toLocaleString('en-US')} tokens/min` }]),
    ...(owner ? [{ label: 'Owning team', value: share(owner) }] : []),
    ...(others.length > 0 ? [{ label: 'Other teams', value: others.slice(0, 5).map(share).join(', ') }] : []),
    ...(details.minutesToExhaustion === undefined
      ? []
      : [{ label: 'Runs out in', value: `about ${details.minutesToExhaustion} min at this rate` }]),
  ];
}

import { formatUsd } from '../money.js';
import type { QuotaAlertDetails } from '../rules/quota-rule.js';
import type { SpendSpikeDetails } from '../rules/spend-spike-rule.js';
import type { MessageAction, MessageView } from '../views/message-view.js';
import type { Alert } from './alert.js';
import { formatAlertTime } from './format-alert-time.js';

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
}

/**
 * The chat message of an alert: what and how bad, its figures, the freshness and state lines,
 * and the Acknowledge / Snooze 24h / Expected buttons (none once resolved).
 */
export function alertMessage(
  alert: Alert,
  { freshness, teamShares, escalation }: AlertMessageOptions,
): MessageView {
  const facts = alert.rule === 'quota' ? quotaFacts(alert, teamShares) : spikeFacts(alert);
  const page = escalation
    ? `${escalation.oncall ? `${userGroupMention(escalation.oncall)} ` : ''}Nobody has acknowledged this in ${escalation.afterMinutes} min. `
    : '';
  return {
    title: `${escalation ? 'Escalated: ' : ''}${alert.title}`,
    summary: `${page}${alert.summary}`,
    sections: facts.length > 0 ? [{ facts }] : [],
    context: [freshness, `${stateLine(alert)} · ${alert.severity}`],
    ...(alert.state === 'resolved' ? {} : { actions: alertActions(alert) }),
  };
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

function mention(actor: string): string {
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

function spikeFacts(alert: Alert): Array<{ label: string; value: string }> {
  const details = alert.details as Partial<SpendSpikeDetails>;
  if (details.spendMicros === undefined || details.baselineMicros === undefined) return [];
  return [
    { label: `Spend on ${details.day ?? 'the day'}`, value: formatUsd(details.spendMicros) },
    {
      label: 'Usual',
      value: `${formatUsd(details.baselineMicros)} (${details.baselineBasis === 'same_weekday' ? 'same weekday, 4 weeks' : 'previous 7 days'})`,
    },
    {
      label: 'Increase',
      value: `${formatUsd(details.increaseMicros ?? 0)}${details.ratio === undefined ? '' : ` (${details.ratio}×)`}`,
    },
  ];
}

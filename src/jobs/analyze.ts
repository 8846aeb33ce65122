import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../config/config-types.js';
import type { Alert, AlertCandidate } from '../core/alerts/alert.js';
import { alertMentions, alertMessage } from '../core/alerts/alert-message.js';
import { type QuotaLimit, SECONDS_PER_DAY } from '../core/facts.js';
import { isoTime } from '../core/period.js';
import { type QuotaRuleGroup, quotaRule } from '../core/rules/quota-rule.js';
import { spendSpikeRule } from '../core/rules/spend-spike-rule.js';
import type { MessageView } from '../core/views/message-view.js';
import { type AlertStore, createAlertStore, type RecordResult } from '../store/alert-store.js';
import { dailyTeamSpend } from '../store/daily-team-spend.js';
import { recordJobRun } from '../store/job-runs.js';
import { createOutbox } from '../store/outbox-store.js';
import { createSignalQueries, minuteUsage } from '../store/signal-queries.js';

export interface AnalyzeDeps {
  db: Database.Database;
  config: AiSpendConfig;
  /** Quota values from `sources.bedrock.quotas`, which win over Service Quotas (as for `quota`). */
  quotaOverrides?: readonly QuotaLimit[];
  /** A condition absent this long resolves its alert. */
  resolveAfterMinutes?: number;
  /** The window in which a quota minute at a threshold fires the quota rule. */
  quotaLookbackMinutes?: number;
}

/** A message the pass put in the outbox (or could not, `channel` absent), for printing. */
export interface AnalyzeMessage {
  alertId: number;
  kind: 'alert' | 'escalation' | 'update';
  channel?: string;
  view: MessageView;
}

export interface AnalyzeSummary {
  candidates: number;
  opened: number;
  reopened: number;
  woke: number;
  resolved: number;
  unchanged: number;
  escalated: number;
  /** Outbox rows added (a row already there is not counted). */
  enqueued: number;
  messages: AnalyzeMessage[];
  /** Things the operator should know, e.g. an alert with no channel to go to. */
  notes: string[];
}

/** Quotas come from Bedrock's CloudWatch signals, as in the `quota` answer. */
const SIGNAL_SOURCE = 'bedrock';
const HOUR = 3_600;
/** Four weeks of same-weekday baseline before the latest complete day, and that day. */
const SPEND_DAYS = 29;

/**
 * One pass of every rule: the quota rule over the last hour of quota signals and the spend spike
 * rule over daily team spend. New alerts are posted to their team's Slack channel (unowned ones
 * to `slack.default_channel`) through the outbox, resolved or woken ones update their message,
 * and open quota alerts nobody acknowledged for `alerts.escalate_after_minutes` page the team's
 * on-call group. Talks to no chat platform: delivery is a separate job.
 */
export async function analyze(
  { db, config, quotaOverrides = [], resolveAfterMinutes = 15, quotaLookbackMinutes = 15 }: AnalyzeDeps,
  now: number,
): Promise<AnalyzeSummary> {
  return recordJobRun(db, 'analyze', now, async () => {
    const alerts = createAlertStore(db);
    const candidates = [
      ...quotaCandidates(db, quotaOverrides, config.alerts.quotaPercent, now, quotaLookbackMinutes),
      ...spendSpikeRule({
        days: dailyTeamSpend(db, now - (now % SECONDS_PER_DAY) - SPEND_DAYS * SECONDS_PER_DAY, now),
        today: now,
        minMicros: config.alerts.spike.minMicros,
        minRatio: config.alerts.spike.minRatio,
      }),
    ];
    const signalsThrough = createSignalQueries(db).metricsThrough(SIGNAL_SOURCE);
    // Alerts and their messages commit together: a crash never leaves an alert without its post.
    const summary = db
      .transaction(() => {
        const recorded = alerts.record(candidates, now, { resolveAfterMinutes });
        const summary: AnalyzeSummary = {
          candidates: candidates.length,
          opened: recorded.opened.length,
          reopened: recorded.reopened.length,
          woke: recorded.woke.length,
          resolved: recorded.resolved.length,
          unchanged: recorded.unchanged,
          escalated: 0,
          enqueued: 0,
          messages: [],
          notes: [],
        };
        enqueueMessages({ db, config, alerts, recorded, summary, signalsThrough }, now);
        return summary;
      })
      .immediate();
    return { status: 'ok', summary };
  });
}

/**
 * Puts the pass's messages in the outbox: a post per opened or reopened alert, an escalation per
 * alert due for one, an update of the alert's message per woken or resolved alert.
 */
function enqueueMessages(
  {
    db,
    config,
    alerts,
    recorded,
    summary,
    signalsThrough,
  }: {
    db: Database.Database;
    config: AiSpendConfig;
    alerts: AlertStore;
    recorded: RecordResult;
    summary: AnalyzeSummary;
    signalsThrough: number | null;
  },
  now: number,
): void {
  const outbox = createOutbox(db);
  const freshness = (alert: Alert) => alertFreshness(alert, signalsThrough, now);
  const send = (
    alert: Alert,
    kind: AnalyzeMessage['kind'],
    key: string,
    view: MessageView,
    oncall?: string,
  ) => {
    const channel = slackChannel(config, alert.team);
    summary.messages.push({ alertId: alert.id, kind, ...(channel ? { channel } : {}), view });
    if (channel === undefined) {
      summary.notes.push(
        `alert ${alert.id} (${alert.title}) has no Slack channel: set teams.${alert.team}.slack_channel or slack.default_channel`,
      );
      return;
    }
    const { created } = outbox.enqueue({
      dedupeKey: key,
      platform: 'slack',
      channel,
      payload: { view, mentions: alertMentions(alert, oncall === undefined ? {} : { oncall }) },
      // An escalation is a message of its own: updates edit the alert's post, not it.
      ...(kind === 'escalation' ? {} : { alertId: alert.id }),
      mode: kind === 'update' ? 'update' : 'post',
      now,
    });
    if (created) summary.enqueued += 1;
  };

  for (const alert of [...recorded.opened, ...recorded.reopened]) {
    const view = alertMessage(alert, { freshness: freshness(alert) });
    send(alert, 'alert', `alert|${alert.id}|post|${alert.openedAt}`, view);
  }
  const { escalateAfterMinutes } = config.alerts;
  for (const alert of alerts.dueForEscalation(now, escalateAfterMinutes)) {
    if (!alerts.markEscalated(alert.id, now)) continue;
    summary.escalated += 1;
    const oncall = config.teams[alert.team]?.oncall;
    const view = alertMessage(alert, {
      freshness: freshness(alert),
      escalation: { ...(oncall ? { oncall } : {}), afterMinutes: escalateAfterMinutes },
    });
    send(alert, 'escalation', `alert|${alert.id}|escalation|${alert.openSince}`, view, oncall);
  }
  for (const alert of [...recorded.woke, ...recorded.resolved]) {
    // Only a message that was (or will be) posted can be edited.
    if (outbox.alertPostState(alert.id, 'slack') === undefined) continue;
    const key = `alert|${alert.id}|update|${alert.state}|${alert.updatedAt}`;
    send(alert, 'update', key, alertMessage(alert, { freshness: freshness(alert) }));
  }
}

function quotaCandidates(
  db: Database.Database,
  overrides: readonly QuotaLimit[],
  thresholds: readonly number[],
  now: number,
  lookbackMinutes: number,
): AlertCandidate[] {
  const signals = createSignalQueries(db);
  const regions = new Map<
    string,
    Pick<QuotaRuleGroup, 'owners' | 'usedByModel'> & { points: ReturnType<typeof signals.quotaUsagePoints> }
  >();
  const groups = signals.quotaGroups(SIGNAL_SOURCE, overrides).map((group): QuotaRuleGroup => {
    let region = regions.get(group.region);
    if (region === undefined) {
      region = {
        owners: signals.owners(SIGNAL_SOURCE, group.region),
        points: signals.quotaUsagePoints(SIGNAL_SOURCE, group.region, now - HOUR, now),
        usedByModel: signals.totalsByModel(
          SIGNAL_SOURCE,
          'EstimatedTPMQuotaUsage',
          group.region,
          now - lookbackMinutes * 60,
          now,
        ),
      };
      regions.set(group.region, region);
    }
    return {
      ...group,
      minutes: minuteUsage(region.points, group),
      owners: region.owners,
      usedByModel: region.usedByModel,
    };
  });
  return quotaRule({ groups, thresholds, now, lookbackMinutes });
}

/** The team's channel; unowned alerts and teams without one go to `slack.default_channel`. */
function slackChannel(config: AiSpendConfig, team: string): string | undefined {
  return config.teams[team]?.slackChannel ?? config.slack.defaultChannel;
}

/** The freshness stamp of an alert message: the signals behind a quota alert, the day of a spike. */
export function alertFreshness(alert: Alert, signalsThrough: number | null, now: number): string {
  return alert.rule === 'quota'
    ? `signals through ${signalsThrough === null ? 'no collection yet' : stamp(signalsThrough)}`
    : `daily spend as of ${stamp(now)} (billed where billed, else estimated)`;
}

function stamp(time: number): string {
  return `${isoTime(time).slice(0, 16).replace('T', ' ')} UTC`;
}

import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../config/config-types.js';
import type { Alert, AlertRule } from '../core/alerts/alert.js';
import { alertBatchMessage, alertMentions, alertMessage } from '../core/alerts/alert-message.js';
import { type QuotaLimit, SECONDS_PER_DAY } from '../core/facts.js';
import { noDataRule, staleSources } from '../core/rules/no-data-rule.js';
import type { MessageView } from '../core/views/message-view.js';
import { type AlertStore, createAlertStore, type RecordResult } from '../store/alert-store.js';
import { createDetectionQueries } from '../store/detection-queries.js';
import { lastOkRun, recordJobRun } from '../store/job-runs.js';
import { type ChatPlatform, createOutbox } from '../store/outbox-store.js';
import { createSignalQueries } from '../store/signal-queries.js';
import { createSpendQueries } from '../store/spend-queries.js';
import { alertFreshness } from './alert-freshness.js';
import { costAnomalyCandidates } from './detection/cost-anomaly-pass.js';
import { quotaCandidates } from './detection/quota-pass.js';
import { reconcileCandidates } from './detection/reconcile-pass.js';
import { SIGNAL_SOURCES, signalCandidates } from './detection/signal-pass.js';
import { teamCandidates } from './detection/team-pass.js';

export interface AnalyzeDeps {
  db: Database.Database;
  config: AiSpendConfig;
  /** Quota values from `sources.bedrock.quotas`, which win over Service Quotas (as for `quota`). */
  quotaOverrides?: readonly QuotaLimit[];
  /** A condition absent this long resolves its alert; default `alerts.resolve_after_minutes`. */
  resolveAfterMinutes?: number;
  /** The window in which a quota minute at a threshold fires the quota rule. */
  quotaLookbackMinutes?: number;
}

/** A message the pass put in the outbox (or could not, `channel` absent), for printing. */
export interface AnalyzeMessage {
  alertId: number;
  kind: 'alert' | 'batch' | 'escalation' | 'worse' | 'update';
  channel?: string;
  view: MessageView;
}

export interface AnalyzeSummary {
  candidates: number;
  opened: number;
  reopened: number;
  woke: number;
  resolved: number;
  worsened: number;
  unchanged: number;
  escalated: number;
  /** Outbox rows added (a row already there is not counted). */
  enqueued: number;
  messages: AnalyzeMessage[];
  /** Things the operator should know, e.g. an alert with no channel to go to. */
  notes: string[];
}

/** Quotas and latency come from Bedrock's CloudWatch signals, as in the `quota` answer. */
const SIGNAL_SOURCE = 'bedrock';
/** Rules whose alerts for one team in one pass are posted as one message. */
const BATCHED_RULES: ReadonlySet<AlertRule> = new Set([
  'cost_anomaly',
  'migration',
  'latency_followup',
  'quota_rightsizing',
  'budget',
  'retry_storm',
]);

/** Rules whose fingerprint names a period (a month) and that tell each condition once in it. */
const ONCE_PER_PERIOD: ReadonlySet<AlertRule> = new Set(['budget']);

/**
 * One pass of every rule. Spend rules read only what every reporting source has completed (a late
 * source is never read as a drop) and leave out sources that stopped reporting, which raise a
 * no-data alert instead. New alerts are posted to their team's Slack channel (unowned ones to
 * `slack.default_channel`) through the outbox, several spend alerts for one team as one message;
 * conditions that escalate or grow materially are posted again; resolved or woken alerts update
 * their message; open quota alerts nobody acknowledged for `alerts.escalate_after_minutes` page
 * the team's on-call group. Talks to no chat platform: delivery is a separate job.
 */
export async function analyze(
  { db, config, quotaOverrides = [], resolveAfterMinutes, quotaLookbackMinutes = 15 }: AnalyzeDeps,
  now: number,
): Promise<AnalyzeSummary> {
  return recordJobRun(db, 'analyze', now, async () => {
    const lastPassAt = lastOkRun(db, 'analyze', now);
    const alerts = createAlertStore(db);
    const queries = createDetectionQueries(db);
    const spend = createSpendQueries(db);
    const signalQueries = createSignalQueries(db);
    // Quota alerts and their freshness stamps come from Bedrock's signals, as in the `quota` answer.
    const signalsThrough = signalQueries.metricsThrough(SIGNAL_SOURCE);
    const reports = spend.freshness(spend.known('provider'));
    const stale = staleSources(reports, now, config.alerts.noDataAfterMinutes);
    const exclude = new Set(stale.map((entry) => entry.source));
    const fresh = reports
      .filter((report) => !exclude.has(report.source))
      .map((report) => report.usageThrough)
      .filter((through): through is number => through !== null);
    const usageThrough = fresh.length === 0 ? null : Math.min(...fresh, now);
    const live = [
      ...noDataRule({ sources: reports, now, afterMinutes: config.alerts.noDataAfterMinutes }),
      ...quotaCandidates({
        db,
        queries,
        alerts: config.alerts,
        overrides: quotaOverrides,
        now,
        lookbackMinutes: quotaLookbackMinutes,
      }),
      ...signalCandidates({
        queries,
        alerts: config.alerts,
        now,
        sources: SIGNAL_SOURCES.map((source) => ({
          source,
          signalsThrough: signalQueries.metricsThrough(source),
          usageThrough: reports.find((report) => report.source === source)?.usageThrough ?? null,
        })),
      }),
      ...costAnomalyCandidates(queries, config.alerts, { hourlyThrough: usageThrough, exclude }),
      ...reconcileCandidates({ db, thresholds: config.alerts.reconcile, now }),
    ];
    const candidates = [
      ...live,
      ...teamCandidates({
        db,
        queries,
        config,
        now,
        dayThrough: usageThrough === null ? null : usageThrough - (usageThrough % SECONDS_PER_DAY),
        lastPassAt,
        live: new Set(live.map((candidate) => candidate.fingerprint)),
      }),
    ];
    // Alerts and their messages commit together: a crash never leaves an alert without its post.
    const summary = db
      .transaction(() => {
        const recorded = alerts.record(candidates, now, {
          resolveAfterMinutes: resolveAfterMinutes ?? config.alerts.resolveAfterMinutes,
        });
        const summary: AnalyzeSummary = {
          candidates: candidates.length,
          opened: recorded.opened.length,
          reopened: recorded.reopened.length,
          woke: recorded.woke.length,
          resolved: recorded.resolved.length,
          worsened: recorded.worsened.length,
          unchanged: recorded.unchanged,
          escalated: 0,
          enqueued: 0,
          messages: [],
          notes: [],
        };
        enqueueMessages({ db, config, alerts, recorded, summary, signalsThrough, usageThrough }, now);
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
    usageThrough,
  }: {
    db: Database.Database;
    config: AiSpendConfig;
    alerts: AlertStore;
    recorded: RecordResult;
    summary: AnalyzeSummary;
    signalsThrough: number | null;
    usageThrough: number | null;
  },
  now: number,
): void {
  const outbox = createOutbox(db);
  const freshness = (alert: Alert) => alertFreshness(alert, signalsThrough, now, usageThrough);
  const send = (
    alert: Alert,
    kind: AnalyzeMessage['kind'],
    key: string,
    view: MessageView,
    oncall?: string,
  ) => {
    const channel = slackChannel(config, alert.team);
    const teamsChannel = msteamsChannel(config, alert.team);
    summary.messages.push({ alertId: alert.id, kind, ...(channel ? { channel } : {}), view });
    if (channel === undefined && teamsChannel === undefined) {
      summary.notes.push(
        `alert ${alert.id} (${alert.title}) has no Slack channel: set teams.${alert.team}.slack_channel or slack.default_channel`,
      );
      return;
    }
    // A Teams channel is enqueued even before the app is installed there: delivery waits for the
    // conversation reference the install brings and reports the channel meanwhile.
    const targets: Array<[ChatPlatform, string | undefined]> = [
      ['slack', channel],
      ['msteams', teamsChannel],
    ];
    for (const [platform, target] of targets) {
      if (target === undefined) continue;
      if (kind === 'update' && outbox.alertPostState(alert.id, platform) === undefined) continue;
      const { created } = outbox.enqueue({
        dedupeKey: platform === 'slack' ? key : `${platform}|${key}`,
        platform,
        channel: target,
        payload: { view, mentions: alertMentions(alert, oncall === undefined ? {} : { oncall }) },
        // Escalations, news of a worse condition and batches are messages of their own: updates edit
        // the alert's own post.
        ...(kind === 'alert' || kind === 'update' ? { alertId: alert.id } : {}),
        mode: kind === 'update' ? 'update' : 'post',
        now,
      });
      if (created) summary.enqueued += 1;
    }
  };
  const posted = (alert: Alert) =>
    outbox.alertPostState(alert.id, 'slack') !== undefined ||
    outbox.alertPostState(alert.id, 'msteams') !== undefined;

  // A budget threshold is told once a month (its fingerprint names the month): coming back after a
  // dip edits the message people already have instead of posting again.
  const retold = recorded.reopened.filter((alert) => ONCE_PER_PERIOD.has(alert.rule));
  for (const alert of retold) {
    if (!posted(alert)) continue;
    const key = `alert|${alert.id}|update|${alert.state}|${alert.updatedAt}`;
    send(alert, 'update', key, alertMessage(alert, { freshness: freshness(alert) }));
  }
  const fresh = [...recorded.opened, ...recorded.reopened.filter((alert) => !retold.includes(alert))];
  const batches = new Map<string, Alert[]>();
  for (const alert of fresh.filter((entry) => BATCHED_RULES.has(entry.rule))) {
    batches.set(alert.team, [...(batches.get(alert.team) ?? []), alert]);
  }
  for (const alert of fresh) {
    const batch = batches.get(alert.team);
    if (BATCHED_RULES.has(alert.rule) && batch !== undefined && batch.length > 1) continue;
    const view = alertMessage(alert, { freshness: freshness(alert) });
    send(alert, 'alert', `alert|${alert.id}|post|${alert.openedAt}`, view);
  }
  for (const batch of batches.values()) {
    const [first] = batch;
    if (first === undefined || batch.length < 2) continue;
    const view = alertBatchMessage(batch, { freshness: freshness(first) });
    send(first, 'batch', `batch|${batch.map((alert) => `${alert.id}@${alert.openedAt}`).join(',')}`, view);
  }
  for (const alert of recorded.worsened) {
    const view = alertMessage(alert, { freshness: freshness(alert), worse: true });
    send(
      alert,
      'worse',
      `alert|${alert.id}|worse|${alert.updatedAt}|${alert.notifiedMagnitude ?? alert.severity}`,
      view,
    );
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
    if (!posted(alert)) continue;
    const key = `alert|${alert.id}|update|${alert.state}|${alert.updatedAt}`;
    send(alert, 'update', key, alertMessage(alert, { freshness: freshness(alert) }));
  }
}

/** The team's Teams channel; unowned alerts and teams without one go to `msteams.default_channel`. */
function msteamsChannel(config: AiSpendConfig, team: string): string | undefined {
  return config.teams[team]?.teamsChannel ?? config.msteams.defaultChannel;
}

/** The team's channel; unowned alerts and teams without one go to `slack.default_channel`. */
function slackChannel(config: AiSpendConfig, team: string): string | undefined {
  return config.teams[team]?.slackChannel ?? config.slack.defaultChannel;
}

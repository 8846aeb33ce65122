import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../../config/config-types.js';
import type { AlertCandidate, AlertRule } from '../../core/alerts/alert.js';
import { type BacktestAlert, toBacktestAlert } from '../../core/backtest/backtest-alert.js';
import { type QuotaLimit, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../core/facts.js';
import { staleSources } from '../../core/rules/no-data-rule.js';
import { createAlertStore } from '../../store/alert-store.js';
import { createDetectionQueries, type DetectionQueries } from '../../store/detection-queries.js';
import { openDatabase } from '../../store/open-database.js';
import { createSignalQueries } from '../../store/signal-queries.js';
import { createSpendQueries } from '../../store/spend-queries.js';
import { costAnomalyCandidates } from '../detection/cost-anomaly-pass.js';
import { quotaCandidates } from '../detection/quota-pass.js';
import { SIGNAL_SOURCES, signalCandidates } from '../detection/signal-pass.js';
import { alertsWithSettings, type BacktestSettings, ruleSupport } from './backtest-settings.js';
import { createReplayQueries, createReplaySignals } from './replay-queries.js';

/** The cost anomaly pass reads up to eight weeks of days before the clock. */
const SPEND_HISTORY = 57 * SECONDS_PER_DAY;
/** The signal passes read up to eight days of TTFT (latency) before the clock. */
const SIGNAL_HISTORY = 9 * SECONDS_PER_DAY;

/** The rules over the fast signals (TTFT, throttles, calls), run by the signal pass. */
const SIGNAL_RULES: ReadonlySet<AlertRule> = new Set(['latency_shift', 'quota_throttles', 'retry_storm']);
const QUOTA_RULES: ReadonlySet<AlertRule> = new Set(['quota', 'quota_rightsizing']);

export interface HistoryBacktestOptions {
  db: Database.Database;
  config: AiSpendConfig;
  rule: AlertRule;
  /** The simulated clock runs over `[since, until)`, UTC epoch seconds. */
  since: number;
  until: number;
  /** Seconds between simulated passes: the collection interval. */
  stepSeconds: number;
  settings: BacktestSettings;
  quotaOverrides?: readonly QuotaLimit[];
  /** A day's bill is counted from this many hours after the day ends (billed facts record no arrival). */
  billedDelayHours?: number;
  quotaLookbackMinutes?: number;
}

export interface HistoryBacktestResult {
  /** Simulated passes run. */
  passes: number;
  alerts: BacktestAlert[];
}

/**
 * Replays the stored history through one rule as the scheduler would have run it: a simulated
 * clock steps over `[since, until)` and each pass calls the live detection pass with `now` set to
 * the clock, reading only what was there then (usage through `min(cursor, now)`, signals through
 * `min(latest, now)`, a day's bill from `billedDelayHours` after the day); the candidates go through
 * the real alert store (a scratch in-memory database), so hysteresis and reopening are the live ones.
 * Returns each alert opened or reopened, with the pass time as `at`.
 */
export function backtestHistory({
  db,
  config,
  rule,
  since,
  until,
  stepSeconds,
  settings,
  quotaOverrides = [],
  billedDelayHours = 48,
  quotaLookbackMinutes = 15,
}: HistoryBacktestOptions): HistoryBacktestResult {
  if (!ruleSupport(rule).history) return { passes: 0, alerts: [] };
  const alerts = alertsWithSettings(config.alerts, settings);
  const queries = createDetectionQueries(db);
  const signalQueries = createSignalQueries(db);
  const spend = createSpendQueries(db);
  const reports = spend.freshness(spend.known('provider'));
  const signalsLatest = new Map(
    SIGNAL_SOURCES.map((source) => [source, signalQueries.metricsThrough(source)]),
  );
  const replayQueries = createReplayQueries(queries, {
    start: since - (rule === 'cost_anomaly' ? SPEND_HISTORY : SIGNAL_HISTORY),
    end: until,
    spend: rule === 'cost_anomaly',
  });
  // Right-sizing reads two weeks of minutes before each pass.
  const replaySignals = createReplaySignals(signalQueries, {
    start: since - 15 * SECONDS_PER_DAY,
    end: until,
  });
  const scratch = openDatabase({ path: ':memory:' });
  const store = createAlertStore(scratch);
  const granularity = settings.granularity;
  const keep = (candidate: AlertCandidate) =>
    candidate.rule === rule &&
    (rule !== 'cost_anomaly' ||
      granularity === undefined ||
      granularity === 'both' ||
      candidate.fingerprint.startsWith(`cost_anomaly|${granularity}|`));
  let cacheKey = '';
  let cached: AlertCandidate[] = [];
  const raised: BacktestAlert[] = [];
  let passes = 0;
  try {
    for (let now = since; now < until; now += stepSeconds) {
      passes += 1;
      const bounded = reports.map((report) => ({
        ...report,
        usageThrough: report.usageThrough === null ? null : Math.min(report.usageThrough, now),
      }));
      const stale = staleSources(bounded, now, config.alerts.noDataAfterMinutes);
      const exclude = new Set(stale.map((entry) => entry.source));
      const fresh = bounded
        .filter((report) => !exclude.has(report.source))
        .map((report) => report.usageThrough)
        .filter((through): through is number => through !== null);
      const usageThrough = fresh.length === 0 ? null : Math.min(...fresh, now);
      const billedBefore = now - billedDelayHours * SECONDS_PER_HOUR - SECONDS_PER_DAY;
      const asOf: DetectionQueries = replayQueries(billedBefore);
      let candidates: AlertCandidate[];
      if (rule === 'cost_anomaly') {
        // The pass reads whole hours through `usageThrough` and bills by day: within an hour
        // (same sources left out, same bills in) it finds the same conditions.
        const hour = usageThrough === null ? 'none' : usageThrough - (usageThrough % SECONDS_PER_HOUR);
        const billedDay = billedBefore - (billedBefore % SECONDS_PER_DAY);
        const key = `${hour}|${billedDay}|${[...exclude].sort().join(',')}`;
        if (key !== cacheKey) {
          cacheKey = key;
          cached = costAnomalyCandidates(asOf, alerts, { hourlyThrough: usageThrough, exclude });
        }
        candidates = cached;
      } else if (QUOTA_RULES.has(rule)) {
        candidates = quotaCandidates({
          db,
          signals: replaySignals,
          queries: asOf,
          alerts,
          overrides: quotaOverrides,
          now,
          lookbackMinutes:
            typeof settings.lookback_minutes === 'number' ? settings.lookback_minutes : quotaLookbackMinutes,
        });
      } else if (SIGNAL_RULES.has(rule)) {
        candidates = signalCandidates({
          queries: asOf,
          alerts,
          now,
          sources: SIGNAL_SOURCES.map((source) => {
            const latest = signalsLatest.get(source) ?? null;
            return {
              source,
              signalsThrough: latest === null ? null : Math.min(latest, now),
              usageThrough: bounded.find((report) => report.source === source)?.usageThrough ?? null,
            };
          }),
        });
      } else {
        candidates = [];
      }
      const firing = candidates.filter(keep);
      const recorded = store.record(firing, now, {
        resolveAfterMinutes: alerts.resolveAfterMinutes,
        rules: [rule],
      });
      const byFingerprint = new Map(firing.map((candidate) => [candidate.fingerprint, candidate]));
      for (const alert of [...recorded.opened, ...recorded.reopened]) {
        const candidate = byFingerprint.get(alert.fingerprint);
        if (candidate !== undefined) raised.push(toBacktestAlert(candidate, now));
      }
    }
  } finally {
    scratch.close();
  }
  return { passes, alerts: raised };
}

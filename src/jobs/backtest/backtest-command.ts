import { basename, extname } from 'node:path';
import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../../config/config-types.js';
import { quotaOverrides } from '../../config/quota-overrides.js';
import type { AlertRule } from '../../core/alerts/alert.js';
import type { BacktestAlert } from '../../core/backtest/backtest-alert.js';
import { parseSeriesCsv } from '../../core/backtest/parse-series-csv.js';
import {
  isSeriesRule,
  type SeriesBacktestSettings,
  seriesBacktest,
} from '../../core/backtest/series-backtest.js';
import { type BacktestSummary, summarizeBacktest } from '../../core/backtest/summarize-backtest.js';
import { AiSpendError } from '../../core/errors.js';
import { SECONDS_PER_DAY } from '../../core/facts.js';
import { MICROS_PER_USD } from '../../core/money.js';
import { DEFAULT_DAILY_SETTINGS, DEFAULT_HOURLY_SETTINGS } from '../../core/rules/cost-anomaly-rule.js';
import { backtestHistory } from './backtest-history.js';
import {
  applySettingOverrides,
  type BacktestSettings,
  defaultSettings,
  RULE_SUPPORT,
  resolveRule,
  ruleSupport,
} from './backtest-settings.js';

/** What `ai-spend backtest` was asked, times already parsed (UTC epoch seconds). */
export interface BacktestRequest {
  rule: string;
  since?: number;
  until?: number;
  /** `team=search`, `model=claude-sonnet-4-5`…; an alert matching any is kept. */
  scopes?: readonly string[];
  /** CSV files (`timestamp,value`) instead of the database. */
  series?: readonly string[];
  /** `key=value` rule settings. */
  sets?: readonly string[];
  /** Minutes between simulated passes over the history. */
  stepMinutes?: number;
}

/** The replay of one rule: its settings and, per series (or the history), the alerts raised. */
export interface BacktestReport {
  rule: AlertRule;
  settings: BacktestSettings;
  mode: 'history' | 'series';
  since: number;
  until: number;
  /** History: seconds between passes. */
  stepSeconds?: number;
  series: Array<{ name: string; points: number; alerts: BacktestAlert[] }>;
  summary: BacktestSummary;
  /** Malformed CSV lines, skipped. */
  problems: Array<{ file: string; line: number; message: string }>;
}

export interface BacktestDeps {
  config: AiSpendConfig;
  now: number;
  readFile: (path: string) => string;
  /** The database to replay (history mode only). */
  db?: () => Database.Database;
}

const DEFAULT_SPAN = 30 * SECONDS_PER_DAY;

/** Runs `ai-spend backtest`: bad input throws `input_invalid` with a hint. */
export function runBacktest(
  request: BacktestRequest,
  { config, now, readFile, db }: BacktestDeps,
): BacktestReport {
  const rule = resolveRule(request.rule);
  const support = ruleSupport(rule);
  const settings = applySettingOverrides(rule, defaultSettings(rule, config.alerts), request.sets ?? []);
  const until = request.until ?? now;
  const seriesMode = request.series !== undefined && request.series.length > 0;
  if (request.since !== undefined && request.since >= (seriesMode ? (request.until ?? Infinity) : until)) {
    throw new AiSpendError('input_invalid', '--since must be before --until');
  }
  const keep = scopeFilter(request.scopes ?? []);
  if (seriesMode && request.series !== undefined) {
    if (!isSeriesRule(rule)) {
      const runnable = Object.entries(RULE_SUPPORT)
        .filter(([, entry]) => entry?.seriesMetric !== undefined)
        .map(([name, entry]) => `${name.replaceAll('_', '-')} (${entry?.seriesMetric})`);
      throw new AiSpendError('input_invalid', `${rule} cannot run from a bare series: ${support.reason}`, {
        hint: `--series works with ${runnable.join('; ')}; replay ${rule} over the stored history instead`,
      });
    }
    const problems: BacktestReport['problems'] = [];
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    const names = request.series.map((file) => basename(file, extname(file)));
    const series = request.series.map((file, index) => {
      let text: string;
      try {
        text = readFile(file);
      } catch (error) {
        throw new AiSpendError(
          'input_invalid',
          `--series ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`,
        );
      }
      const parsed = parseSeriesCsv(text);
      first = Math.min(first, parsed.points[0]?.at ?? first);
      last = Math.max(last, parsed.points.at(-1)?.at ?? last);
      problems.push(...parsed.problems.map((problem) => ({ file, ...problem })));
      const name =
        names.indexOf(names[index] as string) === names.lastIndexOf(names[index] as string)
          ? (names[index] as string)
          : file;
      const result = seriesBacktest({
        rule,
        name,
        points: parsed.points,
        settings: seriesSettings(rule, settings, config),
      });
      return {
        ...result,
        alerts: result.alerts.filter(
          (alert) =>
            alert.at >= (request.since ?? Number.NEGATIVE_INFINITY) &&
            alert.at < (request.until ?? Number.POSITIVE_INFINITY) &&
            keep(alert),
        ),
      };
    });
    const span = {
      since: request.since ?? (Number.isFinite(first) ? first : until),
      until: request.until ?? (Number.isFinite(last) ? last + 1 : until),
    };
    return {
      rule,
      settings,
      mode: 'series',
      ...span,
      series,
      summary: summarizeBacktest(
        series.flatMap((entry) => entry.alerts),
        span,
      ),
      problems,
    };
  }
  if (!support.history || db === undefined) {
    throw new AiSpendError('input_invalid', `${rule} cannot be replayed yet: ${support.reason}`, {
      hint: `replayable over the history: ${Object.entries(RULE_SUPPORT)
        .filter(([, entry]) => entry?.history)
        .map(([name]) => name.replaceAll('_', '-'))
        .join(', ')}`,
    });
  }
  const stepSeconds = Math.round((request.stepMinutes ?? collectMinutes(config.schedule.collect)) * 60);
  if (!(stepSeconds >= 60)) throw new AiSpendError('input_invalid', '--step: expected at least 1 minute');
  const from = request.since ?? until - DEFAULT_SPAN;
  // The scheduler runs on the clock's multiples of its interval.
  const since = Math.ceil(from / stepSeconds) * stepSeconds;
  const { passes, alerts } = backtestHistory({
    db: db(),
    config,
    rule,
    since,
    until,
    stepSeconds,
    settings,
    quotaOverrides: quotaOverrides(config),
  });
  const kept = alerts.filter(keep);
  return {
    rule,
    settings,
    mode: 'history',
    since,
    until,
    stepSeconds,
    series: [{ name: 'history', points: passes, alerts: kept }],
    summary: summarizeBacktest(kept, { since, until }),
    problems: [],
  };
}

/** Minutes between collection passes from an every-N-minutes or hourly cron; 5 otherwise. */
export function collectMinutes(cron: string): number {
  const [minute = '', hour = ''] = cron.trim().split(/\s+/);
  const every = /^\*\/(\d+)$/.exec(minute);
  if (every && hour === '*') return Number(every[1]);
  if (/^\d+$/.test(minute) && hour === '*') return 60;
  return 5;
}

function seriesSettings(
  rule: AlertRule,
  settings: BacktestSettings,
  config: AiSpendConfig,
): SeriesBacktestSettings {
  const num = (key: string) => settings[key] as number;
  const base = { resolveAfterMinutes: num('resolve_after_minutes') };
  if (rule === 'cost_anomaly') {
    const granularity = settings.granularity;
    return {
      ...base,
      costAnomaly: {
        granularities: granularity === 'hour' || granularity === 'day' ? [granularity] : ['hour', 'day'],
        hourly: {
          ...DEFAULT_HOURLY_SETTINGS,
          minMicros: num('min_usd_per_hour') * MICROS_PER_USD,
          minRatio: num('min_ratio'),
        },
        daily: {
          ...DEFAULT_DAILY_SETTINGS,
          minMicros: num('min_usd_per_day') * MICROS_PER_USD,
          minRatio: num('min_ratio'),
        },
        holidays: config.alerts.holidays,
      },
    };
  }
  if (rule === 'latency_shift')
    return { ...base, latency: { minRatio: num('min_ratio'), minMs: num('min_ms') } };
  return {
    ...base,
    quota: { thresholds: settings.quota_percent as number[], lookbackMinutes: num('lookback_minutes') },
  };
}

/** `team=search` keeps alerts owned by or about search; `a|b` and several flags are alternatives. */
function scopeFilter(scopes: readonly string[]): (alert: BacktestAlert) => boolean {
  const wanted = scopes
    .flatMap((scope) => scope.split('|'))
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
  if (wanted.length === 0) return () => true;
  // `key=value`, or a bare name (a series, a model label, a region).
  const parsed = wanted.map((scope) => {
    const match = /^([a-z_]+)=(.+)$/i.exec(scope);
    return match
      ? { key: (match[1] as string).toLowerCase(), value: match[2] as string }
      : { key: '', value: scope };
  });
  return (alert) =>
    parsed.some(
      ({ key, value }) =>
        (key === 'team' && alert.team === value) ||
        alert.scope === `${key}=${value}` ||
        alert.scope === value ||
        alert.scope.split(' ').includes(value) ||
        alert.fingerprint.split('|').includes(value),
    );
}

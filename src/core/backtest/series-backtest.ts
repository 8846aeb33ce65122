import type { AlertCandidate, AlertRule } from '../alerts/alert.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../facts.js';
import { MICROS_PER_USD } from '../money.js';
import {
  type CostAnomalySettings,
  type CostScope,
  costAnomalyRule,
  DEFAULT_DAILY_SETTINGS,
  DEFAULT_HOURLY_SETTINGS,
  detectCostAnomalies,
  withoutDailyEchoes,
} from '../rules/cost-anomaly-rule.js';
import {
  DEFAULT_LATENCY_SHIFT_SETTINGS,
  type LatencyShiftSettings,
  latencyShiftLookbackSeconds,
  latencyShiftRule,
} from '../rules/latency-shift-rule.js';
import { quotaRule } from '../rules/quota-rule.js';
import { createAlertReplay } from './alert-replay.js';
import { type BacktestAlert, toBacktestAlert } from './backtest-alert.js';
import type { SeriesPoint } from './parse-series-csv.js';

/** The rules a bare `timestamp,value` series can drive. */
export const SERIES_RULES = ['cost_anomaly', 'latency_shift', 'quota'] as const;
export type SeriesRule = (typeof SERIES_RULES)[number];

/** Settings of a series replay; every rule field falls back to the rule's defaults. */
export interface SeriesBacktestSettings {
  resolveAfterMinutes: number;
  costAnomaly?: {
    granularities?: ReadonlyArray<'hour' | 'day'>;
    hourly?: CostAnomalySettings;
    daily?: CostAnomalySettings;
    /** UTC midnights of known low days. */
    holidays?: readonly number[];
  };
  latency?: Partial<LatencyShiftSettings>;
  quota?: { thresholds: readonly number[]; lookbackMinutes: number };
}

/** One series' replay: how many points it had and the alerts raised, oldest first. */
export interface SeriesBacktestResult {
  name: string;
  points: number;
  alerts: BacktestAlert[];
}

/** Five weeks of hours and eight of days, as the live pass reads. */
const HOURLY_HISTORY = 35 * SECONDS_PER_DAY;
const DAILY_HISTORY = 56 * SECONDS_PER_DAY;

export function isSeriesRule(rule: AlertRule): rule is SeriesRule {
  return (SERIES_RULES as readonly string[]).includes(rule);
}

/**
 * Replays one series through a rule: the clock ticks at each point's timestamp `t`, the rule sees
 * only points stamped at or before `t` (as of `t + 1`), and the alert lifecycle (hysteresis,
 * reopening) runs as the alert store runs it. The series is the rule's metric: spend in USD per
 * point for `cost_anomaly` (summed per hour and UTC day), time to first token in ms for
 * `latency_shift`, utilisation in percent for `quota`. Each alert's `at` is the point that raised it.
 */
export function seriesBacktest({
  rule,
  name,
  points,
  settings,
}: {
  rule: SeriesRule;
  name: string;
  /** Sorted by time, distinct timestamps. */
  points: readonly SeriesPoint[];
  settings: SeriesBacktestSettings;
}): SeriesBacktestResult {
  const evaluate =
    rule === 'cost_anomaly'
      ? costEvaluator(name, points, settings)
      : rule === 'latency_shift'
        ? latencyEvaluator(name, points, settings)
        : quotaEvaluator(name, points, settings);
  const replay = createAlertReplay({ resolveAfterMinutes: settings.resolveAfterMinutes });
  const alerts: BacktestAlert[] = [];
  for (let index = 0; index < points.length; index += 1) {
    const at = (points[index] as SeriesPoint).at;
    const now = at + 1;
    for (const candidate of replay.step(evaluate(index, now), now)) {
      alerts.push(toBacktestAlert(candidate, at, name));
    }
  }
  return { name, points: points.length, alerts };
}

/** Evaluates the rule after point `index` has arrived, at `now`. */
type Evaluator = (index: number, now: number) => AlertCandidate[];

/** Index of the first point at or after `at` (points sorted). */
function lowerBound(times: ArrayLike<number>, at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function costEvaluator(
  name: string,
  points: readonly SeriesPoint[],
  settings: SeriesBacktestSettings,
): Evaluator {
  const options = settings.costAnomaly ?? {};
  const granularities = options.granularities ?? ['hour', 'day'];
  const scope: CostScope = { kind: 'team', team: name };
  const buckets = (step: number) => {
    const sums = new Map<number, number>();
    for (const point of points) {
      const start = point.at - (((point.at % step) + step) % step);
      sums.set(start, (sums.get(start) ?? 0) + Math.round(point.value * MICROS_PER_USD));
    }
    const starts = Float64Array.from([...sums.keys()].sort((a, b) => a - b));
    return { starts, cells: Array.from(starts, (at) => ({ at, micros: sums.get(at) as number })) };
  };
  const runs = granularities.map((granularity) => {
    const step = granularity === 'hour' ? SECONDS_PER_HOUR : SECONDS_PER_DAY;
    return {
      granularity,
      step,
      history: granularity === 'hour' ? HOURLY_HISTORY : DAILY_HISTORY,
      settings:
        (granularity === 'hour' ? options.hourly : options.daily) ??
        (granularity === 'hour' ? DEFAULT_HOURLY_SETTINGS : DEFAULT_DAILY_SETTINGS),
      ...buckets(step),
      cachedThrough: Number.NaN,
      cached: [] as AlertCandidate[],
    };
  });
  return (_index, now) => {
    const found: AlertCandidate[] = [];
    for (const run of runs) {
      const through = now - (now % run.step);
      if (through !== run.cachedThrough) {
        run.cachedThrough = through;
        run.cached = [];
        const knownFrom = run.starts[0];
        if (knownFrom !== undefined && knownFrom < through) {
          // Buckets ending by `through` hold only points before `now`: no look-ahead.
          const from = lowerBound(run.starts, through - run.history);
          const to = lowerBound(run.starts, through);
          const anomalies = detectCostAnomalies({
            series: [{ scope, points: run.cells.slice(from, to) }],
            granularity: run.granularity,
            knownFrom,
            through,
            settings: run.settings,
            holidays: options.holidays ?? [],
          });
          run.cached = costAnomalyRule(anomalies.map((anomaly) => ({ anomaly, contributors: [] })));
        }
      }
      found.push(...run.cached);
    }
    return withoutDailyEchoes(found);
  };
}

function latencyEvaluator(
  name: string,
  points: readonly SeriesPoint[],
  settings: SeriesBacktestSettings,
): Evaluator {
  const latency = { ...DEFAULT_LATENCY_SHIFT_SETTINGS, ...settings.latency };
  const lookback = latencyShiftLookbackSeconds(latency) + SECONDS_PER_HOUR;
  const times = Float64Array.from(points, (point) => point.at);
  // A point covers the time since the previous one (at most an hour): known when it arrives.
  const buckets = points.map((point, index) => ({
    at: point.at,
    bucketSeconds:
      index === 0 ? 60 : Math.min(SECONDS_PER_HOUR, point.at - (points[index - 1] as SeriesPoint).at),
    ms: point.value,
  }));
  let cachedThrough = Number.NaN;
  let cached: AlertCandidate[] = [];
  return (index, now) => {
    const through = Math.floor((now - latency.settleSeconds) / SECONDS_PER_HOUR) * SECONDS_PER_HOUR;
    if (through === cachedThrough) return cached;
    cachedThrough = through;
    const from = lowerBound(times, now - lookback);
    cached = latencyShiftRule({
      series: [
        { region: 'series', model: name, label: name, stat: 'p50', points: buckets.slice(from, index + 1) },
      ],
      users: new Map(),
      now,
      settings: latency,
    });
    return cached;
  };
}

function quotaEvaluator(
  name: string,
  points: readonly SeriesPoint[],
  settings: SeriesBacktestSettings,
): Evaluator {
  const { thresholds = [80, 95], lookbackMinutes = 15 } = settings.quota ?? {};
  const times = Float64Array.from(points, (point) => point.at);
  return (index, now) => {
    const from = lowerBound(times, now - lookbackMinutes * 60 - 1);
    const minutes = points.slice(from, index + 1).map((point) => ({ minute: point.at, used: point.value }));
    return quotaRule({
      groups: [
        {
          region: 'series',
          name,
          limit: 100,
          models: [name],
          minutes,
          owners: new Map(),
          usedByModel: new Map(),
        },
      ],
      thresholds,
      now,
      lookbackMinutes,
    });
  };
}

import type { AlertsConfig } from '../../config/config-types.js';
import type { AlertCandidate } from '../../core/alerts/alert.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../core/facts.js';
import { modelFamily } from '../../core/model-family.js';
import { LATENCY_STATS, type LatencySeries, latencyShiftRule } from '../../core/rules/latency-shift-rule.js';
import { quotaThrottleRule } from '../../core/rules/quota-throttle-rule.js';
import { type RetryStormSeries, retryStormRule } from '../../core/rules/retry-storm-rule.js';
import type { DetectionQueries } from '../../store/detection-queries.js';

/** Sources whose per-minute signals (TTFT, throttles, calls) these rules read. */
export const SIGNAL_SOURCES = ['bedrock', 'vertex', 'azure'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];
const MINUTE = 60;
/** Latency history: a week of baseline before the recent hours. */
const LATENCY_HISTORY = 8 * SECONDS_PER_DAY;
/** Retry storms compare each hour with the same hour a week before and the 72 h before the storm. */
const RETRY_HISTORY = 11 * SECONDS_PER_DAY;
/** Who uses a model: its tokens over the last week. */
const USERS_WINDOW = 7 * SECONDS_PER_DAY;
const THROTTLE_WINDOW = 20 * MINUTE;

interface SignalContext {
  queries: DetectionQueries;
  alerts: Pick<AlertsConfig, 'latency' | 'retryStorm'>;
  now: number;
  /** Per source: signals complete up to (`null` before the first collection), and usage. */
  sources: ReadonlyArray<{
    source: SignalSource;
    signalsThrough: number | null;
    usageThrough: number | null;
  }>;
}

/**
 * The rules over the fast signals: first-token latency shifts, sustained throttling and retry
 * storms, per region and ModelId. Each reads only data before `now`.
 */
export function signalCandidates({ queries, alerts, now, sources }: SignalContext): AlertCandidate[] {
  return sources.flatMap(({ source, signalsThrough, usageThrough }) =>
    sourceCandidates(source, { queries, alerts, now, signalsThrough, usageThrough }),
  );
}

function sourceCandidates(
  source: SignalSource,
  {
    queries,
    alerts,
    now,
    signalsThrough,
    usageThrough,
  }: Omit<SignalContext, 'sources'> & { signalsThrough: number | null; usageThrough: number | null },
): AlertCandidate[] {
  if (signalsThrough === null) return [];
  const users = queries.modelUsers(source, now - USERS_WINDOW, now);
  const label = modelLabeller(queries, source);
  const usersOf = (region: string, model: string) => users.get(`${region}|${model}`) ?? [];
  const candidates: AlertCandidate[] = [];

  const latency = latencySeries(queries, source, now - LATENCY_HISTORY, now, label);
  candidates.push(
    ...latencyShiftRule({
      series: latency,
      users,
      now,
      settings: { minRatio: alerts.latency.minRatio, minMs: alerts.latency.minMs },
    }),
  );

  const throttles = new Map<
    string,
    { region: string; model: string; minutes: Array<{ minute: number; throttles: number }> }
  >();
  for (const point of queries.metricPoints(
    source,
    'InvocationThrottles',
    'Sum',
    now - THROTTLE_WINDOW,
    now,
  )) {
    if (point.bucketSeconds !== MINUTE) continue;
    const key = `${point.region}|${point.model}`;
    const entry = throttles.get(key) ?? { region: point.region, model: point.model, minutes: [] };
    entry.minutes.push({ minute: point.at, throttles: point.value });
    throttles.set(key, entry);
  }
  candidates.push(
    ...quotaThrottleRule({
      series: [...throttles.values()].map((entry) => ({
        ...entry,
        label: label(entry.region, entry.model),
        users: usersOf(entry.region, entry.model),
      })),
      now,
    }),
  );

  if (usageThrough !== null) {
    const through = Math.min(signalsThrough, usageThrough);
    const hourThrough = through - (through % SECONDS_PER_HOUR);
    candidates.push(
      ...retryStormRule({
        series: retrySeries(queries, source, hourThrough - RETRY_HISTORY, hourThrough, label, usersOf),
        through: hourThrough,
        settings: { minRetryMicros: alerts.retryStorm.minMicros },
      }),
    );
  }
  return candidates;
}

/** TimeToFirstToken p50, p90 (or the average, for Azure) per (region, ModelId) over `[start, end)`. */
export function latencySeries(
  queries: DetectionQueries,
  source: SignalSource,
  start: number,
  end: number,
  label: (region: string, model: string) => string,
): LatencySeries[] {
  const all: LatencySeries[] = [];
  for (const stat of LATENCY_STATS) {
    const byModel = new Map<string, LatencySeries & { points: Array<LatencySeries['points'][number]> }>();
    for (const point of queries.metricPoints(source, 'TimeToFirstToken', stat, start, end)) {
      const key = `${point.region}|${point.model}`;
      let series = byModel.get(key);
      if (series === undefined) {
        series = {
          region: point.region,
          model: point.model,
          label: label(point.region, point.model),
          stat,
          points: [],
        };
        byModel.set(key, series);
      }
      series.points.push({ at: point.at, bucketSeconds: point.bucketSeconds, ms: point.value });
    }
    all.push(...byModel.values());
  }
  return all;
}

/** The label of a (region, ModelId): the model family of the model behind it. */
export function modelLabeller(
  queries: DetectionQueries,
  source: SignalSource,
): (region: string, model: string) => string {
  const labels = queries.modelLabels(source);
  return (region, model) => labels.get(`${region}|${model}`) ?? modelFamily(model);
}

/** Hourly calls, throttles, errors, tokens and estimated spend per (region, ModelId). */
function retrySeries(
  queries: DetectionQueries,
  source: SignalSource,
  start: number,
  end: number,
  label: (region: string, model: string) => string,
  usersOf: (region: string, model: string) => ReadonlyArray<{ team: string; share: number }>,
): RetryStormSeries[] {
  type Bucket = RetryStormSeries['buckets'][number];
  const series = new Map<string, { region: string; model: string; buckets: Map<number, Bucket> }>();
  const bucket = (region: string, model: string, hour: number): Bucket => {
    const key = `${region}|${model}`;
    let entry = series.get(key);
    if (entry === undefined) {
      entry = { region, model, buckets: new Map() };
      series.set(key, entry);
    }
    let found = entry.buckets.get(hour);
    if (found === undefined) {
      found = {
        at: hour,
        invocations: 0,
        throttles: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        estimatedMicros: 0,
      };
      entry.buckets.set(hour, found);
    }
    return found;
  };
  const metrics = [
    ['Invocations', 'invocations'],
    ['InvocationThrottles', 'throttles'],
    ['InvocationClientErrors', 'errors'],
    ['InvocationServerErrors', 'errors'],
  ] as const;
  for (const [metric, field] of metrics) {
    for (const row of queries.hourlyMetric(source, metric, start, end)) {
      bucket(row.region, row.model, row.hour)[field] += row.value;
    }
  }
  for (const row of queries.hourlyTokens(source, start, end)) {
    const entry = bucket(row.region, row.model, row.hour);
    entry.inputTokens += row.inputTokens;
    entry.outputTokens += row.outputTokens;
    entry.estimatedMicros += row.micros;
  }
  return [...series.values()].map(({ region, model, buckets }) => ({
    region,
    model,
    label: label(region, model),
    users: usersOf(region, model),
    buckets: [...buckets.values()].sort((a, b) => a.at - b.at),
  }));
}

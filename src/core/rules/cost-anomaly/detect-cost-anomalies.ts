import type { AlertSeverity } from '../../alerts/alert.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../facts.js';
import { type BaselineSample, type SeasonalBaseline, seasonalBaseline } from '../seasonal-baseline.js';
import {
  type CostAnomalySettings,
  type ResolvedCostAnomalySettings,
  resolveSettings,
} from './cost-anomaly-settings.js';
import type { CostScope } from './cost-scope.js';
import { type AnomalousRun, findAnomalousRun } from './find-anomalous-run.js';
import { medianOf } from './median-of.js';

/** Spend of one scope per bucket: `at` = bucket start (UTC epoch seconds), `micros` = micro-dollars. */
export interface CostSeries {
  scope: CostScope;
  points: ReadonlyArray<{ at: number; micros: number }>;
}

/** What {@link detectCostAnomalies} judges. Times are UTC epoch seconds. */
export interface CostAnomalyInput {
  series: readonly CostSeries[];
  granularity: 'hour' | 'day';
  /** Buckets before this are unknown (before the first collection), never zero. */
  knownFrom: number;
  /**
   * End (exclusive) of the last bucket complete in every source (evaluation lags freshness). Buckets
   * in `[knownFrom, through)` absent from `points` are $0; points at/after `through` are ignored.
   */
  through: number;
  /** Ranges `[start, end)` where a source stopped reporting: unknown, not zero. */
  gaps?: ReadonlyArray<{ start: number; end: number }>;
  /**
   * UTC day starts of known low days (public holidays, company shutdowns): kept out of baselines, and
   * no drop is flagged on them. Without them a holiday is a real drop and may be flagged as one.
   */
  holidays?: readonly number[];
  settings: CostAnomalySettings;
}

/** A run of consecutive anomalous buckets of one scope, in one direction. Amounts in micro-dollars. */
export interface CostAnomaly {
  scope: CostScope;
  granularity: 'hour' | 'day';
  direction: 'spike' | 'drop';
  /** Start of the latest anomalous bucket. */
  at: number;
  /** Start of the run of consecutive anomalous buckets. */
  since: number;
  /** Sums over the run; `deltaMicros` = actual − expected (negative for a drop). */
  actualMicros: number;
  expectedMicros: number;
  deltaMicros: number;
  /** actual ÷ expected, two decimals; omitted when the usual is $0. */
  ratio?: number;
  /** The strongest robust score of the windows that flagged the run (log ratio ÷ calibrated scale). */
  score: number;
  /** Bucket starts of the anomalous run (for root-cause lookups). */
  currentBuckets: number[];
  /** Bucket starts the expected value came from (same buckets of the previous weeks, outlier weeks left out). */
  baselineBuckets: number[];
  /** How many previous weeks `baselineBuckets` span. */
  baselineWeeks?: number;
  /** Critical: ratio ≥ `criticalRatio` (or ≤ its inverse) and |delta| ≥ `criticalMultiple` × `minMicros`. */
  severity?: AlertSeverity;
}

/**
 * Spikes and drops of every series in the last buckets before `through`, judged against a
 * seasonal robust baseline ({@link seasonalBaseline}): a window of 1, 3 or 6 hours (1 or 3 days) is
 * anomalous when its change per bucket, its ratio and its robust score all cross the settings.
 * Needs 3 weeks of known history before a bucket to judge it. Uses only data before `through`.
 * Returns the runs still firing, largest |delta| first.
 */
export function detectCostAnomalies(input: CostAnomalyInput): CostAnomaly[] {
  const settings = resolveSettings(input.settings, input.granularity);
  const step = input.granularity === 'hour' ? SECONDS_PER_HOUR : SECONDS_PER_DAY;
  const end = Math.floor(input.through / step) * step;
  const anomalies = input.series.flatMap((series) => detectInSeries(series, input, settings, step, end));
  return anomalies.sort((a, b) => Math.abs(b.deltaMicros) - Math.abs(a.deltaMicros));
}

function detectInSeries(
  series: CostSeries,
  input: CostAnomalyInput,
  settings: ResolvedCostAnomalySettings,
  step: number,
  endSeconds: number,
): CostAnomaly[] {
  const period = (7 * SECONDS_PER_DAY) / step;
  const maxWindow = Math.max(...settings.windows);
  const scanLength = settings.holdBuckets + maxWindow;
  const rows = settings.weeks + 2 + Math.ceil((scanLength + maxWindow) / period);
  const length = rows * period;
  const start = endSeconds - length * step;
  const { values, holiday } = bucketValues(series, input, start, step, length);
  const sampleValues = (input.holidays ?? []).length === 0 ? values : Float64Array.from(values);
  if (sampleValues !== values) {
    for (let index = 0; index < length; index++) if (holiday[index] === 1) sampleValues[index] = Number.NaN;
  }
  const baseline = seasonalBaseline(
    { start, step, values: sampleValues },
    { ...settings, end: length, maxWindow },
  );
  const from = length - scanLength;
  const expected = new Float64Array(length).fill(Number.NaN);
  for (let index = from - maxWindow; index < length; index++) {
    expected[index] = baseline.expected(index) ?? Number.NaN;
  }
  const scan = { actual: values, expected, holiday, from, end: length, scale: baseline.scale, settings };
  const found: CostAnomaly[] = [];
  for (const direction of ['spike', 'drop'] as const) {
    const run = findAnomalousRun(direction, scan);
    if (run !== undefined)
      found.push(toAnomaly(series, input, settings, { start, step, baseline }, direction, run));
  }
  return found;
}

/** Micro-dollars per bucket from `start`: `NaN` before `knownFrom` and in gaps; 1 on holidays. */
function bucketValues(
  series: CostSeries,
  input: CostAnomalyInput,
  start: number,
  step: number,
  length: number,
) {
  const values = new Float64Array(length);
  for (let index = 0; index < length; index++) {
    values[index] = start + index * step >= input.knownFrom ? 0 : Number.NaN;
  }
  const end = start + length * step;
  for (const { at, micros } of series.points) {
    if (at < start || at >= end || at < input.knownFrom) continue;
    const index = Math.floor((at - start) / step);
    values[index] = (values[index] ?? 0) + micros;
  }
  for (const gap of input.gaps ?? []) {
    const first = Math.max(0, Math.floor((gap.start - start) / step));
    const last = Math.min(length, Math.ceil((gap.end - start) / step));
    for (let index = first; index < last; index++) values[index] = Number.NaN;
  }
  const holiday = new Uint8Array(length);
  for (const day of input.holidays ?? []) {
    const first = Math.max(0, Math.floor((day - start) / step));
    const last = Math.min(length, Math.ceil((day + SECONDS_PER_DAY - start) / step));
    for (let index = first; index < last; index++) holiday[index] = 1;
  }
  return { values, holiday };
}

function toAnomaly(
  series: CostSeries,
  input: CostAnomalyInput,
  settings: ResolvedCostAnomalySettings,
  grid: { start: number; step: number; baseline: SeasonalBaseline },
  direction: 'spike' | 'drop',
  run: AnomalousRun,
): CostAnomaly {
  const { start, step, baseline } = grid;
  const actualMicros = Math.round(run.actual);
  const expectedMicros = Math.round(run.expected);
  const deltaMicros = actualMicros - expectedMicros;
  const ratio = expectedMicros > 0 ? Math.round((actualMicros / expectedMicros) * 100) / 100 : undefined;
  const runIndexes = Array.from({ length: run.at - run.since + 1 }, (_, offset) => run.since + offset);
  const weeks = typicalWeeks(runIndexes.flatMap((index) => baseline.samples(index)));
  const baselineBuckets = runIndexes
    .flatMap((index) => baseline.samples(index).filter((sample) => weeks.has(sample.week)))
    .map((sample) => start + sample.index * step)
    .sort((a, b) => a - b);
  const extreme =
    ratio === undefined
      ? direction === 'spike'
      : direction === 'spike'
        ? ratio >= settings.criticalRatio
        : ratio <= 1 / settings.criticalRatio;
  const critical = extreme && Math.abs(deltaMicros) >= settings.criticalMultiple * settings.minMicros;
  return {
    scope: series.scope,
    granularity: input.granularity,
    direction,
    at: start + run.at * step,
    since: start + run.since * step,
    actualMicros,
    expectedMicros,
    deltaMicros,
    ...(ratio !== undefined ? { ratio } : {}),
    score: Math.round(run.score * 10) / 10,
    currentBuckets: runIndexes.map((index) => start + index * step),
    baselineBuckets,
    baselineWeeks: weeks.size,
    severity: critical ? 'critical' : 'warning',
  };
}

/**
 * The previous weeks whose spend per bucket over the run is within half to twice their median: a
 * holiday week or an incident week would distort the root cause's baseline.
 */
function typicalWeeks(samples: readonly BaselineSample[]): Set<number> {
  const byWeek = new Map<number, { total: number; count: number }>();
  for (const { week, micros } of samples) {
    const entry = byWeek.get(week) ?? { total: 0, count: 0 };
    entry.total += micros;
    entry.count += 1;
    byWeek.set(week, entry);
  }
  const means = new Map([...byWeek].map(([week, { total, count }]) => [week, total / count]));
  if (means.size === 0) return new Set();
  const typical = medianOf([...means.values()]);
  if (typical <= 0) return new Set(means.keys());
  return new Set(
    [...means].filter(([, mean]) => mean >= typical / 2 && mean <= typical * 2).map(([week]) => week),
  );
}

import { SECONDS_PER_DAY } from '../facts.js';
import { leaveOneOutResiduals } from './cost-anomaly/leave-one-out-residuals.js';
import { medianOf } from './cost-anomaly/median-of.js';

const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;
/** Turns a median absolute deviation into the standard deviation of a normal distribution. */
const MAD_TO_SIGMA = 1.4826;
/** Two weeks' levels are only compared over at least this many of their 7 days known in both. */
const MIN_LEVEL_DAYS = 4;
/** The scale is calibrated over at least this many bucket positions (whole weeks). */
const MIN_CALIBRATION_POSITIONS = 28;
/** Older weeks are rescaled by at most this factor either way (a near-$0 week would blow up). */
const MAX_GAIN = 4;

/**
 * A regular series of buckets: `values[i]` is the micro-dollars of
 * `[start + i·step, start + (i + 1)·step)`, UTC; `NaN` where unknown (before the first collection,
 * inside a reporting gap, or a holiday kept out of baselines). `step` divides a day.
 */
export interface BucketValues {
  start: number;
  step: number;
  values: Float64Array;
}

/** How the seasonal baseline is built; see {@link seasonalBaseline}. */
export interface SeasonalBaselineOptions {
  /** Previous weeks whose same bucket of the week forms the median. */
  weeks: number;
  /** Fewer known weeks than this at a bucket: no expected value there (no judgement). */
  minWeeks: number;
  /** Added to both sides of a log ratio so that near-$0 buckets do not swing it (micro-dollars per bucket). */
  offsetMicros: number;
  /** Lowest log-ratio scale (0.05 ≈ 5%): a perfectly flat history does not make pennies significant. */
  scaleFloor: number;
  /** Index into `values` where the current week ends (exclusive): it is `[end − 1 week, end)`. */
  end: number;
  /** The longest window `scale` is asked for (6). */
  maxWindow?: number;
}

/** One week's value behind an expected bucket: `index` into the values, rescaled `micros`. */
export interface BaselineSample {
  index: number;
  week: number;
  micros: number;
}

/** Expected values and the noise scale of one series; see {@link seasonalBaseline}. */
export interface SeasonalBaseline {
  /** Buckets per week (168 hourly, 7 daily). */
  period: number;
  /** Expected micro-dollars of bucket `index`; undefined with fewer than `minWeeks` known weeks. */
  expected(index: number): number | undefined;
  /** The known, rescaled same-bucket values of the previous weeks that `expected(index)` is the median of. */
  samples(index: number): BaselineSample[];
  /**
   * Robust standard deviation of `ln((actual + k·offset) / (expected + k·offset))` for a window of `k`
   * buckets, calibrated on the history itself; never below `scaleFloor`.
   */
  scale(k: number): number;
}

/**
 * The usual value of a bucket: the median of the same bucket of the week (hour-of-week for hourly
 * series, day-of-week for daily ones) over the previous `weeks` weeks, each week rescaled to the level
 * of the most recent complete week before the current one (by the median ratio of their same-weekday
 * 24-hour totals, so one holiday or outlier day does not move it; the current week is left out so a
 * change under way is not absorbed while it is being judged). The median ignores one holiday or one
 * outlier bucket.
 *
 * The scale is calibrated leave-one-out: over every bucket position of the last week (the last 4 weeks
 * of a daily series), each previous week's value is compared with the median of the other weeks, in
 * logs with `offsetMicros`, on the busier half of the positions (quiet nights would understate the
 * noise of the hours that matter).
 *
 * Needs `minWeeks` known weeks before a bucket (3 by default: 3 weeks of history) to judge it.
 */
export function seasonalBaseline(series: BucketValues, options: SeasonalBaselineOptions): SeasonalBaseline {
  const { values, step } = series;
  const { weeks, minWeeks, offsetMicros, scaleFloor, end, maxWindow = 6 } = options;
  const period = SECONDS_PER_WEEK / step;
  const bucketsPerDay = SECONDS_PER_DAY / step;
  /** Calibrated over the last week of positions, or the last 4 weeks of a daily series. */
  const positions = Math.ceil(MIN_CALIBRATION_POSITIONS / period) * period;
  const dayTotalsCache = new Map<number, Array<number | undefined>>();
  const gains = new Map<number, number>();
  const scales = new Map<number, number>();

  /** Row 1 is the current week `[end − period, end)`, row 2 the week before, … */
  const rowOf = (index: number) => Math.floor((end - 1 - index) / period) + 1;

  const dayTotals = (row: number): Array<number | undefined> => {
    const cached = dayTotalsCache.get(row);
    if (cached !== undefined) return cached;
    const rowStart = end - row * period;
    const totals = Array.from({ length: 7 }, (_, day) =>
      sumKnown(values, rowStart + day * bucketsPerDay, bucketsPerDay),
    );
    dayTotalsCache.set(row, totals);
    return totals;
  };

  const gainOf = (row: number): number => {
    if (row <= 2) return 1;
    const cached = gains.get(row);
    if (cached !== undefined) return cached;
    const reference = dayTotals(2);
    const older = dayTotals(row);
    const ratios: number[] = [];
    for (let day = 0; day < 7; day++) {
      const now = reference[day];
      const then = older[day];
      if (now !== undefined && then !== undefined && now > 0 && then > 0) ratios.push(now / then);
    }
    const gain =
      ratios.length >= MIN_LEVEL_DAYS ? Math.min(MAX_GAIN, Math.max(1 / MAX_GAIN, medianOf(ratios))) : 1;
    gains.set(row, gain);
    return gain;
  };

  const sampleMicros = (index: number, week: number): number => {
    const at = index - week * period;
    const value = at >= 0 ? (values[at] ?? Number.NaN) : Number.NaN;
    return Number.isNaN(value) ? value : value * gainOf(rowOf(at));
  };

  const rawSample = (index: number, week: number): number => {
    const at = index - week * period;
    return at >= 0 ? (values[at] ?? Number.NaN) : Number.NaN;
  };

  const samples = (index: number): BaselineSample[] => {
    const found: BaselineSample[] = [];
    for (let week = 1; week <= weeks; week++) {
      const micros = sampleMicros(index, week);
      if (!Number.isNaN(micros)) found.push({ index: index - week * period, week, micros });
    }
    return found;
  };

  const expected = (index: number): number | undefined => {
    const known: number[] = [];
    for (let week = 1; week <= weeks; week++) {
      const micros = sampleMicros(index, week);
      if (!Number.isNaN(micros)) known.push(micros);
    }
    return known.length >= minWeeks ? medianOf(known) : undefined;
  };

  /**
   * Per week, prefix sums of the samples behind the calibrated positions (unknown = 0) and of unknown
   * counts. Raw, not rescaled: levels fitted on these same values would understate the noise (a trend
   * makes the scale a little wider, the safe side).
   */
  let calibrationCache: { from: number; sums: Float64Array[]; unknown: Float64Array[] } | undefined;
  const calibration = () => {
    if (calibrationCache !== undefined) return calibrationCache;
    const from = end - positions - maxWindow + 1;
    const length = end - from;
    const sums = Array.from({ length: weeks }, () => new Float64Array(length + 1));
    const unknown = Array.from({ length: weeks }, () => new Float64Array(length + 1));
    for (let week = 1; week <= weeks; week++) {
      const sum = sums[week - 1] ?? new Float64Array(0);
      const missing = unknown[week - 1] ?? new Float64Array(0);
      for (let offset = 0; offset < length; offset++) {
        const micros = rawSample(from + offset, week);
        const known = !Number.isNaN(micros);
        sum[offset + 1] = (sum[offset] ?? 0) + (known ? micros : 0);
        missing[offset + 1] = (missing[offset] ?? 0) + (known ? 0 : 1);
      }
    }
    calibrationCache = { from, sums, unknown };
    return calibrationCache;
  };

  const scale = (k: number): number => {
    const cached = scales.get(k);
    if (cached !== undefined) return cached;
    const offset = k * offsetMicros;
    const { from: calibrationFrom, sums, unknown } = calibration();
    const levels: number[] = [];
    const residuals: number[] = [];
    const firstResidual: number[] = [];
    const totals: number[] = [];
    for (let last = end - positions; last < end; last++) {
      const to = last - calibrationFrom + 1;
      const from = to - k;
      totals.length = 0;
      for (let week = 0; week < weeks; week++) {
        const missing = unknown[week] ?? [];
        if ((missing[to] ?? 1) - (missing[from] ?? 0) > 0) continue;
        const sum = sums[week] ?? [];
        totals.push((sum[to] ?? 0) - (sum[from] ?? 0));
      }
      if (totals.length < 3) continue;
      firstResidual.push(residuals.length);
      levels.push(leaveOneOutResiduals(totals, offset, residuals));
    }
    firstResidual.push(residuals.length);
    let value = scaleFloor;
    if (levels.length > 0) {
      const busy = medianOf(levels);
      const pooled: number[] = [];
      levels.forEach((level, position) => {
        if (level < busy) return;
        for (let at = firstResidual[position] ?? 0; at < (firstResidual[position + 1] ?? 0); at++) {
          pooled.push(residuals[at] ?? 0);
        }
      });
      value = Math.max(scaleFloor, MAD_TO_SIGMA * medianOf(pooled));
    }
    scales.set(k, value);
    return value;
  };

  return { period, expected, samples, scale };
}

/** Sum of `length` buckets from `from`, or undefined when one of them is unknown or out of range. */
function sumKnown(values: Float64Array, from: number, length: number): number | undefined {
  if (from < 0 || from + length > values.length) return undefined;
  let total = 0;
  for (let index = from; index < from + length; index++) total += values[index] ?? Number.NaN;
  return Number.isNaN(total) ? undefined : total;
}

import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../facts.js';
import { median } from '../views/latency-view.js';

/** One complete UTC hour of a latency series: the weighted median of its buckets, milliseconds. */
export interface HourlyLevel {
  /** Start of the hour, UTC epoch seconds. */
  hour: number;
  ms: number;
}

/** A lasting step between two levels of an hourly series. */
export interface ChangePoint {
  /** Start of the first hour on the new level, UTC epoch seconds. */
  at: number;
  /** Median of the hours before `at` (at most `baselineHours` of them), milliseconds. */
  beforeMs: number;
  /** Median of the hours from `at` on, milliseconds. */
  afterMs: number;
  /** `afterMs ÷ beforeMs`: above 1 for a rise, below 1 for a drop. */
  ratio: number;
}

/** What makes a step a change point; all hours are counted in hours with data. */
export interface ChangePointOptions {
  /** Hour boundary: only hours ending at or before it are read. */
  through: number;
  /** The step may have begun at most this many hours before `through`. */
  maxAgeHours: number;
  /** Hours before the step that give the old level. */
  baselineHours: number;
  minBeforeHours: number;
  minAfterHours: number;
  /** Larger level ÷ smaller level, at least. */
  minRatio: number;
  /** Levels at least this many milliseconds apart. */
  minMs: number;
  /** Share of the hours after the step past the midpoint of the two levels (and `minAfterHours`). */
  minAfterAgreement: number;
  /** Share of the baseline hours allowed past that midpoint. */
  maxBeforeDisagreement: number;
  /** The latest hours with data that must all be past the midpoint (the step still holds). */
  recentHours: number;
  /**
   * Look for the best split among those within `maxAgeHours` only, rather than require the best
   * split of the whole window to be that recent: a looser search, to see whether a step already
   * found still holds. Default false.
   */
  recentSplitsOnly?: boolean;
}

/**
 * Hourly levels of a series of buckets (minute, 5-minute or hourly), for hours ending at or before
 * `through`. An hour's level is the median of its buckets weighted by their width, so one odd minute
 * moves nothing; an hour whose buckets cover less than `minCoverageSeconds` is left out (unknown,
 * never zero). Buckets wider than an hour are too coarse for an hourly change point and are skipped.
 */
export function hourlyLevels(
  points: ReadonlyArray<{ at: number; bucketSeconds: number; ms: number }>,
  { through, since, minCoverageSeconds }: { through: number; since: number; minCoverageSeconds: number },
): HourlyLevel[] {
  const ordered = points.every((point, index) => index === 0 || (points[index - 1]?.at ?? 0) <= point.at)
    ? points
    : [...points].sort((a, b) => a.at - b.at);
  const levels: HourlyLevel[] = [];
  let hour = Number.NaN;
  let buckets: Array<{ ms: number; bucketSeconds: number }> = [];
  const close = () => {
    const covered = buckets.reduce((sum, bucket) => sum + bucket.bucketSeconds, 0);
    if (buckets.length > 0 && covered >= minCoverageSeconds)
      levels.push({ hour, ms: weightedMedian(buckets, covered) });
  };
  for (const point of ordered) {
    const usable =
      point.bucketSeconds > 0 &&
      point.bucketSeconds <= SECONDS_PER_HOUR &&
      point.at >= since &&
      point.at + point.bucketSeconds <= through &&
      point.ms >= 0;
    if (!usable) continue;
    const start = point.at - (point.at % SECONDS_PER_HOUR);
    if (start !== hour) {
      close();
      hour = start;
      buckets = [];
    }
    buckets.push(point);
  }
  close();
  return levels;
}

/** The median of `buckets` weighted by their width (`covered` is their total width). */
function weightedMedian(
  buckets: ReadonlyArray<{ ms: number; bucketSeconds: number }>,
  covered: number,
): number {
  const width = buckets[0]?.bucketSeconds;
  if (buckets.every((bucket) => bucket.bucketSeconds === width)) {
    return select(
      buckets.map((bucket) => bucket.ms),
      (buckets.length - 1) >> 1,
    );
  }
  let seen = 0;
  return (
    [...buckets]
      .sort((a, b) => a.ms - b.ms)
      .find((bucket) => {
        seen += bucket.bucketSeconds;
        return seen * 2 >= covered;
      })?.ms ?? 0
  );
}

/**
 * The lasting step in the hours before `options.through`, if there is one. The step is the split of
 * the window (the last `maxAgeHours + baselineHours` hours) into two segments that fits it best by
 * least absolute deviation from each segment's median of log latency (a robust two-segment fit:
 * single odd hours move it little). It counts only when that best split began within
 * `maxAgeHours` after `minBeforeHours` hours with data, the levels differ by both `minRatio` and `minMs`, the hours after it agree (at least
 * `minAfterHours` and `minAfterAgreement` of them, and the latest `recentHours` all, past the midpoint
 * of the levels: persistence) and the hours before it do not (so an older step or a daily peak is not
 * taken for a new one); the same hours of the day before it must differ as much (daily rhythm).
 */
export function changePoint(
  levels: readonly HourlyLevel[],
  options: ChangePointOptions,
): ChangePoint | undefined {
  const { through, maxAgeHours, baselineHours, minBeforeHours, minAfterHours } = options;
  const windowStart = through - (maxAgeHours + baselineHours) * SECONDS_PER_HOUR;
  const window = levels.filter((level) => level.hour >= windowStart && level.hour < through);
  const oldest = options.recentSplitsOnly
    ? window.findIndex((level) => level.hour >= through - maxAgeHours * SECONDS_PER_HOUR)
    : 0;
  const split = bestSplit(
    window.map((level) => Math.log(Math.max(level.ms, 1))),
    options.recentSplitsOnly ? Math.max(minBeforeHours, oldest) : minAfterHours,
    minAfterHours,
  );
  const first = split === undefined ? undefined : window[split];
  if (split === undefined || first === undefined || split < minBeforeHours) return undefined;
  const age = (through - first.hour) / SECONDS_PER_HOUR;
  if (age > maxAgeHours || age < minAfterHours) return undefined;
  const baseline = window
    .slice(0, split)
    .filter((level) => level.hour >= first.hour - baselineHours * SECONDS_PER_HOUR);
  const before = baseline.map((level) => level.ms);
  const after = window.slice(split).map((level) => level.ms);
  const beforeMs = median(before);
  const afterMs = median(after);
  if (before.length < minBeforeHours || beforeMs === null || afterMs === null || beforeMs <= 0) {
    return undefined;
  }
  const ratio = afterMs / beforeMs;
  const large = (from: number) =>
    Math.max(afterMs / from, from / afterMs) >= options.minRatio && Math.abs(afterMs - from) >= options.minMs;
  // The same hours of the day before the step must differ as much, so a daily peak is no step.
  const hoursOfDay = new Set(window.slice(split).map((level) => level.hour % SECONDS_PER_DAY));
  const sameHours = median(
    baseline.filter((level) => hoursOfDay.has(level.hour % SECONDS_PER_DAY)).map((level) => level.ms),
  );
  if (!large(beforeMs) || (sameHours !== null && (!large(sameHours) || afterMs > sameHours !== ratio > 1))) {
    return undefined;
  }
  const midpoint = Math.sqrt(beforeMs * afterMs);
  const past = (values: readonly number[]) =>
    values.filter((ms) => (ratio > 1 ? ms > midpoint : ms < midpoint)).length;
  const recent = options.recentHours > 0 ? after.slice(-options.recentHours) : [];
  if (
    past(after) < Math.max(minAfterHours, options.minAfterAgreement * after.length) ||
    past(recent) < recent.length ||
    past(before) > options.maxBeforeDisagreement * before.length
  ) {
    return undefined;
  }
  return {
    at: first.hour,
    beforeMs,
    afterMs,
    ratio,
  };
}

/** A step as first confirmed, with its latest figures. */
export interface ConfirmedStep<K> {
  key: K;
  /** The hour boundary whose pass first confirmed the step. */
  detectedAt: number;
  first: ChangePoint;
  /** The step as the loose search sees it now (the first figures when only another series shows it). */
  latest: ChangePoint;
}

/**
 * Per series, the earliest hour boundary at which `strict` confirmed a step, each boundary seeing
 * only the hours before it (as that pass did), so every pass re-derives the same first confirmation
 * from the data alone. It searches only while `loose` still sees a step in any of the series (so the
 * series confirmed first keeps its confirmation while another arrives), from `slackHours` before the
 * earliest step `loose` sees (so the same confirmation is found while that estimate wobbles).
 */
export function confirmedSteps<K>(
  series: ReadonlyArray<{ key: K; levels: readonly HourlyLevel[] }>,
  options: {
    through: number;
    strict: Omit<ChangePointOptions, 'through'>;
    loose: Omit<ChangePointOptions, 'through'>;
    slackHours: number;
  },
): Array<ConfirmedStep<K>> {
  const { through, strict, loose } = options;
  const visible = series.map((entry) => ({
    ...entry,
    latest: changePoint(entry.levels, { ...loose, through }),
  }));
  const seen = visible.flatMap((entry) => (entry.latest === undefined ? [] : [entry.latest]));
  const any = seen[0];
  if (any === undefined) return [];
  const start = Math.max(
    Math.min(...seen.map((step) => step.at)) + (strict.minAfterHours - options.slackHours) * SECONDS_PER_HOUR,
    through - loose.maxAgeHours * SECONDS_PER_HOUR,
  );
  return visible.flatMap(({ key, levels, latest }) => {
    const rising = (latest ?? any).ratio > 1;
    for (let at = start; at <= through; at += SECONDS_PER_HOUR) {
      const first = changePoint(levels, { ...strict, through: at });
      if (first !== undefined && first.ratio > 1 === rising) {
        return [{ key, detectedAt: at, first, latest: latest ?? first }];
      }
    }
    return [];
  });
}

/** Index of the first value of the right segment in the best two-segment L1 fit, or `undefined`. */
function bestSplit(values: readonly number[], minLeft: number, minRight: number): number | undefined {
  const n = values.length;
  if (n < minLeft + minRight) return undefined;
  const left = prefixCosts(values);
  const right = prefixCosts([...values].reverse());
  let best: { index: number; cost: number } | undefined;
  for (let index = minLeft; index <= n - minRight; index += 1) {
    const cost = (left[index] ?? 0) + (right[n - index] ?? 0);
    if (best === undefined || cost < best.cost - 1e-12) best = { index, cost };
  }
  return best?.index;
}

/**
 * `costs[k]`: sum of absolute deviations of `values[0..k)` from their median, i.e. the sum of the
 * upper half minus the sum of the lower half of the values sorted so far (windows are ~100 hours).
 */
function prefixCosts(values: readonly number[]): number[] {
  const sorted: number[] = [];
  const costs = [0];
  for (const value of values) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    sorted.splice(low, 0, value);
    let cost = 0;
    for (let lower = 0, upper = sorted.length - 1; lower < upper; lower += 1, upper -= 1) {
      cost += (sorted[upper] ?? 0) - (sorted[lower] ?? 0);
    }
    costs.push(cost);
  }
  return costs;
}

/** The `rank`-th smallest of `values` (Hoare's quickselect; reorders `values`). */
function select(values: number[], rank: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] ?? 0;
    let left = low;
    let right = high;
    while (left <= right) {
      while ((values[left] ?? 0) < pivot) left += 1;
      while ((values[right] ?? 0) > pivot) right -= 1;
      if (left <= right) {
        const swap = values[left] ?? 0;
        values[left] = values[right] ?? 0;
        values[right] = swap;
        left += 1;
        right -= 1;
      }
    }
    if (rank <= right) high = right;
    else if (rank >= left) low = left;
    else break;
  }
  return values[rank] ?? 0;
}

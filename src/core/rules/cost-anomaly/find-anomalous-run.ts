import type { ResolvedCostAnomalySettings } from './cost-anomaly-settings.js';

/** Per bucket of one series: actual and expected micro-dollars (`NaN` = unknown or no judgement). */
export interface RunScan {
  actual: Float64Array;
  expected: Float64Array;
  /** 1 on a holiday: drops are not judged there. */
  holiday: Uint8Array;
  /** First bucket index the scan starts at (windows may reach `maxWindow − 1` before it). */
  from: number;
  /** Index after the last complete bucket. */
  end: number;
  /** Robust scale of the log ratio of a window of `k` buckets. */
  scale: (k: number) => number;
  settings: ResolvedCostAnomalySettings;
}

/** A run of anomalous buckets `[since, at]` (indexes), with its sums and strongest score. */
export interface AnomalousRun {
  since: number;
  at: number;
  lastStrict: number;
  actual: number;
  expected: number;
  score: number;
}

/**
 * Scans forward over the last `holdBuckets + maxWindow` buckets. A run starts at a window crossing
 * every threshold (dollars per bucket, ratio and score) and grows with each further such window.
 * Without one it continues (hysteresis, no state between passes), for at most `holdBuckets`, while
 * the buckets since the last such window (at least the latest `holdWindow`) stay beyond the relaxed
 * ratio: a level shift stays one run through its nights and weekends, a spike ends soon after it
 * does. An unknown bucket ends a run (a gap never keeps an anomaly alive), and a window reaching
 * back into an ended run does not start a new one. The latest run is returned while it continues,
 * or when it crossed every threshold in the last `lookbackBuckets` buckets (a skipped pass is caught
 * up).
 */
export function findAnomalousRun(direction: 'spike' | 'drop', scan: RunScan): AnomalousRun | undefined {
  const { actual, expected, from, end, settings } = scan;
  const relaxedRatio = 1 + (settings.minRatio - 1) * settings.relaxedShare;
  let run: AnomalousRun | undefined;
  let latest: AnomalousRun | undefined;
  let closedThrough = -1;
  const close = () => {
    if (run !== undefined) closedThrough = run.at;
    run = undefined;
  };
  for (let index = from; index < end; index++) {
    if (!judged(scan, index, direction)) {
      close();
      continue;
    }
    const strict = strictAt(scan, index, direction, run === undefined ? closedThrough + 1 : 0);
    if (strict !== undefined) {
      if (run === undefined) {
        run = {
          since: index - strict.window + 1,
          at: index,
          lastStrict: index,
          actual: 0,
          expected: 0,
          score: 0,
        };
        latest = run;
      }
      run.at = index;
      run.lastStrict = index;
      run.score = Math.max(run.score, strict.score);
      continue;
    }
    if (run === undefined) continue;
    const tailFrom = Math.max(run.since, Math.min(run.lastStrict + 1, index - settings.holdWindow + 1));
    const holds =
      index - run.lastStrict <= settings.holdBuckets &&
      beyond(direction, sum(actual, tailFrom, index), sum(expected, tailFrom, index), relaxedRatio);
    if (holds) run.at = index;
    else close();
  }
  if (latest === undefined) return undefined;
  if (run !== latest && latest.lastStrict < end - settings.lookbackBuckets) return undefined;
  latest.actual = sum(actual, latest.since, latest.at);
  latest.expected = sum(expected, latest.since, latest.at);
  return latest;
}

/**
 * The smallest window ending at `last` (and starting at `firstAllowed` or later) that crosses every
 * threshold, its newest bucket beyond the relaxed ratio, and the best score among them.
 */
function strictAt(
  scan: RunScan,
  last: number,
  direction: 'spike' | 'drop',
  firstAllowed: number,
): { window: number; score: number } | undefined {
  const { minMicros, minRatio, minScore, offsetMicros, windows, relaxedShare } = scan.settings;
  const sign = direction === 'spike' ? 1 : -1;
  // The newest bucket must carry the change itself, or a long window would keep a finished spike alive.
  const newest = beyond(
    direction,
    scan.actual[last] ?? 0,
    scan.expected[last] ?? 0,
    1 + (minRatio - 1) * relaxedShare,
  );
  if (!newest) return undefined;
  let found: { window: number; score: number } | undefined;
  for (const k of windows) {
    if (last - k + 1 < firstAllowed) continue;
    let total = 0;
    let usual = 0;
    let known = true;
    for (let index = last - k + 1; index <= last && known; index++) {
      known = judged(scan, index, direction);
      total += scan.actual[index] ?? 0;
      usual += scan.expected[index] ?? 0;
    }
    if (!known || sign * (total - usual) < k * minMicros || !beyond(direction, total, usual, minRatio))
      continue;
    const score = (sign * Math.log((total + k * offsetMicros) / (usual + k * offsetMicros))) / scan.scale(k);
    if (score < minScore) continue;
    found = { window: Math.min(found?.window ?? k, k), score: Math.max(found?.score ?? score, score) };
  }
  return found;
}

function judged(scan: RunScan, index: number, direction: 'spike' | 'drop'): boolean {
  return (
    index >= 0 &&
    !Number.isNaN(scan.actual[index] ?? Number.NaN) &&
    !Number.isNaN(scan.expected[index] ?? Number.NaN) &&
    !(direction === 'drop' && scan.holiday[index] === 1)
  );
}

/** Spike: actual ≥ usual × ratio (any spend over a usual $0); drop: actual ≤ usual ÷ ratio. */
function beyond(direction: 'spike' | 'drop', actual: number, usual: number, ratio: number): boolean {
  if (direction === 'spike') return usual > 0 ? actual >= usual * ratio : actual > 0;
  return usual > 0 && actual <= usual / ratio;
}

function sum(values: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let index = from; index <= to; index++) total += values[index] ?? 0;
  return total;
}

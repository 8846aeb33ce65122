import { MICROS_PER_USD } from '../../money.js';

/**
 * Thresholds of the cost anomaly detector. A bucket window is anomalous only when all three of the
 * first thresholds are crossed; every other field is optional with the default of its granularity.
 */
export interface CostAnomalySettings {
  /** Least change, micro-dollars per bucket averaged over the tested window (hourly $20, daily $50). */
  minMicros: number;
  /** A spike is actual ≥ usual × minRatio, a drop actual ≤ usual ÷ minRatio (1.5). */
  minRatio: number;
  /**
   * Least robust score: |ln((actual + offset) ÷ (usual + offset))| ÷ the calibrated scale, a z-score
   * in robust standard deviations of the series' own week-to-week error (hourly 4.5, daily 4: the
   * tails of a 4-week median are heavier than a normal's, and hourly series are tested 24× as often).
   */
  minScore: number;
  /** Weeks of history the baseline median is taken over (4). */
  weeks?: number;
  /** Known weeks needed before a bucket is judged at all (3: three weeks of history). */
  minWeeks?: number;
  /** Window lengths tested, in buckets: longer ones catch moderate changes in noisy series (hourly 1, 3, 6; daily 1, 3). */
  windows?: readonly number[];
  /** A window ending in one of the last this many buckets fires: a skipped pass is caught up (hourly 3, daily 2). */
  lookbackBuckets?: number;
  /**
   * After the last window crossing every threshold, the anomaly keeps firing (same condition) for at
   * most this many buckets while the buckets since then stay beyond the relaxed ratio (hourly 72: a
   * weekend; daily 7).
   */
  holdBuckets?: number;
  /** The relaxed ratio is judged over at least this many latest buckets (hourly 3, daily 1). */
  holdWindow?: number;
  /** The relaxed ratio keeps this share of the excess of `minRatio`: 0.5 → 1.25 for a 1.5 threshold. */
  relaxedShare?: number;
  /** Added to both sides of the log ratio so near-$0 buckets do not swing it (hourly $5, daily $12.50 per bucket). */
  offsetMicros?: number;
  /** Lowest robust scale of the log ratio (0.05 ≈ 5%). */
  scaleFloor?: number;
  /** Critical when the run's ratio is at least this (or, for a drop, at most its inverse)… (3) */
  criticalRatio?: number;
  /** …and its change is at least this many times `minMicros` (10). */
  criticalMultiple?: number;
}

/** Defaults for hourly (estimated, minutes fresh) series: $20 an hour, 1.5×, score 4.5. */
export const DEFAULT_HOURLY_SETTINGS: CostAnomalySettings = {
  minMicros: 20 * MICROS_PER_USD,
  minRatio: 1.5,
  minScore: 4.5,
};

/** Defaults for daily (billed) series: $50 a day, 1.5×, score 4. */
export const DEFAULT_DAILY_SETTINGS: CostAnomalySettings = {
  minMicros: 50 * MICROS_PER_USD,
  minRatio: 1.5,
  minScore: 4,
};

export type ResolvedCostAnomalySettings = Required<CostAnomalySettings>;

/** Fills the optional settings with the defaults of the granularity. */
export function resolveSettings(
  settings: CostAnomalySettings,
  granularity: 'hour' | 'day',
): ResolvedCostAnomalySettings {
  const hourly = granularity === 'hour';
  const given = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as unknown as CostAnomalySettings;
  return {
    weeks: 4,
    minWeeks: 3,
    windows: hourly ? [1, 3, 6] : [1, 3],
    lookbackBuckets: hourly ? 3 : 2,
    holdBuckets: hourly ? 72 : 7,
    holdWindow: hourly ? 3 : 1,
    relaxedShare: 0.5,
    offsetMicros: settings.minMicros / 4,
    scaleFloor: 0.05,
    criticalRatio: 3,
    criticalMultiple: 10,
    ...given,
  };
}

/** The dimensions a cost change is broken down by. */
export type ContributorDimension = 'team' | 'feature' | 'model' | 'provider' | 'api_key' | 'region';

const DIMENSION_ORDER: readonly ContributorDimension[] = [
  'team',
  'feature',
  'model',
  'provider',
  'api_key',
  'region',
];

/** Spend of one dimension value, micro-dollars summed over the buckets asked. */
export interface CostBreakdownRow {
  dimension: ContributorDimension;
  value: string;
  micros: number;
}

/** One dimension value's part in a cost change. */
export interface Contributor {
  dimension: ContributorDimension;
  value: string;
  /** Current spend minus its baseline scaled to the current length, micro-dollars (signed). */
  deltaMicros: number;
  /**
   * `deltaMicros` ÷ the whole change (as measured by the dimension covering the most spend, `team`
   * normally: a dimension such as `region` may cover only part of it). Negative when the value moved against the change, above 1 when others offset it.
   */
  share: number;
  /** Its spend over the current buckets. */
  currentMicros?: number;
  /** Its baseline spend scaled to the current buckets ($0: new in the current run). */
  baselineMicros?: number;
}

/**
 * Ranks each dimension value's contribution to the change in dollars: current total minus its
 * baseline (baseline rows summed over `baselineBuckets`, scaled to the current run's length).
 * Every value seen on either side is returned, largest |delta| first (ties: dimension, then value).
 */
export function rankContributors(
  current: readonly CostBreakdownRow[],
  currentBuckets: number,
  baseline: readonly CostBreakdownRow[],
  baselineBuckets: number,
): Contributor[] {
  const scale = baselineBuckets > 0 ? currentBuckets / baselineBuckets : 0;
  const byValue = new Map<
    string,
    { dimension: ContributorDimension; value: string; now: number; usual: number }
  >();
  const entry = (row: CostBreakdownRow) => {
    const key = `${row.dimension}\u0000${row.value}`;
    const found = byValue.get(key) ?? { dimension: row.dimension, value: row.value, now: 0, usual: 0 };
    byValue.set(key, found);
    return found;
  };
  for (const row of current) entry(row).now += row.micros;
  for (const row of baseline) entry(row).usual += row.micros;

  const coverage = new Map<ContributorDimension, { spend: number; delta: number }>();
  const rows = [...byValue.values()].map(({ dimension, value, now, usual }) => {
    const baselineMicros = Math.round(usual * scale);
    const deltaMicros = now - baselineMicros;
    const total = coverage.get(dimension) ?? { spend: 0, delta: 0 };
    total.spend += now + baselineMicros;
    total.delta += deltaMicros;
    coverage.set(dimension, total);
    return { dimension, value, deltaMicros, currentMicros: now, baselineMicros };
  });
  const widest = [...coverage.values()].reduce<{ spend: number; delta: number } | undefined>(
    (best, total) => (best === undefined || total.spend > best.spend ? total : best),
    undefined,
  );
  const change = widest?.delta ?? 0;
  return rows
    .map((row) => ({
      ...row,
      share: change === 0 ? 0 : Math.round((row.deltaMicros / change) * 1000) / 1000,
    }))
    .sort(
      (a, b) =>
        Math.abs(b.deltaMicros) - Math.abs(a.deltaMicros) ||
        DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) ||
        (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    )
    .map(({ dimension, value, deltaMicros, share, currentMicros, baselineMicros }) => ({
      dimension,
      value,
      deltaMicros,
      share,
      currentMicros,
      baselineMicros,
    }));
}

import type { protos } from '@google-cloud/monitoring';
import type { MonitoringCallSite } from './classify-monitoring-error.js';
import { monitoringSchemaError, toNumber } from './series-points.js';

type Distribution = protos.google.api.IDistribution;

/** The buckets of a distribution value, enough for percentiles. */
export interface Histogram {
  /** Canonical text of the bucket layout: histograms add up only over the same layout. */
  layout: string;
  /** `[lower, upper)` of bucket `index`: 0 is the underflow bucket, the last the overflow one. */
  bounds(index: number): [number, number];
  /** Counts per bucket (trailing empty buckets may be left out). */
  counts: number[];
  total: number;
}

/**
 * The histogram of a `distributionValue` at `path`; `null` when it counted nothing or carries no
 * buckets. Linear, exponential and explicit bucket options are read as Cloud Monitoring defines
 * them (underflow bucket 0, finite buckets 1..N, overflow N+1).
 */
export function parseHistogram(
  distribution: Distribution | null | undefined,
  path: string,
  site: MonitoringCallSite,
): Histogram | null {
  if (distribution === null || distribution === undefined) {
    throw monitoringSchemaError(site, path, 'has no distributionValue');
  }
  const counts = (distribution.bucketCounts ?? []).map((count, index) => {
    const value = toNumber(count);
    if (value === undefined || !Number.isSafeInteger(value) || value < 0) {
      throw monitoringSchemaError(site, `${path}.bucketCounts[${index}]`, `is ${String(count)}`);
    }
    return value;
  });
  const total = counts.reduce((sum, count) => sum + count, 0);
  const count = toNumber(distribution.count) ?? 0;
  if (counts.length === 0 || total === 0) return null;
  if (count !== total) {
    throw monitoringSchemaError(site, `${path}.count`, `is ${count} but the buckets hold ${total}`);
  }
  const { layout, finiteBuckets, bounds } = bucketLayout(
    distribution.bucketOptions,
    `${path}.bucketOptions`,
    site,
  );
  if (counts.length > finiteBuckets + 2) {
    throw monitoringSchemaError(
      site,
      `${path}.bucketCounts`,
      `has ${counts.length} buckets for ${finiteBuckets} finite ones`,
    );
  }
  return { layout, bounds, counts, total };
}

/** Two histograms of one layout as one; `path` names the second for an error. */
export function addHistograms(a: Histogram, b: Histogram, path: string, site: MonitoringCallSite): Histogram {
  if (a.layout !== b.layout) {
    throw monitoringSchemaError(site, `${path}.bucketOptions`, `(${b.layout}) differs from ${a.layout}`);
  }
  const length = Math.max(a.counts.length, b.counts.length);
  const counts = Array.from({ length }, (_, index) => (a.counts[index] ?? 0) + (b.counts[index] ?? 0));
  return { ...a, counts, total: a.total + b.total };
}

/**
 * The `quantile` (0..1) of a histogram, interpolated linearly inside the bucket that holds its
 * rank (`quantile × total`). The underflow bucket starts at 0 for positive bounds (latencies are
 * never negative); a rank in the overflow bucket reads its lower bound.
 */
export function histogramPercentile(histogram: Histogram, quantile: number): number {
  const rank = quantile * histogram.total;
  let before = 0;
  for (let index = 0; index < histogram.counts.length; index++) {
    const count = histogram.counts[index] ?? 0;
    if (count === 0 || before + count < rank) {
      before += count;
      continue;
    }
    const [lower, upper] = histogram.bounds(index);
    if (!Number.isFinite(upper)) return lower;
    const floor = Number.isFinite(lower) ? lower : Math.min(0, upper);
    return floor + ((rank - before) / count) * (upper - floor);
  }
  const last = histogram.counts.length - 1;
  return histogram.bounds(last)[0];
}

function bucketLayout(
  options: Distribution['bucketOptions'],
  path: string,
  site: MonitoringCallSite,
): { layout: string; finiteBuckets: number; bounds: (index: number) => [number, number] } {
  const fail = (problem: string) => monitoringSchemaError(site, path, problem);
  const finite = (count: unknown) => {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      throw fail(`numFiniteBuckets is ${String(count)}`);
    return count;
  };
  // Bucket i (1..N) is [edge(i-1), edge(i)); bucket 0 ends at edge(0), bucket N+1 starts at edge(N).
  const byEdges =
    (finiteBuckets: number, edge: (i: number) => number) =>
    (index: number): [number, number] => {
      if (index <= 0) return [Number.NEGATIVE_INFINITY, edge(0)];
      if (index > finiteBuckets) return [edge(finiteBuckets), Number.POSITIVE_INFINITY];
      return [edge(index - 1), edge(index)];
    };
  if (options?.exponentialBuckets) {
    const { numFiniteBuckets, growthFactor, scale } = options.exponentialBuckets;
    const n = finite(numFiniteBuckets);
    if (!(typeof growthFactor === 'number' && growthFactor > 1 && typeof scale === 'number' && scale > 0)) {
      throw fail(`exponentialBuckets has growthFactor ${String(growthFactor)} and scale ${String(scale)}`);
    }
    return {
      layout: `exponential(${n}, ${growthFactor}, ${scale})`,
      finiteBuckets: n,
      bounds: byEdges(n, (i) => scale * growthFactor ** i),
    };
  }
  if (options?.linearBuckets) {
    const { numFiniteBuckets, width, offset = 0 } = options.linearBuckets;
    const n = finite(numFiniteBuckets);
    if (!(typeof width === 'number' && width > 0 && typeof offset === 'number')) {
      throw fail(`linearBuckets has width ${String(width)} and offset ${String(offset)}`);
    }
    return {
      layout: `linear(${n}, ${width}, ${offset})`,
      finiteBuckets: n,
      bounds: byEdges(n, (i) => offset + width * i),
    };
  }
  if (options?.explicitBuckets) {
    const edges = options.explicitBuckets.bounds ?? [];
    if (
      edges.length === 0 ||
      edges.some((edge, i) => !Number.isFinite(edge) || (i > 0 && edge <= (edges[i - 1] ?? edge)))
    ) {
      throw fail('explicitBuckets.bounds are not increasing numbers');
    }
    const n = edges.length - 1;
    return {
      layout: `explicit(${edges.join(', ')})`,
      finiteBuckets: n,
      bounds: byEdges(n, (i) => edges[i] ?? Number.NaN),
    };
  }
  throw fail('has no linear, exponential or explicit buckets');
}

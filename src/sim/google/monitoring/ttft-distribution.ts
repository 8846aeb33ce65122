/**
 * The bucket layout of the simulated `first_token_latencies` distributions (milliseconds):
 * underflow below 10 ms, 40 buckets growing by 25%, overflow from about 75 s.
 */
export const TTFT_BUCKETS = { numFiniteBuckets: 40, growthFactor: 1.25, scale: 10 } as const;

/** A Cloud Monitoring distribution value before it is written as JSON. */
export interface SimDistribution {
  count: number;
  mean: number;
  sumOfSquaredDeviation: number;
  /** Counts per bucket of {@link TTFT_BUCKETS}: underflow, finite buckets, overflow. */
  bucketCounts: number[];
}

/** z of the 90th percentile of the standard normal distribution. */
const Z_90 = 1.2815515655446004;

/**
 * The first-token latencies of `requests` calls whose median is `p50Ms` and 90th percentile `p90Ms`:
 * a log-normal through both, sampled at evenly spaced quantiles so the same inputs always give the
 * same distribution. `null` without calls (no datapoint).
 */
export function ttftDistribution(requests: number, p50Ms: number, p90Ms: number): SimDistribution | null {
  if (requests <= 0) return null;
  const sigma = Math.log(Math.max(p90Ms, p50Ms + 1) / p50Ms) / Z_90;
  const bucketCounts = new Array<number>(TTFT_BUCKETS.numFiniteBuckets + 2).fill(0);
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const sample = p50Ms * Math.exp(sigma * inverseNormal((i + 0.5) / requests));
    samples.push(sample);
    const index = ttftBucketIndex(sample);
    bucketCounts[index] = (bucketCounts[index] ?? 0) + 1;
  }
  const mean = samples.reduce((sum, sample) => sum + sample, 0) / requests;
  const sumOfSquaredDeviation = samples.reduce((sum, sample) => sum + (sample - mean) ** 2, 0);
  return { count: requests, mean, sumOfSquaredDeviation, bucketCounts };
}

/** The bucket of a latency in {@link TTFT_BUCKETS}. */
export function ttftBucketIndex(ms: number): number {
  const { numFiniteBuckets, growthFactor, scale } = TTFT_BUCKETS;
  if (ms < scale) return 0;
  let index = Math.floor(Math.log(ms / scale) / Math.log(growthFactor)) + 1;
  // Floating-point logs can land one bucket off at a boundary; the bounds decide.
  if (ms < scale * growthFactor ** (index - 1)) index -= 1;
  if (ms >= scale * growthFactor ** index) index += 1;
  return Math.min(index, numFiniteBuckets + 1);
}

/** Two distributions over the same buckets as one: counts add, mean and deviation combine exactly. */
export function mergeDistributions(a: SimDistribution, b: SimDistribution): SimDistribution {
  const count = a.count + b.count;
  const mean = (a.mean * a.count + b.mean * b.count) / count;
  const sumOfSquaredDeviation =
    a.sumOfSquaredDeviation + b.sumOfSquaredDeviation + ((a.mean - b.mean) ** 2 * a.count * b.count) / count;
  const length = Math.max(a.bucketCounts.length, b.bucketCounts.length);
  const bucketCounts = Array.from(
    { length },
    (_, index) => (a.bucketCounts[index] ?? 0) + (b.bucketCounts[index] ?? 0),
  );
  return { count, mean, sumOfSquaredDeviation, bucketCounts };
}

/** The standard normal quantile of `p` in (0, 1) (Acklam's rational approximation, |error| < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const horner = (coefficients: number[], x: number) =>
    coefficients.reduce((sum, coefficient) => sum * x + coefficient, 0);
  const tail = (q: number) => horner(c, q) / (horner(d, q) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (horner(a, r) * q) / (horner(b, r) * r + 1);
}

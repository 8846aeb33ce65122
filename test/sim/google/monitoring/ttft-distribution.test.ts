import { describe, expect, it } from 'vitest';
import {
  mergeDistributions,
  TTFT_BUCKETS,
  ttftBucketIndex,
  ttftDistribution,
} from '../../../../src/sim/google/monitoring/ttft-distribution.js';

/** The `[lower, upper)` ms of an exponential bucket of the simulator's layout. */
const bucketBounds = (index: number) => [
  TTFT_BUCKETS.scale * TTFT_BUCKETS.growthFactor ** (index - 1),
  TTFT_BUCKETS.scale * TTFT_BUCKETS.growthFactor ** index,
];

describe('ttftDistribution', () => {
  it('counts 1,000 calls whose 500th falls in the bucket of 620 ms and 900th in that of 1,300 ms', () => {
    const distribution = ttftDistribution(1_000, 620, 1_300);
    expect(distribution?.count).toBe(1_000);
    const counts = distribution?.bucketCounts ?? [];
    expect(counts.reduce((sum, one) => sum + one, 0)).toBe(1_000);
    const bucketOfRank = (rank: number) => {
      let seen = 0;
      return counts.findIndex((count) => {
        seen += count;
        return seen >= rank;
      });
    };
    const [p50Low = 0, p50High = 0] = bucketBounds(bucketOfRank(500));
    const [p90Low = 0, p90High = 0] = bucketBounds(bucketOfRank(900));
    expect(620).toBeGreaterThanOrEqual(p50Low * 0.99);
    expect(620).toBeLessThan(p50High * 1.01);
    expect(1_300).toBeGreaterThanOrEqual(p90Low * 0.99);
    expect(1_300).toBeLessThan(p90High * 1.01);
    expect(distribution?.mean).toBeGreaterThan(620);
  });

  it('is the same for the same inputs and null without calls', () => {
    expect(ttftDistribution(37, 280, 540)).toEqual(ttftDistribution(37, 280, 540));
    expect(ttftDistribution(0, 280, 540)).toBeNull();
  });

  it.each([
    [9.99, 0],
    [10, 1],
    [12.49, 1],
    [12.5, 2],
    [10 * 1.25 ** 40, 41],
    [1e9, 41],
  ])('puts %d ms in bucket %i', (ms, index) => {
    expect(ttftBucketIndex(ms)).toBe(index);
  });

  it('merges 2 distributions into counts 3+5, the exact mean and squared deviation of all 8 values', () => {
    const one = { count: 3, mean: 2, sumOfSquaredDeviation: 2, bucketCounts: [0, 3] }; // 1, 2, 3
    const two = { count: 5, mean: 10, sumOfSquaredDeviation: 0, bucketCounts: [0, 0, 5] }; // 10 ×5
    const merged = mergeDistributions(one, two);
    const values = [1, 2, 3, 10, 10, 10, 10, 10];
    const mean = values.reduce((sum, value) => sum + value, 0) / 8;
    expect(merged.count).toBe(8);
    expect(merged.mean).toBeCloseTo(mean, 12);
    expect(merged.sumOfSquaredDeviation).toBeCloseTo(
      values.reduce((sum, value) => sum + (value - mean) ** 2, 0),
      9,
    );
    expect(merged.bucketCounts).toEqual([0, 3, 5]);
  });
});

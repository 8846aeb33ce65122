import { describe, expect, it } from 'vitest';
import {
  addHistograms,
  histogramPercentile,
  parseHistogram,
} from '../../../../src/collectors/vertex/monitoring/parse-histogram.js';
import { AiSpendError } from '../../../../src/core/errors.js';

const SITE = { project: 'p1', metric: 'first_token_latencies' };
const PATH = 'timeSeries[0].points[0].value.distributionValue';

function histogram(bucketOptions: object, bucketCounts: string[]) {
  const count = bucketCounts.reduce((sum, one) => sum + Number(one), 0);
  const parsed = parseHistogram({ count: String(count), bucketOptions, bucketCounts }, PATH, SITE);
  if (parsed === null) throw new Error('no histogram');
  return parsed;
}

describe('histogramPercentile', () => {
  it.each([
    {
      name: 'explicit bounds 100/200/400/800 with 10/20/10 calls: p50 300 ms, p90 640 ms',
      options: { explicitBuckets: { bounds: [100, 200, 400, 800] } },
      counts: ['0', '10', '20', '10'],
      p50: 300,
      p90: 640,
    },
    {
      name: 'exponential scale 10 ×2 with 4/4/2 calls in 20-40/40-80/80-160: p50 50 ms, p90 120 ms',
      options: { exponentialBuckets: { numFiniteBuckets: 5, growthFactor: 2, scale: 10 } },
      counts: ['0', '0', '4', '4', '2'],
      p50: 50,
      p90: 120,
    },
    {
      name: 'linear width 100 with 5/5 calls in 0-100/100-200: p50 100 ms, p90 180 ms',
      options: { linearBuckets: { numFiniteBuckets: 10, width: 100, offset: 0 } },
      counts: ['0', '5', '5'],
      p50: 100,
      p90: 180,
    },
    {
      name: 'every call in the overflow bucket above 800 ms: p50 and p90 read 800 ms',
      options: { explicitBuckets: { bounds: [100, 200, 400, 800] } },
      counts: ['0', '0', '0', '0', '7'],
      p50: 800,
      p90: 800,
    },
    {
      name: 'every call in the underflow bucket below 100 ms: p50 50 ms, p90 90 ms from 0',
      options: { explicitBuckets: { bounds: [100, 200] } },
      counts: ['10'],
      p50: 50,
      p90: 90,
    },
  ])('$name', ({ options, counts, p50, p90 }) => {
    const parsed = histogram(options, counts);
    expect(histogramPercentile(parsed, 0.5)).toBeCloseTo(p50, 9);
    expect(histogramPercentile(parsed, 0.9)).toBeCloseTo(p90, 9);
  });

  it('adds two histograms of one layout: 10+10 calls over 100-200 and 200-400 give p50 200 ms', () => {
    const options = { explicitBuckets: { bounds: [100, 200, 400] } };
    const sum = addHistograms(
      histogram(options, ['0', '10']),
      histogram(options, ['0', '0', '10']),
      PATH,
      SITE,
    );
    expect(sum.total).toBe(20);
    expect(histogramPercentile(sum, 0.5)).toBe(200);
    expect(histogramPercentile(sum, 0.9)).toBe(360);
  });
});

describe('parseHistogram', () => {
  it('returns null for a distribution that counted no calls', () => {
    const options = { explicitBuckets: { bounds: [100] } };
    expect(parseHistogram({ count: '0', bucketOptions: options, bucketCounts: [] }, PATH, SITE)).toBeNull();
  });

  it.each([
    {
      problem: 'a count of 5 over buckets holding 4',
      value: { count: '5', bucketOptions: { explicitBuckets: { bounds: [100] } }, bucketCounts: ['1', '3'] },
      message: `${PATH}.count is 5 but the buckets hold 4`,
    },
    {
      problem: 'bounds that go down',
      value: { count: '1', bucketOptions: { explicitBuckets: { bounds: [200, 100] } }, bucketCounts: ['1'] },
      message: `${PATH}.bucketOptions explicitBuckets.bounds are not increasing numbers`,
    },
    {
      problem: 'no bucket options',
      value: { count: '1', bucketOptions: {}, bucketCounts: ['1'] },
      message: `${PATH}.bucketOptions has no linear, exponential or explicit buckets`,
    },
    {
      problem: '4 buckets for 1 finite one',
      value: {
        count: '4',
        bucketOptions: { explicitBuckets: { bounds: [100, 200] } },
        bucketCounts: ['1', '1', '1', '1'],
      },
      message: `${PATH}.bucketCounts has 4 buckets for 1 finite ones`,
    },
  ])('fails with provider_schema on $problem', ({ value, message }) => {
    let caught: unknown;
    try {
      parseHistogram(value, PATH, SITE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AiSpendError);
    expect((caught as AiSpendError).code).toBe('provider_schema');
    expect((caught as AiSpendError).message).toBe(
      `Cloud Monitoring first_token_latencies of project p1: ${message}`,
    );
  });

  it('refuses to add histograms of different layouts', () => {
    const a = histogram({ explicitBuckets: { bounds: [100] } }, ['1']);
    const b = histogram({ explicitBuckets: { bounds: [200] } }, ['1']);
    expect(() => addHistograms(a, b, PATH, SITE)).toThrow(/differs from explicit\(100\)/);
  });
});

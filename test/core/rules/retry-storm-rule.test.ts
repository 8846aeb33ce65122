import { describe, expect, it } from 'vitest';
import {
  type RetryStormBucket,
  type RetryStormSeries,
  retryStormRule,
} from '../../../src/core/rules/retry-storm-rule.js';

const HOUR = 3_600;
/** The storm's first hour: Tuesday 2026-11-24 12:00 UTC, after 72 quiet hours. */
const STORM = Date.UTC(2026, 10, 24, 12) / 1000;
const USD = 1_000_000;
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

/** 10,000 calls of 3,000 input and 500 output tokens at $3 and $15 per million: $165 an hour. */
function usual(at: number): RetryStormBucket {
  return {
    at,
    invocations: 10_000,
    throttles: 10,
    errors: 20,
    inputTokens: 30_000_000,
    outputTokens: 5_000_000,
    estimatedMicros: 165 * USD,
  };
}

/** The same useful traffic plus 10,000 retried calls that resend their prompt and return nothing. */
function storming(at: number): RetryStormBucket {
  return {
    at,
    invocations: 20_000,
    throttles: 8_000,
    errors: 2_000,
    inputTokens: 60_000_000,
    outputTokens: 5_000_000,
    estimatedMicros: 255 * USD,
  };
}

/** 72 usual hours before STORM, then `after` hour by hour from STORM. */
function series(
  after: ReadonlyArray<(at: number) => RetryStormBucket | undefined>,
  overrides: Partial<RetryStormSeries> = {},
): RetryStormSeries {
  const before = Array.from({ length: 72 }, (_, index) => usual(STORM - (72 - index) * HOUR));
  const rest = after.map((make, index) => make(STORM + index * HOUR));
  return {
    region: 'us-east-1',
    model: MODEL,
    label: 'claude-sonnet-4-5',
    users: [
      { team: 'support', share: 0.7 },
      { team: 'growth', share: 0.3 },
    ],
    buckets: [...before, ...rest].filter((bucket) => bucket !== undefined),
    ...overrides,
  };
}

const through = (hours: number) => STORM + hours * HOUR;
const missing = () => undefined;

describe('retryStormRule ($50 of retries and 15% of the spend both required)', () => {
  it('flags 3 hours of doubled calls with 800× the throttles and flat output: $382.50 of retries, one alert per team', () => {
    const candidates = retryStormRule({
      series: [series([storming, storming, storming])],
      through: through(3),
    });
    expect(candidates.map((candidate) => candidate.fingerprint)).toEqual([
      `retry_storm|us-east-1|${MODEL}|support`,
      `retry_storm|us-east-1|${MODEL}|growth`,
    ]);
    const [support] = candidates;
    expect(support).toMatchObject({
      rule: 'retry_storm',
      team: 'support',
      severity: 'warning',
      title: 'Retry storm on claude-sonnet-4-5 in us-east-1: about $382.50 in 3 h',
      observedAt: STORM + 2 * HOUR,
      magnitude: 127.5,
      details: {
        from: '2026-11-24T12:00:00Z',
        through: '2026-11-24T15:00:00Z',
        stormHours: 3,
        dataCoverage: 1,
        retryMicros: 382_500_000,
        spendMicros: 765_000_000,
        excessShare: 0.5,
        excessInvocations: 30_000,
        counts: {
          throttles: { now: 24_000, usual: 30 },
          invocations: { now: 60_000, usual: 30_000 },
          outputTokens: { now: 15_000_000, usual: 15_000_000 },
        },
        baseline: { outputPerInvocation: 500, inputPerOutput: 6, hours: 72, shareSpread: 0 },
        teamShare: 0.7,
        teamRetryMicros: 267_750_000,
      },
    });
    expect(support?.summary).toBe(
      'claude-sonnet-4-5 in us-east-1: throttles 800×, invocations +100% while output +0%: about $382.50 of retries in the last 3 h. Team support sends 70% of it (about $267.75).',
    );
    expect(support?.details.assumption).toContain('retry spend = that share × estimated spend');
    expect(support?.view?.contributors?.rows).toEqual([
      { label: 'support', value: 'about $267.75', share: 0.7 },
      { label: 'growth', value: 'about $114.75', share: 0.3 },
    ]);
    expect(support?.view?.next).toMatch(/exponential backoff/);
  });

  it('is no storm when calls triple with output in step, even with 10% of attempts throttled', () => {
    const spike = (at: number): RetryStormBucket => ({
      ...usual(at),
      invocations: 30_000,
      throttles: 3_000,
      inputTokens: 90_000_000,
      outputTokens: 15_000_000,
      estimatedMicros: 495 * USD,
    });
    expect(retryStormRule({ series: [series([spike, spike, spike])], through: through(3) })).toEqual([]);
  });

  it('is no storm when 30% of calls fail without tokens and nobody retries them', () => {
    const burst = (at: number): RetryStormBucket => ({
      ...usual(at),
      errors: 3_000,
      inputTokens: 21_000_000,
      outputTokens: 3_500_000,
      estimatedMicros: 115.5 * USD,
    });
    expect(retryStormRule({ series: [series([burst, burst, burst])], through: through(3) })).toEqual([]);
  });

  it('needs 2 storm hours: the first hour alone raises nothing', () => {
    expect(retryStormRule({ series: [series([storming])], through: through(1) })).toEqual([]);
    expect(retryStormRule({ series: [series([storming, storming])], through: through(2) })).toHaveLength(2);
  });

  it.each([
    ['$255 of retries under a $300 threshold', { minRetryMicros: 300 * USD }],
    ['a 50% retry share under a 60% threshold', { minExcessShare: 0.6 }],
  ])('raises nothing for %s', (_, settings) => {
    const storm = series([storming, storming]);
    expect(retryStormRule({ series: [storm], through: through(2), settings })).toEqual([]);
  });

  it('bridges one missing hour inside the storm and reports 67% data coverage', () => {
    const [candidate] = retryStormRule({
      series: [series([storming, missing, storming])],
      through: through(3),
    });
    expect(candidate?.details).toMatchObject({ stormHours: 2, dataCoverage: 0.67, retryMicros: 255 * USD });
    expect(candidate?.summary).toContain('of retries in the last 3 h (data 67%).');
  });

  it('keeps firing through one missing latest hour, but not through two', () => {
    const gapOfOne = retryStormRule({ series: [series([storming, storming, missing])], through: through(3) });
    expect(gapOfOne[0]?.observedAt).toBe(STORM + HOUR);
    const gapOfTwo = series([storming, storming, missing, missing]);
    expect(retryStormRule({ series: [gapOfTwo], through: through(4) })).toEqual([]);
  });

  it('reads nothing at or after `through`: a storm in the hour still running is not seen yet', () => {
    const storm = series([usual, storming, storming]);
    expect(retryStormRule({ series: [storm], through: through(2) })).toEqual([]);
    expect(retryStormRule({ series: [storm], through: through(2) + 1_800 })).toEqual([]);
    expect(retryStormRule({ series: [storm], through: through(3) })).toHaveLength(2);
  });

  it('belongs to unallocated when no team uses the model, and is critical from $500', () => {
    const storm = series([storming, storming, storming, storming], { users: [] });
    const [candidate, ...rest] = retryStormRule({ series: [storm], through: through(4) });
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: `retry_storm|us-east-1|${MODEL}|unallocated`,
      team: 'unallocated',
      severity: 'critical',
    });
    expect(candidate?.summary).toMatch(/about \$510\.00 of retries in the last 4 h\. No team is attributed/);
  });

  it('needs 12 usable hours of baseline before the storm', () => {
    const short = series([storming, storming, storming]);
    const buckets = short.buckets.filter((bucket) => bucket.at >= STORM - 11 * HOUR);
    expect(retryStormRule({ series: [{ ...short, buckets }], through: through(3) })).toEqual([]);
  });

  it('ignores one outlier hour in the baseline (median ratios)', () => {
    const storm = series([storming, storming]);
    const buckets = storm.buckets.map((bucket) =>
      bucket.at === STORM - 5 * HOUR ? { ...bucket, outputTokens: 50_000_000, throttles: 5_000 } : bucket,
    );
    const [candidate] = retryStormRule({ series: [{ ...storm, buckets }], through: through(2) });
    expect(candidate?.details).toMatchObject({
      retryMicros: 255 * USD,
      baseline: { outputPerInvocation: 500 },
    });
  });
});

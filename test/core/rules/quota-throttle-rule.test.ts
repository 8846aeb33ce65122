import { describe, expect, it } from 'vitest';
import { type QuotaThrottleSeries, quotaThrottleRule } from '../../../src/core/rules/quota-throttle-rule.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

/** Throttles in the minutes `minutesAgo` before NOW (1 = the minute starting at 15:47). */
function series(
  perMinute: Record<number, number>,
  users = [
    { team: 'search', share: 0.7 },
    { team: 'data', share: 0.3 },
  ],
): QuotaThrottleSeries {
  return {
    region: 'us-east-1',
    model: MODEL,
    label: 'Claude Sonnet 4.5',
    users,
    minutes: Object.entries(perMinute).map(([ago, throttles]) => ({
      minute: NOW - Number(ago) * 60,
      throttles,
    })),
  };
}

const run = (entry: QuotaThrottleSeries, settings = {}) =>
  quotaThrottleRule({ series: [entry], now: NOW, settings });
const minutes = (count: number, each: number, from = 1) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [from + index, each]));

describe('quotaThrottleRule with the defaults (5 of the last 15 minutes, 10 throttles)', () => {
  it('tells each using team: 5 minutes of 30 throttles give two warnings, search 70% and data 30%', () => {
    const candidates = run(series(minutes(5, 30)));
    expect(candidates.map((candidate) => [candidate.fingerprint, candidate.team])).toEqual([
      [`quota_throttles|us-east-1|${MODEL}|search`, 'search'],
      [`quota_throttles|us-east-1|${MODEL}|data`, 'data'],
    ]);
    expect(candidates[0]).toMatchObject({
      rule: 'quota_throttles',
      severity: 'warning',
      title: 'Claude Sonnet 4.5 throttled 150 times in us-east-1',
      summary:
        'Bedrock throttled 150 requests to Claude Sonnet 4.5 in us-east-1 in 5 of the last 15 min. Team search sends 70% of its tokens.',
      observedAt: NOW - 60,
      magnitude: 33,
      details: { throttles: 150, throttledMinutes: 5, windowMinutes: 15, team: 'search', share: 0.7 },
    });
    expect(candidates[1]?.summary).toContain('Team data sends 30% of its tokens.');
  });

  it.each([
    ['4 throttled minutes', minutes(4, 30)],
    ['5 minutes but 9 throttles in total', { 1: 5, 2: 1, 3: 1, 4: 1, 5: 1 }],
    ['throttles 16 minutes ago and older', minutes(5, 30, 16)],
    ['zero counts reported', minutes(15, 0)],
  ])('stays quiet for %s', (_, perMinute) => {
    expect(run(series(perMinute))).toEqual([]);
  });

  it('ignores the minute starting at now (no look-ahead)', () => {
    expect(run(series({ ...minutes(4, 30), 0: 50 }))).toEqual([]);
  });

  it('counts 10 throttles over exactly 5 minutes as sustained', () => {
    expect(run(series({ 1: 2, 3: 2, 5: 2, 7: 2, 9: 2 }))).toHaveLength(2);
  });

  it('goes to unallocated when nobody is known to use the model', () => {
    const [candidate, ...rest] = run(series(minutes(6, 10), []));
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      team: 'unallocated',
      fingerprint: `quota_throttles|us-east-1|${MODEL}|unallocated`,
    });
  });

  it('honours settings: 3 minutes in a 10-minute window with minMinutes 3', () => {
    expect(run(series(minutes(3, 10)), { windowMinutes: 10, minMinutes: 3 })).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import {
  computeDrift,
  type DriftInput,
  exceedsThreshold,
} from '../../../src/core/reconcile/compute-drift.js';

const base: DriftInput = {
  source: 'anthropic',
  day: Date.UTC(2026, 10, 20) / 1000,
  scope: 'anthropic|org|wrkspc_search',
  estimatedMicros: 1_000_000_000,
  billedMicros: 1_000_000_000,
  creditMicros: 0,
  final: true,
  totalTokens: 10_000_000,
  unpricedTokens: 0,
  cacheTokens: 0,
  batchTokens: 0,
  priorityTokens: 0,
};
const thresholds = { minPercent: 5, minMicrosPerDay: 50_000_000 };

describe('computeDrift', () => {
  it.each([
    // [case, changes, drift µ$, percent of bill, first cause]
    ['bill $1,060 vs estimate $1,000', { billedMicros: 1_060_000_000 }, 60_000_000, 5.7, 'mispriced_model'],
    [
      'bill $940 vs $1,000 with $80 credits',
      { billedMicros: 940_000_000, creditMicros: -80_000_000 },
      -60_000_000,
      -6.4,
      'credits',
    ],
    [
      'bill $1,200 with 2M unpriced tokens',
      { billedMicros: 1_200_000_000, unpricedTokens: 2_000_000 },
      200_000_000,
      16.7,
      'unpriced_model',
    ],
    [
      'bill $75 with no usage at all',
      { billedMicros: 75_000_000, estimatedMicros: 0, totalTokens: 0 },
      75_000_000,
      100,
      'billed_without_usage',
    ],
    [
      'estimate $120.50 with nothing billed',
      { billedMicros: 0, estimatedMicros: 120_500_000 },
      -120_500_000,
      null,
      'not_billed',
    ],
    [
      'bill $1,100 with priority tokens',
      { billedMicros: 1_100_000_000, priorityTokens: 1 },
      100_000_000,
      9.1,
      'service_tier',
    ],
    [
      'bill $900 with 40% cache tokens',
      { billedMicros: 900_000_000, cacheTokens: 4_000_000 },
      -100_000_000,
      -11.1,
      'cache_tokens',
    ],
  ] as const)('%s', (_name, changes, drift, percent, cause) => {
    const result = computeDrift({ ...base, ...changes });
    expect(result.driftMicros).toBe(drift);
    expect(result.driftPercent).toBe(percent);
    expect(result.causes[0]).toBe(cause);
  });

  it('names every suspect in order: unpriced model, batch tier and cache on one day', () => {
    const result = computeDrift({
      ...base,
      billedMicros: 1_300_000_000,
      unpricedTokens: 1,
      batchTokens: 1,
      cacheTokens: 5_000_000,
    });
    expect(result.causes).toEqual(['unpriced_model', 'service_tier', 'cache_tokens']);
  });
});

describe('exceedsThreshold (5% and $50/day)', () => {
  it.each([
    [1_000_000_000, 1_050_000_000, false], // +$50 but 50/1050 = 4.76% of the bill
    [1_000_000_000, 1_060_000_000, true], // +$60 = 5.66%
    [1_000_000_000, 1_049_999_999, false], // under $50
    [2_000_000_000, 2_060_000_000, false], // $60 but 2.9%
    [100_000_000, 0, true], // $100 estimated, nothing billed
    [0, 49_000_000, false], // $49 billed without usage: under $50
  ])('estimate %i µ$ vs bill %i µ$ → %s', (estimatedMicros, billedMicros, expected) => {
    const drift = computeDrift({ ...base, estimatedMicros, billedMicros });
    expect(exceedsThreshold(drift, thresholds)).toBe(expected);
  });
});

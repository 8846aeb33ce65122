import { describe, expect, it } from 'vitest';
import { type CostBreakdownRow, rankContributors } from '../../../src/core/rules/rank-contributors.js';

const USD = 1_000_000;
const row = (dimension: CostBreakdownRow['dimension'], value: string, dollars: number): CostBreakdownRow => ({
  dimension,
  value,
  micros: dollars * USD,
});

describe('rankContributors', () => {
  // 2 current hours against the same 2 hours of 4 previous weeks (8 baseline hours, scaled by 2/8).
  const current = [
    row('team', 'search', 1_240),
    row('feature', 'ask-docs', 900),
    row('feature', 'autocomplete', 340),
    row('model', 'claude-sonnet-4-5', 1_100),
    row('model', 'gpt-5-mini', 140),
  ];
  const baseline = [
    row('team', 'search', 1_040),
    row('feature', 'ask-docs', 352),
    row('feature', 'autocomplete', 688),
    row('model', 'claude-sonnet-4-5', 240),
    row('model', 'gpt-5-mini', 800),
  ];

  it('scales the baseline to the current length and ranks every value by |delta| in dollars', () => {
    expect(rankContributors(current, 2, baseline, 8)).toEqual([
      {
        dimension: 'model',
        value: 'claude-sonnet-4-5',
        deltaMicros: 1_040 * USD,
        share: 1.061,
        currentMicros: 1_100 * USD,
        baselineMicros: 60 * USD,
      },
      {
        dimension: 'team',
        value: 'search',
        deltaMicros: 980 * USD,
        share: 1,
        currentMicros: 1_240 * USD,
        baselineMicros: 260 * USD,
      },
      {
        dimension: 'feature',
        value: 'ask-docs',
        deltaMicros: 812 * USD,
        share: 0.829,
        currentMicros: 900 * USD,
        baselineMicros: 88 * USD,
      },
      {
        dimension: 'feature',
        value: 'autocomplete',
        deltaMicros: 168 * USD,
        share: 0.171,
        currentMicros: 340 * USD,
        baselineMicros: 172 * USD,
      },
      {
        dimension: 'model',
        value: 'gpt-5-mini',
        deltaMicros: -60 * USD,
        share: -0.061,
        currentMicros: 140 * USD,
        baselineMicros: 200 * USD,
      },
    ]);
  });

  it('gives a value new in the current buckets a baseline of $0 and its whole spend as delta', () => {
    const ranked = rankContributors(
      [row('feature', 'new-bot', 50), row('team', 'search', 50)],
      1,
      [row('team', 'search', 0)],
      4,
    );
    expect(ranked.find((entry) => entry.value === 'new-bot')).toMatchObject({
      deltaMicros: 50 * USD,
      baselineMicros: 0,
      share: 1,
    });
  });

  it('measures shares against the dimension covering the most spend, not a partial one like region', () => {
    const ranked = rankContributors(
      [row('team', 'search', 300), row('team', 'data', 100), row('region', 'us-east-1', 150)],
      1,
      [row('team', 'search', 100), row('team', 'data', 100), row('region', 'us-east-1', 50)],
      1,
    );
    expect(ranked.map((entry) => [entry.value, entry.share])).toEqual([
      ['search', 1],
      ['us-east-1', 0.5],
      ['data', 0],
    ]);
  });

  it('has shares of 0 when nothing changed and no baseline when there are no baseline buckets', () => {
    expect(rankContributors([row('team', 'search', 10)], 1, [row('team', 'search', 10)], 1)[0]?.share).toBe(
      0,
    );
    expect(rankContributors([row('team', 'search', 10)], 1, [], 0)[0]).toMatchObject({
      deltaMicros: 10 * USD,
      baselineMicros: 0,
    });
  });
});

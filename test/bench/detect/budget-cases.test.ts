import { describe, expect, it } from 'vitest';
import { budgetCases } from '../../../src/bench/detect/budget-cases.js';
import { scoreCases } from '../../../src/bench/detect/score-cases.js';

const WEEKS_PER_MONTH = 30 / 7;

describe('budget detection scenarios (seed 20261129)', () => {
  const cases = budgetCases(20261129);
  const score = scoreCases(cases);

  it('generates 49 cases: 24 launches, 16 slow trends and 9 quiet cases of 4 teams over 13 weeks', () => {
    expect(cases).toHaveLength(49);
    expect(cases.filter((entry) => entry.tags.includes('quiet')).map((entry) => entry.teams)).toEqual(
      Array.from({ length: 9 }, () => 4),
    );
    expect(score.quietTeamWeeks).toBeCloseTo(9 * 4 * 13, 0);
    expect(cases.some((entry) => entry.tags.includes('missing-data'))).toBe(true);
  });

  it('labels every team-month that ended at 80% of its budget or more, and none in the quiet cases', () => {
    expect(score.incidents).toBeGreaterThanOrEqual(40);
    for (const entry of cases.filter((item) => item.tags.includes('quiet')))
      expect(entry.incidents).toEqual([]);
  });

  it('meets the targets: recall ≥ 0.9, precision ≥ 0.9, under 1 quiet false alert per team per month', () => {
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.quietFalseAlertsPerTeamWeek * WEEKS_PER_MONTH).toBeLessThan(1);
  });

  it('detects a launch within days: median delay under 5 days', () => {
    expect(score.medianDelaySeconds).not.toBeNull();
    expect(score.medianDelaySeconds ?? Number.POSITIVE_INFINITY).toBeLessThan(5 * 86_400);
  });

  it('replays the same alerts for the same seed', () => {
    const again = budgetCases(20261129)
      .slice(0, 5)
      .map((entry) => entry.replay());
    expect(again).toEqual(cases.slice(0, 5).map((entry) => entry.replay()));
  });
});

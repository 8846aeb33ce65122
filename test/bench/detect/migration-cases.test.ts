import { describe, expect, it } from 'vitest';
import { migrationCases } from '../../../src/bench/detect/migration-cases.js';
import { scoreCases } from '../../../src/bench/detect/score-cases.js';

const DAY = 86_400;

describe('migration detection scenarios (seed 20261129)', () => {
  const cases = migrationCases(20261129);
  const score = scoreCases(cases);

  it('generates 48 labelled migrations and 24 quiet controls of 3 teams, deterministically', () => {
    expect(cases.filter((entry) => entry.incidents.length > 0)).toHaveLength(48);
    const quiet = cases.filter((entry) => entry.incidents.length === 0);
    expect(quiet).toHaveLength(24);
    expect(quiet.every((entry) => entry.teams === 3)).toBe(true);
    expect(new Set(cases.map((entry) => entry.name)).size).toBe(cases.length);
    expect(migrationCases(20261129).map((entry) => entry.incidents)).toEqual(
      cases.map((entry) => entry.incidents),
    );
  });

  it('covers abrupt and 3-day moves of every kind, noise levels and the quiet kinds', () => {
    const tags = new Set(cases.flatMap((entry) => entry.tags));
    for (const tag of [
      'abrupt',
      'gradual',
      'other-provider-model',
      'same-provider-model',
      'same-model-other-provider',
      'noise-5%',
      'noise-30%',
      'growth',
      'new-model',
      'holiday',
      'trial',
      'drift',
      'small-team',
    ])
      expect(tags).toContain(tag);
  });

  it('detects at least 90% of the migrations within 9 days', () => {
    expect(score.incidents).toBe(48);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps precision at 0.9 or more, one alert per migration', () => {
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.alerts).toBeLessThanOrEqual(score.incidents);
  });

  it('detects a migration within a week at the median', () => {
    expect(score.medianDelaySeconds).not.toBeNull();
    expect(score.medianDelaySeconds ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(7 * DAY);
  });

  it('raises under one false alert per team per month on the quiet controls', () => {
    expect(score.quietTeamWeeks).toBeGreaterThanOrEqual(4);
    expect((score.quietFalseAlertsPerTeamWeek * 30) / 7).toBeLessThan(1);
  });
});

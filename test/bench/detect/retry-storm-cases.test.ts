import { describe, expect, it } from 'vitest';
import { retryStormCases } from '../../../src/bench/detect/retry-storm-cases.js';
import { scoreCases } from '../../../src/bench/detect/score-cases.js';

const HOUR = 3_600;

describe('retry storm detection scenarios (seed 20261129)', () => {
  const cases = retryStormCases(20261129);
  const score = scoreCases(cases);

  it('generates 48 labelled storms and 31 quiet controls, deterministically', () => {
    expect(cases.filter((entry) => entry.incidents.length > 0)).toHaveLength(48);
    expect(cases.filter((entry) => entry.incidents.length === 0)).toHaveLength(31);
    expect(new Set(cases.map((entry) => entry.name)).size).toBe(cases.length);
    expect(cases.every((entry) => entry.rule === 'retry_storm')).toBe(true);
    const again = retryStormCases(20261129);
    expect(again.map((entry) => entry.incidents)).toEqual(cases.map((entry) => entry.incidents));
  });

  it('covers noise levels, growth, holidays, missing data, spikes and error bursts', () => {
    const tags = new Set(cases.flatMap((entry) => entry.tags));
    for (const tag of ['noise-3%', 'noise-7%', 'noise-12%', 'growth', 'holiday', 'missing-data', 'spikes'])
      expect(tags).toContain(tag);
    expect(tags).toContain('error-bursts');
    expect(tags).toContain('below-threshold');
  });

  it('detects at least 90% of the storms within 6 hours', () => {
    expect(score.incidents).toBe(48);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps precision at 0.9 or more', () => {
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('needs the 2 storm hours: median delay 2 hours', () => {
    expect(score.medianDelaySeconds).toBe(2 * HOUR);
  });

  it('raises under one false alert per team per month on the quiet controls', () => {
    expect(score.quietTeamWeeks).toBeGreaterThanOrEqual(4);
    expect((score.quietFalseAlertsPerTeamWeek * 30) / 7).toBeLessThan(1);
  });
});

import { describe, expect, it } from 'vitest';
import { latencyShiftCases } from '../../../src/bench/detect/latency-shift-cases.js';
import { scoreCases } from '../../../src/bench/detect/score-cases.js';

const WEEK = 7 * 86_400;
/** Under one false alert per team per month. */
const QUIET_TARGET_PER_TEAM_WEEK = 12 / 52;

describe('latency shift detection scenarios (seed 7)', () => {
  const cases = latencyShiftCases(7);

  it('holds 76 cases: 48 incidents (shifts 1.3×–3×, tail-only, ramps, gaps) and 28 quiet controls', () => {
    expect(cases).toHaveLength(76);
    expect(cases.filter((entry) => entry.incidents.length === 0)).toHaveLength(28);
    expect(cases.every((entry) => entry.rule === 'latency_shift')).toBe(true);
    expect(new Set(cases.map((entry) => entry.name)).size).toBe(cases.length);
    const tags = new Set(cases.flatMap((entry) => entry.tags));
    for (const tag of [
      'level-shift',
      'ramp',
      'missing-data',
      'spike',
      'transient',
      'drop',
      'noise-0.3',
      'quiet',
    ]) {
      expect(tags).toContain(tag);
    }
    const quietWeeks = cases
      .filter((entry) => entry.incidents.length === 0)
      .reduce((sum, entry) => sum + (entry.teams * entry.evaluatedSeconds) / WEEK, 0);
    expect(quietWeeks).toBeGreaterThanOrEqual(40);
  });

  it('detects ≥ 90% of the shifts within 8 hours, ≥ 90% of alerts are real, < 1 false alert per team-month', () => {
    const score = scoreCases(cases);
    expect(score.incidents).toBe(48);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.quietFalseAlertsPerTeamWeek).toBeLessThan(QUIET_TARGET_PER_TEAM_WEEK);
    expect(score.medianDelaySeconds).toBeLessThan(6 * 3_600);
  });
});

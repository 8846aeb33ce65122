import { describe, expect, it } from 'vitest';
import { costAnomalyCases } from '../../../src/bench/detect/cost-anomaly-cases.js';
import type { DetectionCase } from '../../../src/bench/detect/detection-case.js';
import { scoreCases } from '../../../src/bench/detect/score-cases.js';

const SEED = 20261129;
const WEEKS_PER_MONTH = 30 / 7;
const HOUR = 3_600;

/** Each case replayed once, however many subsets are scored. */
function replayedOnce(entry: DetectionCase): DetectionCase {
  let fired: ReturnType<DetectionCase['replay']> | undefined;
  return { ...entry, replay: () => (fired ??= entry.replay()) };
}

describe(`cost anomaly detection scenarios (seed ${SEED})`, () => {
  const cases = costAnomalyCases(SEED).map(replayedOnce);
  const score = scoreCases(cases);
  const subset = (...tags: string[]) =>
    scoreCases(cases.filter((entry) => tags.every((tag) => entry.tags.includes(tag))));

  it('generates 82 cases: 72 incidents and 10 quiet controls of 5 teams over 6 weeks or 6 teams over 12', () => {
    expect(cases).toHaveLength(82);
    expect(score.incidents).toBe(72);
    const quiet = cases.filter((entry) => entry.tags.includes('quiet'));
    expect(quiet.map((entry) => entry.teams)).toEqual([5, 5, 5, 5, 5, 5, 6, 6, 6, 6]);
    expect(score.quietTeamWeeks).toBeCloseTo(468, 0);
    for (const tag of [
      'level-shift-up',
      'level-shift-down',
      'spike',
      'ramp',
      'holiday',
      'missing-data',
      'daily',
    ])
      expect(cases.some((entry) => entry.tags.includes(tag))).toBe(true);
    for (const noise of ['low', 'mid', 'high'])
      expect(cases.filter((entry) => entry.tags.includes(`noise-${noise}`)).length).toBeGreaterThanOrEqual(
        20,
      );
  });

  it('meets the targets: recall ≥ 0.9, precision ≥ 0.9, under 1 quiet false alert per team per month', () => {
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.quietFalseAlertsPerTeamWeek * WEEKS_PER_MONTH).toBeLessThan(1);
  });

  it('catches hourly spikes and level shifts within 3 hours at the median', () => {
    for (const kind of ['spike', 'level-shift-up', 'level-shift-down']) {
      const hourly = scoreCases(
        cases.filter((entry) => entry.tags.includes(kind) && !entry.tags.includes('daily')),
      );
      expect(hourly.recall).toBeGreaterThanOrEqual(0.9);
      expect(hourly.medianDelaySeconds ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(3 * HOUR);
    }
  });

  it('catches slow ramps within their 7 days (hourly) and 14 days (daily)', () => {
    const ramps = subset('ramp');
    expect(ramps.recall).toBeGreaterThanOrEqual(0.9);
    expect(ramps.medianDelaySeconds ?? Number.POSITIVE_INFINITY).toBeLessThan(7 * 24 * HOUR);
  });

  it('stays quiet through holidays, gaps, outlier hours and high noise: under 0.25 false alerts per team-month hourly', () => {
    const quietHourly = scoreCases(
      cases.filter((entry) => entry.tags.includes('quiet') && !entry.tags.includes('daily')),
    );
    expect(quietHourly.quietTeamWeeks).toBeCloseTo(180, 0);
    expect(quietHourly.quietFalseAlertsPerTeamWeek * WEEKS_PER_MONTH).toBeLessThan(0.25);
  });

  it('replays the same alerts for the same seed', () => {
    const again = costAnomalyCases(SEED)
      .slice(0, 4)
      .map((entry) => entry.replay());
    expect(again).toEqual(cases.slice(0, 4).map((entry) => entry.replay()));
  });
});

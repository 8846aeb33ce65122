import { describe, expect, it } from 'vitest';
import type { DetectionCase } from '../../../src/bench/detect/detection-case.js';
import { quotaCases } from '../../../src/bench/detect/quota-cases.js';
import { scoreCases } from '../../../src/bench/detect/score-cases.js';

const WEEKS_PER_MONTH = 30 / 7;

/** Seconds from each incident to the first alert at or after it. */
function delays(cases: readonly DetectionCase[]): number[] {
  return cases.flatMap((entry) => {
    const fired = entry.replay();
    return entry.incidents.map(
      (incident) =>
        Math.min(...fired.filter((alert) => alert.firstAt >= incident.at).map((alert) => alert.firstAt)) -
        incident.at,
    );
  });
}

describe('quota detection scenarios (seed 20261129)', () => {
  const cases = quotaCases(20261129);
  const quota = cases.filter((entry) => entry.rule === 'quota');
  const throttles = cases.filter((entry) => entry.rule === 'quota_throttles');

  it('generates 40 utilisation cases (10 quiet) and 24 throttling cases (8 quiet)', () => {
    expect(quota).toHaveLength(40);
    expect(quota.filter((entry) => entry.incidents.length === 0)).toHaveLength(10);
    expect(throttles).toHaveLength(24);
    expect(throttles.filter((entry) => entry.incidents.length === 0)).toHaveLength(8);
  });

  it('labels a launch, a climb or a busy day at its first minute at 80% (and 95% when reached)', () => {
    const incidents = quota.filter((entry) => entry.incidents.length > 0);
    expect(incidents).toHaveLength(30);
    for (const entry of incidents) expect(entry.incidents[0]?.label).toMatch(/^reached 80%/);
    expect(incidents.filter((entry) => entry.incidents.length === 2).length).toBeGreaterThanOrEqual(5);
  });

  it('alerts on utilisation within one collection interval (5 min) of the minute, never before it completes', () => {
    const score = scoreCases(quota);
    expect(score.recall).toBe(1);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.quietFalseAlertsPerTeamWeek * WEEKS_PER_MONTH).toBeLessThan(1);
    const seconds = delays(quota);
    expect(Math.max(...seconds)).toBeLessThanOrEqual(300);
    expect(Math.min(...seconds)).toBeGreaterThanOrEqual(60);
    expect(score.medianDelaySeconds).toBeLessThanOrEqual(300);
  });

  it('alerts on sustained throttling within 15 min of its first throttled minute, and not on bursts', () => {
    const score = scoreCases(throttles);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.quietFalseAlertsPerTeamWeek * WEEKS_PER_MONTH).toBeLessThan(1);
    // Five throttled minutes must pass first: never under 5 min from the first throttle.
    expect(
      Math.min(...delays(throttles.filter((entry) => entry.incidents.length > 0))),
    ).toBeGreaterThanOrEqual(300);
  });

  it('tells every team using the throttled model: one alert per team', () => {
    const entry = throttles.find((item) => item.incidents.length > 0 && item.teams === 3);
    expect(entry?.replay().map((alert) => alert.fingerprint.split('|')[3])).toEqual([
      'search',
      'support',
      'data',
    ]);
  });
});

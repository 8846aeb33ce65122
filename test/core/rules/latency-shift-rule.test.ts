import { describe, expect, it } from 'vitest';
import {
  type LatencySeries,
  type LatencyStat,
  latencyShiftLookbackSeconds,
  latencyShiftRule,
} from '../../../src/core/rules/latency-shift-rule.js';

const HOUR = 3_600;
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
/** Tuesday 2026-11-17 16:00 UTC. */
const SHIFT = Date.UTC(2026, 10, 17, 16) / 1000;
/** 10 past the hour: the hour before has settled. */
const at = (hours: number) => SHIFT + hours * HOUR + 600;
const USERS = new Map([
  [
    `us-east-1|${MODEL}`,
    [
      { team: 'search', share: 0.62 },
      { team: 'support', share: 0.38 },
    ],
  ],
]);

/**
 * Minute TTFT of one statistic from 6 days before the shift to `hours` after it, `ms(minute)` with a
 * ±5% wobble that leaves each hour's median at `ms`; `skip(minute)` drops a minute (no streaming traffic).
 */
function minutes(
  stat: LatencyStat,
  hours: number,
  ms: (minute: number) => number,
  skip: (minute: number) => boolean = () => false,
): LatencySeries {
  const points: Array<{ at: number; bucketSeconds: number; ms: number }> = [];
  for (let minute = SHIFT - 144 * HOUR, index = 0; minute < SHIFT + hours * HOUR; minute += 60, index += 1) {
    if (!skip(minute))
      points.push({
        at: minute,
        bucketSeconds: 60,
        ms: Math.round(ms(minute) * (1 + 0.05 * Math.sin((2 * Math.PI * 7 * (index % 60)) / 60))),
      });
  }
  return { region: 'us-east-1', model: MODEL, label: 'claude-sonnet-4-5', stat, points };
}

const step = (before: number, after: number) => (minute: number) => (minute >= SHIFT ? after : before);
const demo = (hours: number) => [
  minutes('p50', hours, step(450, 1_100)),
  minutes('p90', hours, step(900, 2_400)),
];

describe('latencyShiftRule (1.3× and 150 ms, 4 hours on the new level)', () => {
  it('reads an average-only series (Azure: 420 → 980 ms at 16:00) like a percentile and names the statistic', () => {
    const [candidate] = latencyShiftRule({
      series: [minutes('avg', 5, step(420, 980))],
      users: USERS,
      now: at(4),
    });
    expect(candidate?.fingerprint).toBe(`latency_shift|us-east-1|${MODEL}|avg|${SHIFT}|search`);
    expect(candidate?.summary).toContain('avg');
  });

  it('tells the demo shift (p50 450 → 1,100 ms, p90 900 → 2,400 ms at 16:00) once per team at 20:10', () => {
    const series = demo(5);
    expect(latencyShiftRule({ series, users: USERS, now: at(3) })).toEqual([]);
    const candidates = latencyShiftRule({ series, users: USERS, now: at(4) });
    expect(candidates.map((candidate) => candidate.fingerprint)).toEqual([
      `latency_shift|us-east-1|${MODEL}|p90|${SHIFT}|search`,
      `latency_shift|us-east-1|${MODEL}|p90|${SHIFT}|support`,
    ]);
    const [search] = candidates;
    expect(search).toMatchObject({
      rule: 'latency_shift',
      team: 'search',
      severity: 'critical',
      title: 'First-token latency of claude-sonnet-4-5 in us-east-1 up 2.67× (900 ms → 2.4 s)',
      observedAt: SHIFT + 3 * HOUR,
      magnitude: 267,
      details: {
        region: 'us-east-1',
        model: MODEL,
        label: 'claude-sonnet-4-5',
        stat: 'p90',
        shiftAt: SHIFT,
        beforeMs: 900,
        afterMs: 2_400,
        ratio: 2.67,
        team: 'search',
        teamShare: 0.62,
        detectedAt: SHIFT + 4 * HOUR,
        also: { stat: 'p50', beforeMs: 450, afterMs: 1_100, ratio: 2.44 },
      },
    });
    expect(search?.summary).toBe(
      "First-token latency of claude-sonnet-4-5 in us-east-1 rose from 900 ms to 2.4 s (p90, 2.67×; p50 450 ms → 1.1 s, 2.44×) at 16:00 UTC on Tue 2026-11-17. Team search sends 62% of the model's tokens there.",
    );
    expect(search?.view?.contributors?.rows).toEqual([
      { label: 'search', value: '62%', share: 0.62 },
      { label: 'support', value: '38%', share: 0.38 },
    ]);
    expect(search?.view?.next).toContain('ai-spend reports the spend change in 7 days');
  });

  it('keeps one fingerprint for 24 hours after it was first confirmed, then stops', () => {
    const series = demo(40);
    const fingerprints = (hours: number) =>
      latencyShiftRule({ series, users: USERS, now: at(hours) }).map((candidate) => candidate.fingerprint);
    const first = fingerprints(4);
    expect(first).toHaveLength(2);
    for (const hours of [5, 9, 17, 27]) expect(fingerprints(hours)).toEqual(first);
    expect(fingerprints(28)).toEqual([]);
    expect(fingerprints(40)).toEqual([]);
  });

  it('reads no point at or after `now`: later data changes nothing', () => {
    const now = at(4);
    const early = latencyShiftRule({ series: demo(4.2), users: USERS, now });
    expect(latencyShiftRule({ series: demo(30), users: USERS, now })).toEqual(early);
  });

  it('stays quiet through one 20× minute every hour and a 2-hour burst at 3×', () => {
    const spiky = (minute: number) =>
      minute % HOUR === 1_800 ? 9_000 : minute >= SHIFT && minute < SHIFT + 2 * HOUR ? 1_350 : 450;
    for (const hours of [2, 4, 8, 12]) {
      expect(latencyShiftRule({ series: [minutes('p50', 12, spiky)], users: USERS, now: at(hours) })).toEqual(
        [],
      );
    }
  });

  it('never fires on a gap: 10 hours without streaming traffic, then the old level', () => {
    const gap = (minute: number) => minute >= SHIFT - 10 * HOUR && minute < SHIFT;
    const series = [minutes('p50', 12, () => 450, gap)];
    for (const hours of [0, 4, 8, 12])
      expect(latencyShiftRule({ series, users: USERS, now: at(hours) })).toEqual([]);
  });

  it('dates a shift that began inside a gap to the first hour with data after it (18:00)', () => {
    const gap = (minute: number) => minute >= SHIFT - 2 * HOUR && minute < SHIFT + 2 * HOUR;
    const series = [minutes('p50', 8, step(450, 1_100), gap)];
    expect(latencyShiftRule({ series, users: USERS, now: at(5) })).toEqual([]);
    const [candidate] = latencyShiftRule({ series, users: USERS, now: at(6) });
    expect(candidate?.details).toMatchObject({ stat: 'p50', shiftAt: SHIFT + 2 * HOUR });
  });

  it.each([
    ['1.2× (450 → 540 ms)', 450, 540],
    ['1.4× but 120 ms (300 → 420 ms)', 300, 420],
  ])('needs both thresholds: %s is no shift', (_, before, after) => {
    const series = [minutes('p50', 10, step(before, after))];
    expect(latencyShiftRule({ series, users: USERS, now: at(10) })).toEqual([]);
  });

  it('skips a drop (1,000 → 500 ms) unless drops are asked for, then warns that it fell', () => {
    const series = [minutes('p50', 6, step(1_000, 500))];
    expect(latencyShiftRule({ series, users: USERS, now: at(6) })).toEqual([]);
    const [candidate] = latencyShiftRule({
      series,
      users: USERS,
      now: at(6),
      settings: { includeDrops: true },
    });
    expect(candidate).toMatchObject({ severity: 'warning', details: { ratio: 0.5 } });
    expect(candidate?.summary).toContain('fell from 1.0 s to 500 ms (p50, 0.5×)');
  });

  it('tells a p90-only shift of 1.6× as a warning to `unallocated` when nobody is known to use the model', () => {
    const series = [minutes('p50', 6, () => 450), minutes('p90', 6, step(900, 1_440))];
    const [candidate, ...rest] = latencyShiftRule({ series, users: new Map(), now: at(6) });
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: `latency_shift|us-east-1|${MODEL}|p90|${SHIFT}|unallocated`,
      team: 'unallocated',
      severity: 'warning',
      details: { stat: 'p90', teamShare: 0, ratio: 1.6 },
    });
    expect(candidate?.details).not.toHaveProperty('also');
    expect(candidate?.summary).toContain('No team is known to use it.');
  });

  it('reads 5 days and 11 hours of points with the default settings', () => {
    expect(latencyShiftLookbackSeconds()).toBe(130 * HOUR + 600);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type ChangePointOptions,
  changePoint,
  confirmedSteps,
  type HourlyLevel,
  hourlyLevels,
} from '../../../src/core/rules/change-point.js';

const HOUR = 3_600;
/** Tuesday 2026-11-17 16:00 UTC. */
const SHIFT = Date.UTC(2026, 10, 17, 16) / 1000;

const OPTIONS: Omit<ChangePointOptions, 'through'> = {
  maxAgeHours: 24,
  baselineHours: 48,
  minBeforeHours: 12,
  minAfterHours: 4,
  minRatio: 1.3,
  minMs: 150,
  minAfterAgreement: 0.75,
  maxBeforeDisagreement: 0.2,
  recentHours: 2,
};

/** Hourly levels from `from` to `to` (hour starts), `ms(hour)` each, with a ±4% wobble. */
function hours(from: number, to: number, ms: (hour: number) => number): HourlyLevel[] {
  const levels: HourlyLevel[] = [];
  for (let hour = from, index = 0; hour < to; hour += HOUR, index += 1) {
    levels.push({ hour, ms: Math.round(ms(hour) * (1 + 0.04 * Math.sin(index * 2.3))) });
  }
  return levels;
}

const step =
  (before: number, after: number, at = SHIFT) =>
  (hour: number) =>
    hour >= at ? after : before;

describe('hourlyLevels', () => {
  it('takes the median minute of each hour, so one 9,000 ms minute among 450 ms minutes moves nothing', () => {
    const points = Array.from({ length: 120 }, (_, minute) => ({
      at: SHIFT + minute * 60,
      bucketSeconds: 60,
      ms: minute === 30 ? 9_000 : 450 + (minute % 3),
    }));
    expect(hourlyLevels(points, { through: SHIFT + 2 * HOUR, since: 0, minCoverageSeconds: 300 })).toEqual([
      { hour: SHIFT, ms: 451 },
      { hour: SHIFT + HOUR, ms: 451 },
    ]);
  });

  it('leaves out hours with under 5 minutes of data, buckets not complete at `through` and day buckets', () => {
    const points = [
      ...[0, 60, 120, 180].map((offset) => ({ at: SHIFT + offset, bucketSeconds: 60, ms: 500 })),
      { at: SHIFT + HOUR, bucketSeconds: 300, ms: 700 },
      { at: SHIFT + 2 * HOUR, bucketSeconds: 3_600, ms: 800 },
      { at: SHIFT + 3 * HOUR, bucketSeconds: 86_400, ms: 900 },
      { at: SHIFT + 4 * HOUR - 300, bucketSeconds: 300, ms: 1_000 },
    ];
    expect(
      hourlyLevels(points, { through: SHIFT + 4 * HOUR - 60, since: SHIFT, minCoverageSeconds: 300 }),
    ).toEqual([
      { hour: SHIFT + HOUR, ms: 700 },
      { hour: SHIFT + 2 * HOUR, ms: 800 },
    ]);
  });

  it('weights mixed buckets by width and accepts points in any order', () => {
    const points = [
      { at: SHIFT + 600, bucketSeconds: 60, ms: 2_000 },
      { at: SHIFT, bucketSeconds: 300, ms: 400 },
      { at: SHIFT + 300, bucketSeconds: 60, ms: 1_000 },
    ];
    expect(hourlyLevels(points, { through: SHIFT + HOUR, since: 0, minCoverageSeconds: 300 })).toEqual([
      { hour: SHIFT, ms: 400 },
    ]);
  });
});

describe('changePoint (1.3× and 150 ms, 4 hours on the new level)', () => {
  it('finds 450 → 1,100 ms at 16:00 once 4 hours sit on the new level', () => {
    const levels = hours(SHIFT - 72 * HOUR, SHIFT + 6 * HOUR, step(450, 1_100));
    expect(changePoint(levels, { ...OPTIONS, through: SHIFT + 3 * HOUR })).toBeUndefined();
    const found = changePoint(levels, { ...OPTIONS, through: SHIFT + 4 * HOUR });
    expect(found?.at).toBe(SHIFT);
    expect(found?.beforeMs).toBeCloseTo(450, -1);
    expect(found?.afterMs).toBeCloseTo(1_100, -2);
  });

  it('finds a drop 1,000 → 500 ms with a ratio below 1', () => {
    const levels = hours(SHIFT - 72 * HOUR, SHIFT + 6 * HOUR, step(1_000, 500));
    const found = changePoint(levels, { ...OPTIONS, through: SHIFT + 6 * HOUR });
    expect(found?.at).toBe(SHIFT);
    expect(found?.ratio).toBeCloseTo(0.5, 1);
  });

  it.each([
    ['1.2× (450 → 540 ms)', 450, 540],
    ['1.4× but 120 ms (300 → 420 ms)', 300, 420],
  ])('needs both thresholds: %s is no step', (_, before, after) => {
    const levels = hours(SHIFT - 72 * HOUR, SHIFT + 8 * HOUR, step(before, after));
    expect(changePoint(levels, { ...OPTIONS, through: SHIFT + 8 * HOUR })).toBeUndefined();
  });

  it('ignores a 3-hour burst at 3× that is over', () => {
    const burst = (hour: number) => (hour >= SHIFT && hour < SHIFT + 3 * HOUR ? 1_350 : 450);
    const levels = hours(SHIFT - 72 * HOUR, SHIFT + 6 * HOUR, burst);
    for (let through = SHIFT + 3 * HOUR; through <= SHIFT + 6 * HOUR; through += HOUR) {
      expect(changePoint(levels, { ...OPTIONS, through })).toBeUndefined();
    }
  });

  it('takes no daily peak for a step: 14:00–20:00 at 1.35× every day', () => {
    const daily = (hour: number) => {
      const hourOfDay = (hour % 86_400) / HOUR;
      return hourOfDay >= 14 && hourOfDay < 20 ? 610 : 450;
    };
    const levels = hours(SHIFT - 96 * HOUR, SHIFT + 4 * HOUR, daily);
    expect(changePoint(levels, { ...OPTIONS, through: SHIFT + 4 * HOUR })).toBeUndefined();
  });

  it('reports nothing once the step is older than 24 hours', () => {
    const levels = hours(SHIFT - 72 * HOUR, SHIFT + 30 * HOUR, step(450, 1_100));
    expect(changePoint(levels, { ...OPTIONS, through: SHIFT + 24 * HOUR })?.at).toBe(SHIFT);
    expect(changePoint(levels, { ...OPTIONS, through: SHIFT + 30 * HOUR })).toBeUndefined();
  });

  it('needs 12 hours of the old level', () => {
    const levels = hours(SHIFT - 10 * HOUR, SHIFT + 6 * HOUR, step(450, 1_100));
    expect(changePoint(levels, { ...OPTIONS, through: SHIFT + 6 * HOUR })).toBeUndefined();
  });
});

describe('confirmedSteps', () => {
  const loose = {
    ...OPTIONS,
    maxAgeHours: 52,
    recentHours: 0,
    minAfterAgreement: 0.5,
    recentSplitsOnly: true,
  };

  it('re-derives the same first confirmation (20:00) on every later pass', () => {
    const levels = hours(SHIFT - 100 * HOUR, SHIFT + 40 * HOUR, step(450, 1_100));
    for (const through of [SHIFT + 4 * HOUR, SHIFT + 9 * HOUR, SHIFT + 27 * HOUR, SHIFT + 40 * HOUR]) {
      const [confirmed, ...rest] = confirmedSteps([{ key: 'p50', levels }], {
        through,
        strict: OPTIONS,
        loose,
        slackHours: 6,
      });
      expect(rest).toEqual([]);
      expect(confirmed).toMatchObject({ key: 'p50', detectedAt: SHIFT + 4 * HOUR, first: { at: SHIFT } });
    }
  });

  it('confirms nothing in a flat series', () => {
    const levels = hours(SHIFT - 100 * HOUR, SHIFT + 10 * HOUR, () => 450);
    expect(
      confirmedSteps([{ key: 'p50', levels }], {
        through: SHIFT + 10 * HOUR,
        strict: OPTIONS,
        loose,
        slackHours: 6,
      }),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../src/core/backtest/parse-series-csv.js';
import { type SeriesRule, seriesBacktest } from '../../../src/core/backtest/series-backtest.js';
import { mulberry32 } from '../../../src/sim/scenario/rng.js';

const HOUR = 3_600;
const DAY = 86_400;
/** Monday 2026-09-07 00:00 UTC. */
const START = Date.UTC(2026, 8, 7) / 1000;

/** `length` points `step` apart with a daily swing and ±5% noise; ×`factor` over [from, to) (indexes). */
function series(
  length: number,
  step: number,
  {
    level,
    factor = 1,
    from = length,
    to = length,
    seed = 1,
    jitter = 0,
  }: {
    level: number;
    factor?: number;
    from?: number;
    to?: number;
    seed?: number;
    jitter?: number;
  },
): SeriesPoint[] {
  const random = mulberry32(seed);
  return Array.from({ length }, (_, index) => {
    const at = START + index * step + Math.floor(random() * jitter);
    const swing = 1 + 0.3 * Math.sin(((at % DAY) / DAY) * 2 * Math.PI);
    const value = level * swing * (1 + 0.1 * (random() - 0.5));
    return { at, value: index >= from && index < to ? value * factor : value };
  });
}

const run = (rule: SeriesRule, points: readonly SeriesPoint[]) =>
  seriesBacktest({ rule, name: 'svc', points, settings: { resolveAfterMinutes: 15 } }).alerts;

/** 60 days of hourly spend, $100 an hour, tripled for 6 hours on day 45. */
const spend = series(60 * 24, HOUR, {
  level: 100,
  factor: 3,
  from: 45 * 24 + 10,
  to: 45 * 24 + 16,
  jitter: 600,
});
/** 4 days of per-minute TTFT around 600 ms, doubled from day 3 on. */
const ttft = series(4 * 1_440, 60, { level: 600, factor: 2, from: 3 * 1_440, seed: 2 });
/** 2 days of per-minute quota use around 50%, at 85–90% for 20 minutes and 97% for 5. */
const quota = series(2 * 1_440, 60, { level: 50, seed: 3 }).map((point, index) => ({
  at: point.at,
  value:
    index >= 1_000 && index < 1_020 ? 85 + (index % 5) : index >= 2_000 && index < 2_005 ? 97 : point.value,
}));

describe('seriesBacktest', () => {
  it('flags the tripled hours of day 45 as one critical hourly spike, from the point after the first hour', () => {
    const alerts = run('cost_anomaly', spend);
    const hourly = alerts.filter((alert) => alert.fingerprint.startsWith('cost_anomaly|hour|'));
    expect(hourly).toHaveLength(1);
    expect(hourly[0]?.severity).toBe('critical');
    const spikeStart = START + (45 * 24 + 10) * HOUR;
    expect(hourly[0]?.at).toBeGreaterThanOrEqual(spikeStart + HOUR);
    expect(hourly[0]?.at).toBeLessThan(spikeStart + 2 * HOUR + 600);
    expect(hourly[0]?.unit).toBe('USD/hour');
    expect(hourly[0]?.value).toBeGreaterThan(200);
  });

  it('tells the doubled first-token latency once, about 4–8 hours after it began, with the new level', () => {
    const alerts = run('latency_shift', ttft);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.at).toBeGreaterThan(START + 3 * DAY + 4 * HOUR);
    expect(alerts[0]?.at).toBeLessThan(START + 3 * DAY + 8 * HOUR);
    expect(alerts[0]?.value).toBeGreaterThan(1_000);
  });

  it('raises 80% at the first minute past it and 95% at the first past that; nothing while below', () => {
    const alerts = run('quota', quota);
    expect(alerts.map((alert) => [alert.fingerprint, alert.at, alert.value])).toEqual([
      ['quota|series|svc|80', START + 1_000 * 60, 85],
      ['quota|series|svc|95', START + 2_000 * 60, 97],
    ]);
  });

  it('reopens a resolved quota alert when use comes back after the 15-minute hysteresis, not before', () => {
    const bursts = quota.map((point, index) => ({
      at: point.at,
      // 85% at minutes 100, 110 (within 15 min: same alert) and 200 (after: reopened).
      value: [100, 110, 200].includes(index) ? 85 : 50,
    }));
    expect(run('quota', bursts).map((alert) => (alert.at - START) / 60)).toEqual([100, 200]);
  });

  it.each([
    ['cost_anomaly', spend, [45 * 24 + 11, 45 * 24 + 14, 46 * 24 + 1, 50 * 24]],
    ['latency_shift', ttft, [3 * 1_440 + 200, 3 * 1_440 + 300, 3 * 1_440 + 400, 3 * 1_440 + 1_000]],
    ['quota', quota, [1_005, 1_019, 1_030, 2_002]],
  ] as const)(
    '%s: the alerts up to point k are the same whether or not later points exist',
    (rule, points, cuts) => {
      const full = run(rule, points);
      expect(full.length).toBeGreaterThan(0);
      for (const cut of cuts) {
        const prefix = points.slice(0, cut);
        const last = (prefix.at(-1) as SeriesPoint).at;
        expect(run(rule, prefix)).toEqual(full.filter((alert) => alert.at <= last));
      }
    },
  );

  it('is quiet on 60 days of noise without a change', () => {
    expect(run('cost_anomaly', series(60 * 24, HOUR, { level: 100, seed: 9 }))).toEqual([]);
  });
});

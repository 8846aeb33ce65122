import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../../src/core/facts.js';
import { forecastMonth } from '../../../src/core/rules/month-forecast.js';

const USD = 1_000_000;
/** November 2026: 30 days, starting on a Sunday. */
const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const DEC_1 = Date.UTC(2026, 11, 1) / 1000;
const nov = (date: number) => NOV_1 + (date - 1) * SECONDS_PER_DAY;
const KNOWN_FROM = nov(1) - 70 * SECONDS_PER_DAY;

/** Daily spend from `from` (inclusive) to `to` (exclusive), `usd(day)` dollars each. */
function series(from: number, to: number, usd: (day: number) => number) {
  const days: Array<{ day: number; micros: number }> = [];
  for (let day = from; day < to; day += SECONDS_PER_DAY)
    days.push({ day, micros: Math.round(usd(day) * USD) });
  return days;
}

const weekday = (day: number) => (Math.floor(day / SECONDS_PER_DAY) + 4) % 7;
const workweek = (day: number) => (weekday(day) === 0 || weekday(day) === 6 ? 500 : 1_200);

function forecast(days: ReturnType<typeof series>, asOf: number, knownFrom = KNOWN_FROM) {
  return forecastMonth({ days, knownFrom, monthStart: NOV_1, monthEnd: DEC_1, asOf });
}

describe('forecastMonth over November 2026', () => {
  it('forecasts exactly $30,000 with no range for a flat $1,000 a day, 15 days spent', () => {
    const result = forecast(
      series(KNOWN_FROM, nov(16), () => 1_000),
      nov(16),
    );
    expect(result).toMatchObject({
      monthToDateMicros: 15_000 * USD,
      forecastMicros: 30_000 * USD,
      lowMicros: 30_000 * USD,
      highMicros: 30_000 * USD,
    });
    expect(result.basis).toBe(
      'level $1,000.00/day from the last 14 days; no significant trend; weekday pattern from 8 weeks',
    );
  });

  it('counts only whole days before asOf: at Nov 16 15:00 the 16th is still predicted', () => {
    const days = series(KNOWN_FROM, nov(17), () => 1_000);
    const result = forecast(days, nov(16) + 15 * 3_600);
    expect(result.monthToDateMicros).toBe(15_000 * USD);
    expect(result.forecastMicros).toBe(30_000 * USD);
  });

  it('follows the weekday shape: $1,200 weekdays and $500 weekends give $14,500 spent and $29,700', () => {
    // Nov 16–30 hold 11 weekdays and 4 weekend days: 11 × 1,200 + 4 × 500 = $15,200 to come.
    const result = forecast(series(KNOWN_FROM, nov(16), workweek), nov(16));
    expect(result.monthToDateMicros).toBe(14_500 * USD);
    expect(result.forecastMicros).toBe(29_700 * USD);
    expect(result.highMicros - result.lowMicros).toBeLessThanOrEqual(1);
  });

  it('forecasts the new level after a launch on Nov 10: $1,000 → $3,000 a day gives $72,000, not $54,000', () => {
    const days = series(KNOWN_FROM, nov(16), (day) => (day < nov(10) ? 1_000 : 3_000));
    const result = forecast(days, nov(16));
    expect(result.monthToDateMicros).toBe(27_000 * USD);
    expect(result.forecastMicros).toBe(72_000 * USD);
    expect(result.basis).toMatch(/^new level \$3,000.00\/day since a shift 6 days ago/);
  });

  it('keeps the weekday shape across a launch: spend ×3 from Mon Nov 9 gives $74,100', () => {
    const days = series(KNOWN_FROM, nov(16), (day) => workweek(day) * (day < nov(9) ? 1 : 3));
    // Spent: Nov 1–8 = 5 × 1,200 + 3 × 500 = $7,500; Nov 9–15 = 3 × $7,000 = $21,000.
    // To come: 3 × $15,200 = $45,600.
    const result = forecast(days, nov(16));
    expect(result.monthToDateMicros).toBe(28_500 * USD);
    expect(result.forecastMicros).toBe(74_100 * USD);
  });

  it('adds a damped trend for spend rising $10 a day: the 15 days left rise 9.8 steps at most, not 15', () => {
    const start = nov(16) - 56 * SECONDS_PER_DAY;
    const days = series(start, nov(16), (day) => 1_000 + 10 * ((day - start) / SECONDS_PER_DAY));
    const last = 1_000 + 10 * 55;
    let toCome = 0;
    let step = 0;
    for (let ahead = 1; ahead <= 15; ahead++) {
      step += 0.9 ** ahead;
      toCome += last + 10 * step;
    }
    const spent = days.filter((entry) => entry.day >= NOV_1).reduce((sum, entry) => sum + entry.micros, 0);
    const result = forecast(days, nov(16), start);
    expect(result.trendMicrosPerDay).toBe(10 * USD);
    expect(Math.abs(result.forecastMicros - (spent + toCome * USD))).toBeLessThanOrEqual(1);
    expect(result.basis).toContain('level $1,550.00/day from the last 14 days; trend +0.6%/day, damped');
  });

  it('caps a steep trend at 5% of the level a day', () => {
    const start = nov(16) - 20 * SECONDS_PER_DAY;
    const days = series(start, nov(16), (day) => 100 * 1.2 ** ((day - start) / SECONDS_PER_DAY));
    const result = forecast(days, nov(16), start);
    expect(result.trendMicrosPerDay).toBeLessThanOrEqual(0.05 * (result.levelMicros ?? 0) + 1);
    expect(result.trendMicrosPerDay).toBeGreaterThan(0);
  });

  it('ignores one odd day: a $9,000 day among $1,000 days leaves the forecast at $38,000', () => {
    const days = series(KNOWN_FROM, nov(16), (day) => (day === nov(12) ? 9_000 : 1_000));
    expect(forecast(days, nov(16)).forecastMicros).toBe(38_000 * USD);
  });

  it('widens the range with noise: ±10% days give a range around the forecast', () => {
    const days = series(KNOWN_FROM, nov(16), (day) =>
      Math.floor(day / SECONDS_PER_DAY) % 2 === 0 ? 900 : 1_100,
    );
    const result = forecast(days, nov(16));
    expect(result.lowMicros).toBeLessThan(result.forecastMicros);
    expect(result.highMicros).toBeGreaterThan(result.forecastMicros);
    expect(result.highMicros - result.lowMicros).toBeLessThan(0.2 * result.forecastMicros);
  });

  it('with 10 days known, forecasts from their level without a weekday pattern', () => {
    const from = nov(6);
    const result = forecast(series(from, nov(16), workweek), nov(16), from);
    // Level = Hodges–Lehmann of 6 × $1,200 and 4 × $500: the median of the 55 pairwise means
    // (10 × 500, 24 × 850, 21 × 1,200) is $850. Nov 1–5 are unknown and predicted with Nov 16–30.
    // Known Nov 6–15: 6 weekdays and 4 weekend days = $9,200.
    expect(result.monthToDateMicros).toBe(9_200 * USD);
    expect(result.forecastMicros).toBe((9_200 + 20 * 850) * USD);
    expect(result.highMicros).toBeGreaterThan(result.forecastMicros);
    expect(result.basis).toContain('no weekday pattern (10 days known, 28 needed)');
  });

  it('with no known day, forecasts the month to date alone', () => {
    const result = forecast([], nov(16), nov(16));
    expect(result).toMatchObject({
      monthToDateMicros: 0,
      forecastMicros: 0,
      basis: 'no spend history yet: month to date only',
    });
  });

  it('treats days after knownFrom missing from the input as no spend', () => {
    const days = series(KNOWN_FROM, nov(16), () => 1_000).filter((entry) => entry.day !== nov(3));
    expect(forecast(days, nov(16)).monthToDateMicros).toBe(14_000 * USD);
  });

  it('predicts December from November when asOf is Dec 1 00:00 of a month already known', () => {
    const result = forecastMonth({
      days: series(KNOWN_FROM, DEC_1, () => 1_000),
      knownFrom: KNOWN_FROM,
      monthStart: NOV_1,
      monthEnd: DEC_1,
      asOf: DEC_1,
    });
    expect(result).toMatchObject({ monthToDateMicros: 30_000 * USD, forecastMicros: 30_000 * USD });
  });
});

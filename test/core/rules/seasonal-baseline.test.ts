import { describe, expect, it } from 'vitest';
import { seasonalBaseline } from '../../../src/core/rules/seasonal-baseline.js';

const HOUR = 3_600;
const DAY = 24;
const WEEK = 7 * DAY;
const USD = 1_000_000;
const OPTIONS = { weeks: 4, minWeeks: 3, offsetMicros: 5 * USD, scaleFloor: 0.05 };

/** `weeks` weeks of hourly values (dollars from `dollarsAt(index)`), the last week being the current one. */
function hourly(weeks: number, dollarsAt: (index: number) => number) {
  const length = weeks * WEEK;
  const values = Float64Array.from({ length }, (_, index) => dollarsAt(index) * USD);
  return {
    series: { start: 0, step: HOUR, values },
    baseline: seasonalBaseline({ start: 0, step: HOUR, values }, { ...OPTIONS, end: length }),
    /** Index of hour `hourOfWeek` in the current (last) week. */
    current: (hourOfWeek: number) => length - WEEK + hourOfWeek,
  };
}

/** $500 at hour 38 of the week (a Tuesday 14:00 when the series starts on a Monday), $100 otherwise. */
const busyHour = (index: number) => (index % WEEK === 38 ? 500 : 100);

describe('seasonalBaseline', () => {
  it('expects the same hour of the week: $500 for the busy hour, $100 for the one after', () => {
    const { baseline, current } = hourly(5, busyHour);
    expect(baseline.expected(current(38))).toBe(500 * USD);
    expect(baseline.expected(current(39))).toBe(100 * USD);
    expect(baseline.samples(current(38)).map((sample) => sample.week)).toEqual([1, 2, 3, 4]);
  });

  it('is not moved by a holiday: one day at 15% in one of the 4 weeks leaves the busy hour at $500', () => {
    const holidayWeek = WEEK; // the oldest sample week
    const { baseline, current } = hourly(5, (index) =>
      index >= holidayWeek + DAY && index < holidayWeek + 2 * DAY ? busyHour(index) * 0.15 : busyHour(index),
    );
    expect(baseline.expected(current(38))).toBe(500 * USD);
    expect(baseline.expected(current(30))).toBe(100 * USD);
  });

  it('is not moved by a single outlier hour: ×6 once leaves the usual at $100', () => {
    const outlier = 3 * WEEK + 50;
    const { baseline, current } = hourly(5, (index) => (index === outlier ? 600 : 100));
    expect(baseline.expected(current(50))).toBe(100 * USD);
  });

  it('rescales older weeks to the level of last week: after growing from $100 to $150 a week ago, usual is $150', () => {
    const { baseline, current } = hourly(5, (index) => (index >= 3 * WEEK ? 150 : 100));
    expect(baseline.expected(current(10))).toBeCloseTo(150 * USD, 0);
  });

  it('leaves the current week out of the level: a tripling this week is judged against $100', () => {
    const { baseline, current } = hourly(5, (index) => (index >= 4 * WEEK ? 300 : 100));
    expect(baseline.expected(current(100))).toBe(100 * USD);
  });

  it('gives no expected value with 2 known weeks of history (3 are needed)', () => {
    const { baseline, current } = hourly(3, () => 100);
    expect(baseline.expected(current(10))).toBeUndefined();
    const known = hourly(4, () => 100);
    expect(known.baseline.expected(known.current(10))).toBe(100 * USD);
  });

  it('skips unknown weeks: a gap in one week leaves the median of the other 3', () => {
    const values = Float64Array.from(
      { length: 5 * WEEK },
      (_, index) => (index % WEEK === 20 ? 100 + index / WEEK : 100) * USD,
    );
    values[2 * WEEK + 20] = Number.NaN;
    const baseline = seasonalBaseline({ start: 0, step: HOUR, values }, { ...OPTIONS, end: 5 * WEEK });
    expect(baseline.samples(4 * WEEK + 20).map((sample) => sample.week)).toEqual([1, 3, 4]);
  });

  it('keeps the 5% scale floor on a perfectly flat history', () => {
    const { baseline } = hourly(5, () => 100);
    expect(baseline.scale(1)).toBe(0.05);
    expect(baseline.scale(6)).toBe(0.05);
  });

  it('calibrates the scale on the history: ±20% week to week gives about 0.2 per hour, less over 6 hours', () => {
    // Deterministic wobble: each week's hour is 100 × (1 ± 0.2) in a pattern that never repeats within a week.
    const wobble = (index: number) =>
      100 * (1 + 0.2 * Math.sin(index * 2.399 + Math.floor(index / WEEK) * 1.7));
    const { baseline } = hourly(5, wobble);
    expect(baseline.scale(1)).toBeGreaterThan(0.12);
    expect(baseline.scale(1)).toBeLessThan(0.3);
    expect(baseline.scale(6)).toBeLessThan(baseline.scale(1));
  });

  it('judges daily series by day of week over the last 4 weeks', () => {
    const values = Float64Array.from({ length: 6 * 7 }, (_, day) => (day % 7 >= 5 ? 200 : 1_000) * USD);
    const baseline = seasonalBaseline({ start: 0, step: 24 * HOUR, values }, { ...OPTIONS, end: 42 });
    expect(baseline.period).toBe(7);
    expect(baseline.expected(40)).toBe(200 * USD);
    expect(baseline.expected(38)).toBe(1_000 * USD);
  });
});

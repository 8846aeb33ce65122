import { describe, expect, it } from 'vitest';
import {
  type CostAnomalyInput,
  type CostSeries,
  DEFAULT_DAILY_SETTINGS,
  DEFAULT_HOURLY_SETTINGS,
  detectCostAnomalies,
} from '../../../../src/core/rules/cost-anomaly-rule.js';

const HOUR = 3_600;
const DAY = 86_400;
const USD = 1_000_000;
/** Monday 2026-10-19 00:00 UTC: first collected hour, 5 weeks before the week judged. */
const START = Date.UTC(2026, 9, 19) / 1000;
/** Tuesday 2026-11-24 00:00 UTC. */
const TUESDAY = Date.UTC(2026, 10, 24) / 1000;
const on = (day: number, hour: number) => TUESDAY + day * DAY + hour * HOUR;

/** Weekdays 09:00–17:00 UTC at $100 an hour, $10 an hour otherwise. */
function usual(t: number): number {
  const date = new Date(t * 1000);
  const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5;
  return weekday && date.getUTCHours() >= 9 && date.getUTCHours() < 17 ? 100 : 10;
}

function hourly(team: string, until: number, dollars: (t: number) => number, from = START): CostSeries {
  const points = [];
  for (let t = from; t < until; t += HOUR) points.push({ at: t, micros: Math.round(dollars(t) * USD) });
  return { scope: { kind: 'team', team }, points };
}

function detect(series: CostSeries[], through: number, extra: Partial<CostAnomalyInput> = {}) {
  return detectCostAnomalies({
    series,
    granularity: 'hour',
    knownFrom: START,
    through,
    settings: DEFAULT_HOURLY_SETTINGS,
    ...extra,
  });
}

const times = (from: number, to: number) => (t: number) => t >= from && t < to;

describe('detectCostAnomalies (hourly, $20 per hour and 1.5× and a score of 4.5 all required)', () => {
  it('flags a 4× spike from 14:00 to 16:00 on a Tuesday as one run against the 4 previous Tuesdays', () => {
    const spike = times(on(0, 14), on(0, 16));
    const [anomaly, ...rest] = detect(
      [hourly('search', on(0, 16), (t) => usual(t) * (spike(t) ? 4 : 1))],
      on(0, 16),
    );
    expect(rest).toEqual([]);
    expect(anomaly).toMatchObject({
      scope: { kind: 'team', team: 'search' },
      granularity: 'hour',
      direction: 'spike',
      since: on(0, 14),
      at: on(0, 15),
      actualMicros: 800 * USD,
      expectedMicros: 200 * USD,
      deltaMicros: 600 * USD,
      ratio: 4,
      currentBuckets: [on(0, 14), on(0, 15)],
      baselineWeeks: 4,
      severity: 'critical',
    });
    expect(anomaly?.baselineBuckets).toHaveLength(8);
    expect(anomaly?.baselineBuckets[0]).toBe(on(-28, 14));
    expect(anomaly?.score).toBeGreaterThan(20);
  });

  it.each([
    ['1.4× on $1,000 an hour ($400 more, ratio too low)', 1_000, 1.4],
    ['3× on $5 an hour ($10 more, too few dollars)', 5, 3],
  ])('needs both thresholds: %s is no anomaly', (_, hourlyDollars, factor) => {
    const spike = times(on(0, 10), on(0, 14));
    const series = hourly('search', on(0, 14), (t) => hourlyDollars * (spike(t) ? factor : 1));
    expect(detect([series], on(0, 14))).toEqual([]);
  });

  it('needs the robust score: a 1.8× hour in a history swinging ±50% is noise, in a flat one it is not', () => {
    const swing = (t: number) =>
      100 * (1 + 0.5 * Math.sin((t / HOUR) * 2.399 + Math.floor((t - START) / (7 * DAY))));
    const jump = (t: number) => (t === on(0, 10) ? 1.8 : 1);
    const noisy = hourly('noisy', on(0, 11), (t) => (t < on(0, 0) ? swing(t) : 100) * jump(t));
    const flat = hourly('flat', on(0, 11), (t) => 100 * jump(t));
    expect(detect([noisy, flat], on(0, 11)).map((anomaly) => anomaly.scope)).toEqual([
      { kind: 'team', team: 'flat' },
    ]);
  });

  it('flags a drop to 30% from Tuesday 10:00 with a negative delta', () => {
    const low = (t: number) => t >= on(0, 10);
    const [anomaly] = detect([hourly('search', on(0, 13), (t) => usual(t) * (low(t) ? 0.3 : 1))], on(0, 13));
    expect(anomaly).toMatchObject({
      direction: 'drop',
      since: on(0, 10),
      at: on(0, 12),
      actualMicros: 90 * USD,
      expectedMicros: 300 * USD,
      deltaMicros: -210 * USD,
      ratio: 0.3,
    });
  });

  it('never fires on a gap: 3 hours without data are a drop only when nobody said the source stopped', () => {
    const series = hourly('search', on(0, 10), usual);
    expect(detect([series], on(0, 13))[0]).toMatchObject({ direction: 'drop', since: on(0, 10) });
    expect(detect([series], on(0, 13), { gaps: [{ start: on(0, 10), end: on(0, 13) }] })).toEqual([]);
  });

  it('makes no judgement with 2 weeks of history, does with 3', () => {
    const spike = times(on(0, 14), on(0, 16));
    const dollars = (t: number) => usual(t) * (spike(t) ? 4 : 1);
    const since = (weeks: number) => on(-7 * weeks, 0);
    const withHistory = (weeks: number) =>
      detect([hourly('search', on(0, 16), dollars, since(weeks))], on(0, 16), { knownFrom: since(weeks) });
    expect(withHistory(2)).toEqual([]);
    expect(withHistory(3)).toHaveLength(1);
  });

  it('flags no drop on a listed holiday, and the holiday does not lower the next Tuesday', () => {
    const holiday = (t: number) => t >= on(-7, 0) && t < on(-6, 0);
    const dollars = (t: number) => usual(t) * (holiday(t) ? 0.15 : 1);
    const onHoliday = hourly('search', on(-7, 15), dollars);
    expect(detect([onHoliday], on(-7, 15))[0]?.direction).toBe('drop');
    expect(detect([onHoliday], on(-7, 15), { holidays: [on(-7, 0)] })).toEqual([]);
    expect(detect([hourly('search', on(0, 15), dollars)], on(0, 15), { holidays: [on(-7, 0)] })).toEqual([]);
    expect(detect([hourly('search', on(0, 15), dollars)], on(0, 15))).toEqual([]);
  });

  it('keeps one run for a level shift: doubled from Thursday 10:00, still the same run on Saturday noon', () => {
    const thursday = on(-5, 10);
    const dollars = (t: number) => usual(t) * (t >= thursday ? 2 : 1);
    const early = detect([hourly('search', on(-5, 11), dollars)], on(-5, 11));
    expect(early[0]).toMatchObject({ direction: 'spike', since: thursday, at: thursday });
    const weekend = detect([hourly('search', on(-3, 12), dollars)], on(-3, 12));
    expect(weekend).toHaveLength(1);
    expect(weekend[0]).toMatchObject({ direction: 'spike', since: thursday, at: on(-3, 11) });
  });

  it('ends a spike soon after: a 1-hour ×4 spike at 14:00 is reported at 16:00, not at 18:00', () => {
    const dollars = (t: number) => usual(t) * (t === on(0, 14) ? 4 : 1);
    expect(detect([hourly('search', on(0, 16), dollars)], on(0, 16))[0]).toMatchObject({ since: on(0, 14) });
    expect(detect([hourly('search', on(0, 18), dollars)], on(0, 18))).toEqual([]);
  });

  it('catches a slow ramp of +15% a day against the week before it: not on its 3rd day, on its 4th', () => {
    const monday = on(-1, 0);
    const dollars = (t: number) => usual(t) * (t < monday ? 1 : 1.15 ** ((t - monday) / DAY));
    expect(detect([hourly('search', on(1, 15), dollars)], on(1, 15))).toEqual([]);
    expect(detect([hourly('search', on(2, 15), dollars)], on(2, 15))[0]?.direction).toBe('spike');
  });

  it('flags spend where there was none: $50 an hour for a new feature has no ratio', () => {
    const series: CostSeries = {
      scope: { kind: 'feature', team: 'search', feature: 'ask-docs' },
      points: [on(0, 10), on(0, 11)].map((at) => ({ at, micros: 50 * USD })),
    };
    const [anomaly] = detect([series], on(0, 12));
    expect(anomaly).toMatchObject({ direction: 'spike', expectedMicros: 0, actualMicros: 100 * USD });
    expect(anomaly?.ratio).toBeUndefined();
  });

  it('ignores points at or after `through` and sorts by the size of the change', () => {
    const spike = (factor: number) => (t: number) => usual(t) * (t === on(0, 14) ? factor : 1);
    const small = hourly('small', on(0, 15), spike(3));
    const late = { ...small, points: [...small.points, { at: on(0, 15), micros: 1_000_000 * USD }] };
    const series = [late, hourly('large', on(0, 15), spike(6))];
    const found = detect(series, on(0, 15));
    expect(found.map((anomaly) => [anomaly.scope, anomaly.deltaMicros])).toEqual([
      [{ kind: 'team', team: 'large' }, 500 * USD],
      [{ kind: 'team', team: 'small' }, 200 * USD],
    ]);
  });
});

describe('detectCostAnomalies (daily, $50 per day and 1.5×)', () => {
  it('flags a $3,000 Tuesday against Tuesdays of $1,000 once the day is complete', () => {
    const points = [];
    for (let day = START; day < on(1, 0); day += DAY) {
      const weekday = new Date(day * 1000).getUTCDay();
      const dollars = day === TUESDAY ? 3_000 : weekday === 0 || weekday === 6 ? 200 : 1_000;
      points.push({ at: day, micros: dollars * USD });
    }
    const input = {
      series: [{ scope: { kind: 'org' as const }, points }],
      granularity: 'day' as const,
      knownFrom: START,
      settings: DEFAULT_DAILY_SETTINGS,
    };
    expect(detectCostAnomalies({ ...input, through: on(0, 18) })).toEqual([]);
    expect(detectCostAnomalies({ ...input, through: on(1, 0) })[0]).toMatchObject({
      granularity: 'day',
      direction: 'spike',
      since: TUESDAY,
      at: TUESDAY,
      actualMicros: 3_000 * USD,
      expectedMicros: 1_000 * USD,
      ratio: 3,
    });
  });
});

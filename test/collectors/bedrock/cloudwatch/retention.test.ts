import { describe, expect, it } from 'vitest';
import { periodSegments, retentionStart } from '../../../../src/collectors/bedrock/cloudwatch/retention.js';

const DAY = 86_400;
const HOUR = 3_600;
const NOW = Date.UTC(2026, 10, 29, 12, 30, 20) / 1000;
const HOUR_NOW = NOW - (NOW % HOUR);
const END = NOW - (NOW % 60) + 60;
/** Hour boundaries an hour inside the 63-day and 15-day limits, and the last day of minutes. */
const FIVE_MINUTE_FROM = HOUR_NOW - 63 * DAY + 2 * HOUR;
const FINE_FROM = HOUR_NOW - 15 * DAY + 2 * HOUR;
const MINUTE_FROM = HOUR_NOW - DAY;

describe('periodSegments', () => {
  it.each<[string, number, Array<[number, number, number, number]>]>([
    ['15 minutes back: minutes only', END - 15 * 60 - 60, [[END - 16 * 60, END, 60, 60]]],
    ['a day back: minutes only', NOW - DAY, [[NOW - DAY - ((NOW - DAY) % 60), END, 60, 60]]],
    [
      '20 days back: 5 minutes, then 5 minutes with quota signals in minutes, then minutes',
      NOW - 20 * DAY,
      [
        [NOW - 20 * DAY - ((NOW - 20 * DAY) % 300), FINE_FROM, 300, 300],
        [FINE_FROM, MINUTE_FROM, 300, 60],
        [MINUTE_FROM, END, 60, 60],
      ],
    ],
    [
      '70 days back: hours, 5 minutes, minutes',
      HOUR_NOW - 70 * DAY + 600,
      [
        [HOUR_NOW - 70 * DAY, FIVE_MINUTE_FROM, HOUR, HOUR],
        [FIVE_MINUTE_FROM, FINE_FROM, 300, 300],
        [FINE_FROM, MINUTE_FROM, 300, 60],
        [MINUTE_FROM, END, 60, 60],
      ],
    ],
  ])('splits a window from %s', (_, start, expected) => {
    expect(
      periodSegments(start, END, NOW).map(({ start, end, period, finePeriod }) => [
        start,
        end,
        period,
        finePeriod,
      ]),
    ).toEqual(expected);
  });

  it('keeps a 5-minute segment ending before now on a 5-minute boundary', () => {
    const start = HOUR_NOW - 30 * DAY;
    expect(periodSegments(start, start + 3_601, NOW)).toEqual([
      { start, end: start + 3_900, period: 300, finePeriod: 300 },
    ]);
  });
});

describe('retentionStart', () => {
  it('is the first whole hour younger than 455 days', () => {
    expect(retentionStart(NOW)).toBe(HOUR_NOW - 455 * DAY + HOUR);
    expect(retentionStart(HOUR_NOW)).toBe(HOUR_NOW - 455 * DAY);
  });
});

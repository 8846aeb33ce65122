import { describe, expect, it } from 'vitest';
import { isoTime, parseInstant, parsePeriod } from '../../src/core/period.js';

const now = Date.UTC(2026, 10, 29, 19, 20) / 1000; // Sunday 2026-11-29 19:20 UTC
const at = (iso: string) => Date.parse(iso) / 1000;

describe('parsePeriod', () => {
  it.each([
    ['7d', '2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z', '2026-11-16T00:00:00Z', '2026-11-23T00:00:00Z'],
    ['1d', '2026-11-29T00:00:00Z', '2026-11-30T00:00:00Z', '2026-11-28T00:00:00Z', '2026-11-29T00:00:00Z'],
    ['30D', '2026-10-31T00:00:00Z', '2026-11-30T00:00:00Z', '2026-10-01T00:00:00Z', '2026-10-31T00:00:00Z'],
    ['mtd', '2026-11-01T00:00:00Z', '2026-11-30T00:00:00Z', '2026-10-03T00:00:00Z', '2026-11-01T00:00:00Z'],
    [
      'last-month',
      '2026-10-01T00:00:00Z',
      '2026-11-01T00:00:00Z',
      '2026-08-31T00:00:00Z',
      '2026-10-01T00:00:00Z',
    ],
    [
      '2026-11',
      '2026-11-01T00:00:00Z',
      '2026-12-01T00:00:00Z',
      '2026-10-03T00:00:00Z',
      '2026-11-01T00:00:00Z',
    ],
    [
      '2026-02',
      '2026-02-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '2026-01-04T00:00:00Z',
      '2026-02-01T00:00:00Z',
    ],
    [
      '2026-11-01..2026-11-15',
      '2026-11-01T00:00:00Z',
      '2026-11-16T00:00:00Z',
      '2026-10-17T00:00:00Z',
      '2026-11-01T00:00:00Z',
    ],
    [
      '2024-02-29..2024-02-29',
      '2024-02-29T00:00:00Z',
      '2024-03-01T00:00:00Z',
      '2024-02-28T00:00:00Z',
      '2024-02-29T00:00:00Z',
    ],
  ])('%s is [%s, %s) compared with [%s, %s)', (text, start, end, previousStart, previousEnd) => {
    const period = parsePeriod(text, now);
    expect(period).toMatchObject({
      start: at(start),
      end: at(end),
      previousStart: at(previousStart),
      previousEnd: at(previousEnd),
    });
  });

  it.each([
    ['0d', /out of range/],
    ['400d', /out of range/],
    ['2026-13', /not a month/],
    ['2026-02-30..2026-03-01', /does not exist/],
    ['2026-11-15..2026-11-01', /ends before/],
    ['yesterday', /Use 7d, 30d, mtd/],
  ])('%s is refused with a message that says what to use', (text, message) => {
    const period = parsePeriod(text, now);
    expect('error' in period && period.error).toMatch(message);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-09-01', '2026-09-01T00:00:00Z'],
    ['2026-09-01T12:30Z', '2026-09-01T12:30:00Z'],
    ['2026-09-01T12:30:00+02:00', '2026-09-01T10:30:00Z'],
    ['90d', '2026-08-31T19:20:00Z'],
    ['12h', '2026-11-29T07:20:00Z'],
  ])('%s → %s', (text, iso) => {
    expect(isoTime(parseInstant(text, now) as number)).toBe(iso);
  });

  it('refuses a time without a zone', () => {
    expect(parseInstant('2026-09-01T12:00', now)).toEqual({
      error: expect.stringContaining('is not a time'),
    });
  });
});

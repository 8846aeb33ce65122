import { describe, expect, it } from 'vitest';
import { digestWeeks } from '../../../src/core/digest/digest-weeks.js';
import { isoTime } from '../../../src/core/period.js';

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (weeks: ReturnType<typeof digestWeeks>) => ({
  previousStart: isoTime(weeks.previousStart),
  start: isoTime(weeks.start),
  end: isoTime(weeks.end),
  monthStart: isoTime(weeks.monthStart),
  monthEnd: isoTime(weeks.monthEnd),
});

describe('digestWeeks', () => {
  it.each([
    ['2026-11-30T09:00:00Z', '2026-11-16', '2026-11-23', '2026-11-30', '2026-11-01', '2026-12-01'],
    // Exactly Monday midnight: the week that just ended is complete.
    ['2026-11-30T00:00:00Z', '2026-11-16', '2026-11-23', '2026-11-30', '2026-11-01', '2026-12-01'],
    // Sunday evening: the running week is not complete yet.
    ['2026-11-29T23:59:59Z', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-01', '2026-12-01'],
    // On Tuesday Dec 1 the last complete week still ended on Nov 30: its budget month is November.
    ['2026-12-01T10:00:00Z', '2026-11-16', '2026-11-23', '2026-11-30', '2026-11-01', '2026-12-01'],
    ['2026-12-08T10:00:00Z', '2026-11-23', '2026-11-30', '2026-12-07', '2026-12-01', '2027-01-01'],
  ])(
    'at %s compares the weeks from %s and %s (to %s), budget month %s..%s',
    (now, previousStart, start, end, monthStart, monthEnd) => {
      expect(iso(digestWeeks(at(now)))).toEqual({
        previousStart: `${previousStart}T00:00:00Z`,
        start: `${start}T00:00:00Z`,
        end: `${end}T00:00:00Z`,
        monthStart: `${monthStart}T00:00:00Z`,
        monthEnd: `${monthEnd}T00:00:00Z`,
      });
    },
  );
});

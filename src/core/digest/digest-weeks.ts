import { UTCDate } from '@date-fns/utc';
import { addMonths, startOfISOWeek, startOfMonth } from 'date-fns';
import { SECONDS_PER_DAY } from '../facts.js';

/**
 * The two weeks a digest compares and the month its budget line covers, UTC epoch seconds.
 * Weeks run Monday 00:00 to Monday 00:00 UTC: rollups are whole UTC days, so a week in another
 * time zone could not be cut from them exactly. `schedule.timezone` decides when the digest is sent.
 */
export interface DigestWeeks {
  /** The last complete week `[start, end)`. */
  start: number;
  end: number;
  /** The week before, `[previousStart, start)`. */
  previousStart: number;
  /** The calendar month holding the week's last day, `[monthStart, monthEnd)`. */
  monthStart: number;
  monthEnd: number;
}

const toSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The last complete Monday-to-Monday UTC week before `now`, the week before it, and its month. */
export function digestWeeks(now: number): DigestWeeks {
  const end = toSeconds(startOfISOWeek(new UTCDate(now * 1000)));
  const start = end - 7 * SECONDS_PER_DAY;
  const month = startOfMonth(new UTCDate((end - SECONDS_PER_DAY) * 1000));
  return {
    start,
    end,
    previousStart: start - 7 * SECONDS_PER_DAY,
    monthStart: toSeconds(month),
    monthEnd: toSeconds(addMonths(month, 1)),
  };
}

import { alignDown, alignUp } from '../../paged-stream.js';

const DAY = 86_400;
const HOUR = 3_600;

/** CloudWatch keeps hourly datapoints 455 days; nothing older can be read. */
export const RETENTION_SECONDS = 455 * DAY;

/** The first hour CloudWatch still holds at `now`. */
export function retentionStart(now: number): number {
  return alignUp(now - RETENTION_SECONDS, HOUR);
}

/** A stretch of a window read at one period (seconds); `finePeriod` for the quota signals. */
export interface PeriodSegment {
  start: number;
  end: number;
  period: number;
  /** The period of the signals whose peaks matter minute by minute (quota usage, throttles). */
  finePeriod: number;
}

/**
 * Splits `[start, end)` by resolution: minutes for the last day (the recent window), 5 minutes up
 * to 63 days, hours beyond; quota usage and throttles keep minutes for as long as CloudWatch does
 * (15 days), because a 5-minute average hides the minute that hit the quota. Each boundary sits an
 * hour inside its limit so a clock a little ahead of ours still accepts the period. Segments widen
 * to their coarsest period's boundaries.
 */
export function periodSegments(start: number, end: number, now: number): PeriodSegment[] {
  const fiveMinuteFrom = alignUp(now - 63 * DAY + HOUR, HOUR);
  const fineMinuteFrom = alignUp(now - 15 * DAY + HOUR, HOUR);
  // Generous on this side: minutes are kept 15 days, and a first-day backfill should be minutes only.
  const minuteFrom = alignDown(now - DAY, HOUR);
  const tiers = [
    { from: Number.NEGATIVE_INFINITY, to: fiveMinuteFrom, period: HOUR, finePeriod: HOUR },
    { from: fiveMinuteFrom, to: fineMinuteFrom, period: 300, finePeriod: 300 },
    { from: fineMinuteFrom, to: minuteFrom, period: 300, finePeriod: 60 },
    { from: minuteFrom, to: Number.POSITIVE_INFINITY, period: 60, finePeriod: 60 },
  ];
  const segments: PeriodSegment[] = [];
  for (const { from, to, period, finePeriod } of tiers) {
    const segmentStart = Math.max(start, from);
    const segmentEnd = Math.min(end, to);
    if (segmentStart >= segmentEnd) continue;
    segments.push({
      start: alignDown(segmentStart, period),
      end: alignUp(segmentEnd, period),
      period,
      finePeriod,
    });
  }
  return segments;
}

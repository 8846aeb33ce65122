import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, isValid, startOfDay, startOfMonth } from 'date-fns';
import { SECONDS_PER_DAY } from './facts.js';

/**
 * A reporting period `[start, end)` in UTC epoch seconds, whole UTC days, and the previous period
 * of equal length it is compared with. For a period still running, the length counts the days
 * elapsed (today included), so `2026-11` on the 29th compares 29 days with the 29 days before.
 */
export interface Period {
  label: string;
  start: number;
  end: number;
  previousStart: number;
  previousEnd: number;
}

export const DEFAULT_PERIOD = '30d';

const toSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const utc = (seconds: number) => new UTCDate(seconds * 1000);

/** True when `text` looks like a period (so a command can tell a period from a name). */
export function looksLikePeriod(text: string): boolean {
  return /^(\d+d|mtd|last-month|\d{4}-\d{2}(-\d{2}\.\.\d{4}-\d{2}-\d{2})?)$/i.test(text);
}

/**
 * Parses the period grammar of `/ai-spend`: `7d`, `30d` (the last N UTC days, today included),
 * `mtd`, `last-month`, `2026-11`, `2026-11-01..2026-11-15` (whole days, both ends included).
 * Returns an error message that shows the accepted forms when the text is none of them.
 */
export function parsePeriod(text: string, now: number): Period | { error: string } {
  const lower = text.trim().toLowerCase();
  const today = startOfDay(utc(now));
  const tomorrow = toSeconds(addDays(today, 1));

  const days = /^(\d+)d$/.exec(lower);
  if (days) {
    const count = Number(days[1]);
    if (count < 1 || count > 366) return { error: `a period of ${count} days is out of range (1d to 366d)` };
    return running(lower, toSeconds(addDays(today, 1 - count)), tomorrow, now);
  }
  if (lower === 'mtd') return running('mtd', toSeconds(startOfMonth(today)), tomorrow, now);
  if (lower === 'last-month') {
    const thisMonth = startOfMonth(today);
    return closed('last-month', toSeconds(addMonths(thisMonth, -1)), toSeconds(thisMonth));
  }
  const month = /^(\d{4})-(\d{2})$/.exec(lower);
  if (month) {
    const first = new UTCDate(Number(month[1]), Number(month[2]) - 1, 1);
    if (Number(month[2]) < 1 || Number(month[2]) > 12) return { error: `${text} is not a month (YYYY-MM)` };
    return clampRunning(lower, toSeconds(first), toSeconds(addMonths(first, 1)), now);
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(lower);
  if (range) {
    const from = parseDay(range[1] ?? '');
    const to = parseDay(range[2] ?? '');
    if (from === undefined || to === undefined) return { error: `${text} has a date that does not exist` };
    if (to < from) return { error: `${text} ends before it starts` };
    return clampRunning(lower, from, to + SECONDS_PER_DAY, now);
  }
  return {
    error: `"${text}" is not a period. Use 7d, 30d, mtd, last-month, 2026-11 or 2026-11-01..2026-11-15`,
  };
}

function parseDay(text: string): number | undefined {
  const [year, month, day] = text.split('-').map(Number);
  const date = new UTCDate(year ?? 0, (month ?? 0) - 1, day ?? 0);
  if (!isValid(date) || date.getUTCDate() !== day || date.getUTCMonth() !== (month ?? 0) - 1)
    return undefined;
  return toSeconds(date);
}

function running(label: string, start: number, end: number, now: number): Period {
  const elapsed = Math.max(
    SECONDS_PER_DAY,
    Math.min(end, toSeconds(addDays(startOfDay(utc(now)), 1))) - start,
  );
  return { label, start, end, previousStart: start - elapsed, previousEnd: start };
}

function closed(label: string, start: number, end: number): Period {
  const length = end - start;
  return { label, start, end, previousStart: start - length, previousEnd: start };
}

function clampRunning(label: string, start: number, end: number, now: number): Period {
  return now < end ? running(label, start, end, now) : closed(label, start, end);
}

export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2026-11-24 15:48 UTC`: a moment as chat messages print it. */
export function utcMinute(seconds: number): string {
  return `${isoTime(seconds).slice(0, 16).replace('T', ' ')} UTC`;
}

export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/**
 * A point in time for `--since`/`--until`: `2026-09-01` (UTC midnight), an ISO date-time with a
 * zone, or `90d`/`12h` before `now`.
 */
export function parseInstant(text: string, now: number): number | { error: string } {
  const relative = /^(\d+)([dh])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * (relative[2] === 'd' ? SECONDS_PER_DAY : 3_600);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) {
    const day = parseDay(text.trim());
    return day ?? { error: `${text} is not a date` };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text.trim())) {
    const millis = Date.parse(text.trim());
    if (Number.isFinite(millis)) return Math.floor(millis / 1000);
  }
  return { error: `"${text}" is not a time: use 2026-09-01, 2026-09-01T12:00Z or 90d` };
}

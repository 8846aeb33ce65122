import { AwsError } from '../aws-json-server.js';

const DAY = 86_400;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a Cost Explorer `YYYY-MM-DD` date to its UTC midnight (epoch seconds), as the service validates it. */
export function parseCeDate(value: unknown, field: string): number {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const millis = Date.UTC(year, month - 1, day);
    const date = new Date(millis);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return millis / 1000;
    }
  }
  throw new AwsError(
    'ValidationException',
    `Invalid date format for ${field}: ${JSON.stringify(value ?? null)}. Expected yyyy-MM-dd`,
  );
}

/** The UTC midnight at or before `seconds`. */
export function utcMidnight(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY;
}

/** The first day of the UTC month after the one holding `seconds`. */
export function nextMonthStart(seconds: number): number {
  const date = new Date(seconds * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
}

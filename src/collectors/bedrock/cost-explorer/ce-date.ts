import { isoDay } from '../../../core/period.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC midnight (epoch seconds) of a `YYYY-MM-DD` date, or `undefined` when it is not one. */
export function parseCeDate(text: string | undefined): number | undefined {
  const match = DATE.exec(text ?? '');
  if (!match) return undefined;
  const millis = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDay(millis / 1000) === text ? millis / 1000 : undefined;
}

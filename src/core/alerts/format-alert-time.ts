import { SECONDS_PER_DAY } from '../facts.js';
import { isoTime } from '../period.js';

/**
 * A time for an alert's state line: `14:05 UTC` when it falls on the same UTC day as `reference`,
 * else `2026-11-25 14:05 UTC`.
 */
export function formatAlertTime(time: number, reference: number): string {
  const iso = isoTime(time);
  const clock = `${iso.slice(11, 16)} UTC`;
  const sameDay = Math.floor(time / SECONDS_PER_DAY) === Math.floor(reference / SECONDS_PER_DAY);
  return sameDay ? clock : `${iso.slice(0, 10)} ${clock}`;
}

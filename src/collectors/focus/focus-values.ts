import { type Micros, parseDecimalMicros } from '../../core/money.js';

/** A cell as text: FOCUS nulls (empty, or the literal `NULL` some exports write) become `undefined`. */
export function cellText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'NULL' ? undefined : trimmed;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;

/**
 * A FOCUS date-time as UTC epoch seconds, or `undefined` when it is not one. FOCUS asks for ISO 8601
 * in UTC; real exports also write `2024-09-18 22:00:00` without a zone, read as UTC.
 */
export function parseFocusTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', zone] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const millis = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2024-02-30 over into March: a date that does not exist is not a date.
  if (new Date(millis).getUTCDate() !== d) return undefined;
  return millis / 1000 - offsetSeconds(zone);
}

function offsetSeconds(zone: string | undefined): number {
  if (zone === undefined || /^(z|utc)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 3_600 + Number(digits.slice(3, 5)) * 60);
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Adds decimal amounts exactly (no float, no rounding) so that many sub-micro-dollar rows of one line
 * item add up before the single half-even rounding of `parseDecimalMicros`. Each amount must already
 * have passed `parseDecimalMicros`.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 0;

  add(text: string): void {
    const match = DECIMAL.exec(text.trim());
    if (!match) throw new Error(`not a decimal: ${text}`);
    const fraction = match[3] ?? '';
    let units = BigInt(`${match[2] ?? ''}${fraction}` || '0');
    let scale = fraction.length - Number(match[4] ?? '0');
    if (scale < 0) {
      units *= 10n ** BigInt(-scale);
      scale = 0;
    }
    if (match[1] === '-') units = -units;
    if (scale > this.scale) {
      this.units *= 10n ** BigInt(scale - this.scale);
      this.scale = scale;
    }
    this.units += units * 10n ** BigInt(this.scale - scale);
  }

  /** The exact sum as a decimal string, e.g. `-0.000000012`. */
  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
  }

  /** The sum in micro-dollars, rounded once, half to even. */
  micros(): Micros {
    return parseDecimalMicros(this.toString());
  }
}

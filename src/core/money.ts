import { AiSpendError } from './errors.js';

/** Integer millionths of a US dollar. Every amount in ai-spend is one of these. */
export type Micros = number & { readonly __unit: 'micro-usd' };

export const MICROS_PER_USD = 1_000_000;

export function micros(value: number): Micros {
  if (!Number.isSafeInteger(value)) {
    throw new AiSpendError('input_invalid', `not an integer number of micro-dollars: ${value}`);
  }
  return value as Micros;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal amount without a floating-point step and returns micro-dollars, rounding
 * half to even at the micro-dollar. `unit` says what one unit of the text is: Anthropic's cost
 * report speaks cents ("1234.56" = $12.3456), most others dollars.
 */
export function parseDecimalMicros(text: string, unit: 'usd' | 'cents' = 'usd'): Micros {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new AiSpendError('input_invalid', `not a decimal amount: ${JSON.stringify(text)}`);
  }
  const negative = match[1] === '-';
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`.replace(/^0+(?=\d)/, '') || '0';
  // value = digits × 10^exponent (in `unit`), micro-dollars = value × 10^(6 or 4)
  const exponent = Number(match[4] ?? '0') - (match[3] ?? '').length + (unit === 'usd' ? 6 : 4);
  const magnitude = scaleRounded(BigInt(digits), exponent);
  const value = negative ? -magnitude : magnitude;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new AiSpendError('input_invalid', `amount too large to hold exactly: ${JSON.stringify(text)}`);
  }
  return Number(value) as Micros;
}

/**
 * Converts a dollar amount that arrived as a JSON number (OpenAI's `amount.value`). The shortest
 * decimal that round-trips the double is what the provider wrote, so it is parsed as text.
 */
export function usdNumberToMicros(value: number): Micros {
  if (!Number.isFinite(value)) {
    throw new AiSpendError('input_invalid', `not a finite dollar amount: ${value}`);
  }
  return parseDecimalMicros(String(value), 'usd');
}

function scaleRounded(digits: bigint, exponent: number): bigint {
  if (exponent >= 0) return digits * 10n ** BigInt(exponent);
  return roundHalfEven(digits, 10n ** BigInt(-exponent));
}

/** `n / d` rounded half to even, for `n >= 0` and `d > 0`. */
export function roundHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = (n % d) * 2n;
  return twice > d || (twice === d && q % 2n === 1n) ? q + 1n : q;
}

/** "$1,234.57" style, for people. Cents are enough in chat; sub-cent amounts show as "<$0.01". */
export function formatUsd(amount: number, { exact = false }: { exact?: boolean } = {}): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (exact) return `${sign}$${(abs / MICROS_PER_USD).toFixed(6)}`;
  if (abs > 0 && abs < 5_000) return `${sign}<$0.01`;
  const cents = Math.round(abs / 10_000);
  const dollars = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${sign}$${dollars.toLocaleString('en-US')}.${rest}`;
}

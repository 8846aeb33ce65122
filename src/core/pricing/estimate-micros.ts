import { AiSpendError } from '../errors.js';
import type { TokenCounts } from '../facts.js';
import { type Micros, micros, roundHalfEven } from '../money.js';
import { TOKEN_KINDS } from './nullable-rates.js';

/** Rates in micro-USD per MTok as BigInt, in `TOKEN_KINDS` order; `null` = no rate for that kind. */
export type BigRates = readonly (bigint | null)[];

const PICO_PER_MICRO = 1_000_000n;

/**
 * tokens × (µ$/MTok) is pico-dollars, summed exactly in BigInt (an hour can pass 2^53), scaled by the
 * multiplier's numerator and divided once by 10^6 × its denominator, rounding half to even: one
 * rounding per fact row. Token kinds with a count but no rate are left out and reported as `missing`,
 * so the result is then a lower bound.
 */
export function estimateMicros(
  rates: BigRates,
  multiplier: { numerator: bigint; denominator: bigint },
  tokens: TokenCounts,
): { micros: Micros; missing: boolean } {
  const fast = estimateSmall(rates, multiplier, tokens);
  if (fast !== undefined) return fast;
  let pico = 0n;
  let missing = false;
  for (let index = 0; index < TOKEN_KINDS.length; index++) {
    const kind = TOKEN_KINDS[index] as (typeof TOKEN_KINDS)[number];
    const count = tokens[kind];
    if (count === 0) continue;
    checkCount(kind, count);
    const rate = rates[index];
    if (rate === null || rate === undefined) missing = true;
    else pico += BigInt(count) * rate;
  }
  const value = roundHalfEven(pico * multiplier.numerator, PICO_PER_MICRO * multiplier.denominator);
  return { micros: micros(Number(value)), missing };
}

/**
 * The same sum in plain integers while every intermediate stays below 2^53 (true for nearly every
 * hourly row), which is exact and several times faster; `undefined` hands over to BigInt.
 */
function estimateSmall(
  rates: BigRates,
  multiplier: { numerator: bigint; denominator: bigint },
  tokens: TokenCounts,
): { micros: Micros; missing: boolean } | undefined {
  const numerator = Number(multiplier.numerator);
  const denominator = Number(multiplier.denominator) * 1_000_000;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return undefined;
  let pico = 0;
  let missing = false;
  for (let index = 0; index < TOKEN_KINDS.length; index++) {
    const kind = TOKEN_KINDS[index] as (typeof TOKEN_KINDS)[number];
    const count = tokens[kind];
    if (count === 0) continue;
    checkCount(kind, count);
    const rate = rates[index];
    if (rate === null || rate === undefined) {
      missing = true;
      continue;
    }
    pico += count * Number(rate);
    if (!Number.isSafeInteger(pico)) return undefined;
  }
  const scaled = pico * numerator;
  if (!Number.isSafeInteger(scaled)) return undefined;
  let quotient = Math.floor(scaled / denominator);
  let remainder = scaled - quotient * denominator;
  // The float division may land one off near an integer; the remainder puts it right.
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  const twice = remainder * 2;
  const rounded =
    twice > denominator || (twice === denominator && quotient % 2 === 1) ? quotient + 1 : quotient;
  return { micros: micros(rounded), missing };
}

function checkCount(kind: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new AiSpendError(
      'input_invalid',
      `token count ${kind} must be a non-negative integer, got ${count}`,
    );
  }
}

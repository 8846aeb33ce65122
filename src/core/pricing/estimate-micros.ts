import { AiSpendError } from '../errors.js';
import type { TokenCounts } from '../facts.js';
import { type Micros, micros, roundHalfEven } from '../money.js';
import { TOKEN_KINDS } from './nullable-rates.js';

/** Rates in micro-USD per MTok as BigInt, in `TOKEN_KINDS` order; `null` = no rate for that kind. */
export type BigRates = readonly (bigint | null)[];

const PICO_PER_MICRO = 1_000_000n;

/**
 * tokens × (µ$/MTok) is pico-dollars, summed exactly, scaled by the multiplier's numerator and
 * divided once by 10^6 × its denominator, rounding half to even: one rounding per fact row. Plain
 * integers carry the sum while it stays below 2^53 (nearly every hourly row, and several times
 * faster); BigInt takes over past that. Token kinds with a count but no rate are left out and
 * reported as `missing`, so the result is then a lower bound.
 */
export function estimateMicros(
  rates: BigRates,
  multiplier: { numerator: bigint; denominator: bigint },
  tokens: TokenCounts,
): { micros: Micros; missing: boolean } {
  let small = 0;
  let big: bigint | undefined;
  let missing = false;
  for (let index = 0; index < TOKEN_KINDS.length; index++) {
    const kind = TOKEN_KINDS[index] as (typeof TOKEN_KINDS)[number];
    const count = tokens[kind];
    if (count === 0) continue;
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new AiSpendError(
        'input_invalid',
        `token count ${kind} must be a non-negative integer, got ${count}`,
      );
    }
    const rate = rates[index];
    if (rate === null || rate === undefined) {
      missing = true;
      continue;
    }
    if (big === undefined) {
      // Exact while the result is a safe integer: a true value past 2^53 rounds to one past it too.
      const next = small + count * Number(rate);
      if (Number.isSafeInteger(next)) small = next;
      else big = BigInt(small) + BigInt(count) * rate;
    } else {
      big += BigInt(count) * rate;
    }
  }
  const numerator = Number(multiplier.numerator);
  const denominator = Number(multiplier.denominator) * 1_000_000;
  const scaled = small * numerator;
  if (big === undefined && Number.isSafeInteger(scaled) && Number.isSafeInteger(denominator)) {
    return { micros: micros(roundSmall(scaled, denominator)), missing };
  }
  const value = roundHalfEven(
    (big ?? BigInt(small)) * multiplier.numerator,
    PICO_PER_MICRO * multiplier.denominator,
  );
  return { micros: micros(Number(value)), missing };
}

/** `n / d` rounded half to even in plain integers, for safe `n >= 0` and `d > 0`. */
function roundSmall(n: number, d: number): number {
  let quotient = Math.floor(n / d);
  let remainder = n - quotient * d;
  // The float division may land one off near an integer; the remainder puts it right.
  if (remainder < 0) {
    quotient -= 1;
    remainder += d;
  } else if (remainder >= d) {
    quotient += 1;
    remainder -= d;
  }
  const twice = remainder * 2;
  return twice > d || (twice === d && quotient % 2 === 1) ? quotient + 1 : quotient;
}

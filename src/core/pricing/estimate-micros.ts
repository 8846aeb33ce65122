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
  let pico = 0n;
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
    if (rate === null || rate === undefined) missing = true;
    else pico += BigInt(count) * rate;
  }
  const value = roundHalfEven(pico * multiplier.numerator, PICO_PER_MICRO * multiplier.denominator);
  return { micros: micros(Number(value)), missing };
}

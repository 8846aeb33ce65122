import { AiSpendError } from '../errors.js';
import { parseDecimalMicros, roundHalfEven } from '../money.js';

/**
 * USD per million tokens as decimal text (`"3.3"`) → integer micro-USD per MTok (3_300_000),
 * without a floating-point step. Throws `input_invalid` on a negative or malformed rate.
 */
export function rateFromDecimal(text: string): number {
  const rate = parseDecimalMicros(text, 'usd');
  if (rate < 0)
    throw new AiSpendError('input_invalid', `a price cannot be negative: ${JSON.stringify(text)}`);
  return rate;
}

/**
 * A catalog number goes through its shortest round-trip decimal (`String(3.3)` is `"3.3"`), which is
 * what the catalog's YAML says; `3.3 * 1e6` would be 3299999.9999999995.
 */
export function rateFromCatalogNumber(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  return rateFromDecimal(String(value));
}

/** `rate × numerator / denominator`, rounded half to even at the micro-dollar per MTok. */
export function scaleRate(rate: number, numerator: bigint, denominator: bigint): number {
  return Number(roundHalfEven(BigInt(rate) * numerator, denominator));
}

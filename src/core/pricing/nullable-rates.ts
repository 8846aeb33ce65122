/**
 * Integer micro-USD per million tokens for each token kind, as a price list gives them: `null` means
 * the list has no rate for that kind (never "free"). The public `RateCard` is built from this.
 */
export interface NullableRates {
  uncachedInput: number | null;
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
  cacheRead: number | null;
  output: number | null;
}

export const TOKEN_KINDS = ['uncachedInput', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'output'] as const;

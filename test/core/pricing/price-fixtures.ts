import type { TokenCounts } from '../../../src/core/facts.js';
import { createPriceBook } from '../../../src/core/pricing/price-book.js';
import {
  EMPTY_PRICES,
  type PriceQuery,
  type PricesConfig,
  type RateCard,
} from '../../../src/core/pricing/types.js';

export const at = (iso: string) => Date.parse(iso) / 1000;
export const NOV_29 = at('2026-11-29T10:00:00Z');
export const US_SONNET_45 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

export const tokens = (counts: Partial<TokenCounts>): TokenCounts => ({
  uncachedInput: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  ...counts,
});

export const config = (prices: Partial<PricesConfig>): PricesConfig => ({ ...EMPTY_PRICES, ...prices });

/** µ$/MTok in the order input, 5 m write, 1 h write, cache read, output. */
export const card = (
  ...[uncachedInput, cacheWrite5m, cacheWrite1h, cacheRead, output]: (number | null)[]
): RateCard => ({
  uncachedInput: uncachedInput ?? 0,
  cacheWrite5m: cacheWrite5m ?? null,
  cacheWrite1h: cacheWrite1h ?? null,
  cacheRead: cacheRead ?? null,
  output: output ?? 0,
});

/** Resolves `query` with a fresh book and fails unless it is priced. */
export function priced(query: PriceQuery, prices: PricesConfig = EMPTY_PRICES) {
  const resolution = createPriceBook(prices).resolve(query);
  if (resolution.kind !== 'priced') throw new Error(`expected a price, got ${JSON.stringify(resolution)}`);
  return resolution;
}

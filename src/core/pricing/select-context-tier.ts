import type { CatalogEntry, CatalogRate } from './catalog-rates.js';
import type { NullableRates } from './nullable-rates.js';
import { rateFromCatalogNumber } from './rate-from-decimal.js';

/**
 * Picks one rate per token kind from a catalog entry. Long-context tiers are per request, so an
 * aggregated bucket can only choose one from the source's own split (Anthropic's `context_window`,
 * `0-200k` / `200k-1M`): a tier applies when every request in the bucket had more input than its
 * `start`, i.e. the split's lower bound ≥ `start`. Without a split the base rate is used and
 * `tierUncertain` says the real cost may be higher.
 */
export function selectContextTier(
  rates: CatalogEntry['rates'],
  contextWindow: string | undefined,
): { rates: NullableRates; tierUncertain: boolean } {
  const lowerBound = contextWindowLowerBound(contextWindow);
  let tiered = false;
  const pick = (rate: CatalogRate | undefined): number | null => {
    if (rate === undefined) return null;
    if (typeof rate === 'number') return rateFromCatalogNumber(rate);
    tiered = true;
    let price = rate.base;
    let chosenStart = -1;
    for (const tier of rate.tiers) {
      if (lowerBound !== null && lowerBound >= tier.start && tier.start > chosenStart) {
        price = tier.price;
        chosenStart = tier.start;
      }
    }
    return rateFromCatalogNumber(price);
  };
  const selected: NullableRates = {
    uncachedInput: pick(rates.input),
    cacheWrite5m: pick(rates.cacheWrite5m),
    cacheWrite1h: pick(rates.cacheWrite1h),
    cacheRead: pick(rates.cacheRead),
    output: pick(rates.output),
  };
  return { rates: selected, tierUncertain: tiered && lowerBound === null };
}

const WINDOW = /^(\d+(?:\.\d+)?)([km]?)-/i;

/** `"200k-1M"` → 200_000, `"0-200k"` → 0; `null` when absent or in a shape we do not know. */
export function contextWindowLowerBound(contextWindow: string | undefined): number | null {
  const match = contextWindow ? WINDOW.exec(contextWindow.trim()) : null;
  if (!match) return null;
  const unit = match[2]?.toLowerCase();
  return Number(match[1]) * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1);
}

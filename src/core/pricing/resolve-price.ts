import type { SourceId } from '../facts.js';
import { CATALOG_ORIGIN, type CatalogLookup, lookupCatalog } from './catalog-rates.js';
import { type CompiledPrices, tierKey } from './compile-prices-config.js';
import { deriveMissingRates, modelFamily } from './derive-missing-rates.js';
import { multiplyFractions, ONE } from './fraction.js';
import { discountMultiplier, inferenceGeoMultiplier, serviceTierMultiplier } from './multipliers.js';
import { normalizeModelId } from './normalize-model-id.js';
import type { NullableRates } from './nullable-rates.js';
import { scaleRate } from './rate-from-decimal.js';
import { selectContextTier } from './select-context-tier.js';
import type { PriceQuery, PriceResolution, UnpricedReason } from './types.js';

/** A resolution plus the rates with their gaps still `null`, which the estimate needs. */
export interface ResolvedPrice {
  resolution: PriceResolution;
  rates: NullableRates | null;
}

const SECONDS_PER_DAY = 86_400;

/**
 * Lookup chain: `prices.aliases` → `prices.models` in force at `at` → bundled catalog → unpriced.
 * The catalog is asked for the start of `at`'s UTC day: its effective dates are UTC midnights, so
 * every instant of a day resolves alike and a per-day memo stays exact.
 */
export function resolvePrice(query: PriceQuery, prices: CompiledPrices): ResolvedPrice {
  const { source, at } = query;
  const reported = (query.model ?? '').trim();
  if (!reported) {
    return unpriced('no_model', `the ${source} usage row names no model, so it cannot be priced`);
  }
  const aliases = prices.aliases[source];
  const aliased = aliases && Object.hasOwn(aliases, reported) ? aliases[reported] : undefined;
  const model = normalizeModelId(aliased ?? reported);
  const names = [model, reported];

  let override: CompiledPrices['models'][number] | undefined;
  for (const entry of prices.models) {
    if (entry.source === source && names.includes(entry.model) && entry.from <= at) {
      if (!override || entry.from >= override.from) override = entry;
    }
  }
  let base: { rates: NullableRates; tierUncertain: boolean };
  let catalogModelId: string;
  let origin: string;
  let owner: string;
  if (override) {
    base = { rates: override.rates, tierUncertain: false };
    catalogModelId = `${source}/${override.model}`;
    origin = 'config';
    owner = source;
  } else {
    const hit = lookupCatalog(source, model, Math.floor(at / SECONDS_PER_DAY) * SECONDS_PER_DAY);
    if (hit.kind !== 'found') return notInCatalog(source, model, hit);
    base = selectContextTier(hit.entry.rates, query.contextWindow);
    catalogModelId = hit.entry.catalogModelId;
    origin = CATALOG_ORIGIN;
    owner = hit.entry.owner;
  }
  const family = modelFamily(owner, catalogModelId.slice(catalogModelId.indexOf('/') + 1));
  let { rates, derived } = deriveMissingRates(base.rates, family);
  if (rates.uncachedInput === null && rates.output === null) {
    return unpriced(
      'unknown_model',
      `${catalogModelId} has no per-token price; ${addModelHint(source, model)}`,
    );
  }

  const serviceTier = (query.serviceTier ?? '').trim().toLowerCase();
  let tierFactor = serviceTierMultiplier(source, serviceTier, prices.tiers);
  if (!tierFactor) {
    return unpriced(
      'tier_not_priced',
      `service tier "${serviceTier}" of ${source} has no list price; add prices.tiers ` +
        `{ source: ${source}, service_tier: ${serviceTier}, multiplier: "…" } in ai-spend.yml`,
    );
  }
  if (
    source === 'vertex' &&
    serviceTier === 'batch' &&
    family !== 'claude' &&
    !prices.tiers.has(tierKey(source, serviceTier))
  ) {
    // Vertex batch: the implicit-cache discount takes precedence over the batch discount, so
    // cache reads stay at their own rate while everything else is halved.
    rates = halveAllButCacheRead(rates);
    derived = [...derived, 'vertex_batch=0.5x_except_cache_read'];
    tierFactor = ONE;
  }
  const geoFactor = inferenceGeoMultiplier(source, model, (query.inferenceGeo ?? '').trim().toLowerCase());
  const multiplier = multiplyFractions(
    multiplyFractions(tierFactor, geoFactor),
    discountMultiplier(prices.discounts, source, names, at),
  );

  if (rates.uncachedInput === null) derived = [...derived, 'no_input_rate'];
  if (rates.output === null) derived = [...derived, 'no_output_rate'];
  return {
    resolution: {
      kind: 'priced',
      // A missing input or output rate shows as 0 on the card only; `derived` says so and the
      // estimate treats such tokens as unpriced.
      card: { ...rates, uncachedInput: rates.uncachedInput ?? 0, output: rates.output ?? 0 },
      multiplier,
      catalogModelId,
      origin,
      derived,
      tierUncertain: base.tierUncertain,
    },
    rates,
  };
}

function notInCatalog(
  source: SourceId,
  model: string,
  hit: Exclude<CatalogLookup, { kind: 'found' }>,
): ResolvedPrice {
  if (hit.kind === 'fallback_rejected') {
    return unpriced(
      'fallback_rejected',
      `the catalog has ${model} only as ${hit.catalogModelId}, whose price need not hold on ${source}; ${addModelHint(source, model)}`,
    );
  }
  return unpriced('unknown_model', `no price for ${source} model ${model}; ${addModelHint(source, model)}`);
}

function addModelHint(source: SourceId, model: string): string {
  return `add prices.models { source: ${source}, model: ${model}, usd_per_mtok: … } or map the name in prices.aliases.${source} in ai-spend.yml`;
}

function unpriced(reason: UnpricedReason, hint: string): ResolvedPrice {
  return { resolution: { kind: 'unpriced', reason, hint }, rates: null };
}

function halveAllButCacheRead(rates: NullableRates): NullableRates {
  const half = (rate: number | null) => (rate === null ? null : scaleRate(rate, 1n, 2n));
  return {
    uncachedInput: half(rates.uncachedInput),
    cacheWrite5m: half(rates.cacheWrite5m),
    cacheWrite1h: half(rates.cacheWrite1h),
    cacheRead: rates.cacheRead,
    output: half(rates.output),
  };
}

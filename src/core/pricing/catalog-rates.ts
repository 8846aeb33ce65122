import { calcPrice, findProvider, type ModelPrice } from '@pydantic/genai-prices';
import type { SourceId } from '../facts.js';

/** The exact catalog package version; a test checks it against the installed package. */
export const CATALOG_VERSION = '0.1.8';
export const CATALOG_ORIGIN = `catalog:@pydantic/genai-prices@${CATALOG_VERSION}`;

/** Our source → the catalog's provider id. FOCUS rows are billed amounts and have no list price. */
const CATALOG_PROVIDERS: Record<SourceId, string | undefined> = {
  anthropic: 'anthropic',
  openai: 'openai',
  bedrock: 'aws',
  vertex: 'google',
  azure: 'azure',
  focus: undefined,
};

/**
 * Cross-provider fallbacks we trust: Azure OpenAI lists OpenAI models at OpenAI's (Global) rates.
 * Other fallbacks (Azure → DeepSeek's time-of-day rates, Vertex → Anthropic 1P) can be wrong.
 */
const ACCEPTED_FALLBACKS: Partial<Record<SourceId, readonly string[]>> = { azure: ['openai'] };

/** A catalog rate per MTok: a number, or a long-context ladder (`price` applies when input > `start`). */
export type CatalogRate = number | { base: number; tiers: ReadonlyArray<{ start: number; price: number }> };

export interface CatalogEntry {
  /** `<provider that lists it>/<catalog model id>`, e.g. `openai/gpt-4o` for an Azure fallback. */
  catalogModelId: string;
  /** The catalog provider whose list the entry comes from. */
  owner: string;
  rates: Record<'input' | 'cacheWrite5m' | 'cacheWrite1h' | 'cacheRead' | 'output', CatalogRate | undefined>;
}

export type CatalogLookup =
  | { kind: 'found'; entry: CatalogEntry }
  | { kind: 'missing' }
  | { kind: 'fallback_rejected'; catalogModelId: string };

/**
 * Rates the bundled catalog lists for `model` at `timestamp` (UTC epoch seconds). Calls `calcPrice` with
 * empty usage, which returns the rate record in force at that time and zero totals; never the totals.
 */
export function lookupCatalog(source: SourceId, model: string, timestamp: number): CatalogLookup {
  const providerId = CATALOG_PROVIDERS[source];
  if (!providerId) return { kind: 'missing' };
  let hit: ReturnType<typeof calcPrice>;
  try {
    hit = calcPrice({}, model, { providerId, timestamp: new Date(timestamp * 1000) });
  } catch {
    return { kind: 'missing' };
  }
  if (!hit) return { kind: 'missing' };
  let owner = hit.provider.id;
  if (!hit.provider.models.includes(hit.model)) {
    owner = fallbackOwner(hit.provider.fallback_model_providers ?? [], hit.model) ?? 'unknown';
    const catalogModelId = `${owner}/${hit.model.id}`;
    if (!ACCEPTED_FALLBACKS[source]?.includes(owner)) return { kind: 'fallback_rejected', catalogModelId };
  }
  const price = hit.model_price;
  return {
    kind: 'found',
    entry: {
      catalogModelId: `${owner}/${hit.model.id}`,
      owner,
      rates: {
        input: catalogRate(price, 'input_mtok'),
        cacheWrite5m: catalogRate(price, 'cache_write_mtok'),
        cacheWrite1h: catalogRate(price, 'cache_write_1h_mtok'),
        cacheRead: catalogRate(price, 'cache_read_mtok'),
        output: catalogRate(price, 'output_mtok'),
      },
    },
  };
}

function fallbackOwner(providerIds: readonly string[], model: unknown): string | undefined {
  return providerIds.find((id) => findProvider({ providerId: id })?.models.some((entry) => entry === model));
}

function catalogRate(price: ModelPrice, key: string): CatalogRate | undefined {
  const value = price[key];
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof value.base === 'number' && Array.isArray(value.tiers)) {
    return { base: value.base, tiers: value.tiers };
  }
  return undefined;
}

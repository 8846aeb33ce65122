import type { TokenCounts } from '../facts.js';
import { type CompiledPrices, compilePricesConfig, configPeriod } from './compile-prices-config.js';
import { type BigRates, estimateMicros } from './estimate-micros.js';
import { TOKEN_KINDS } from './nullable-rates.js';
import { resolvePrice } from './resolve-price.js';
import {
  EMPTY_PRICES,
  type Estimate,
  type PriceBook,
  type PriceQuery,
  type PriceResolution,
  type PricesConfig,
} from './types.js';

interface MemoEntry {
  resolution: PriceResolution;
  /** Present when priced. */
  bigRates: BigRates | null;
  /** The answer for unpriced queries, or the fields every priced estimate shares. */
  unpricedEstimate: Estimate | null;
  cardKey: string;
  catalogModelId: string;
}

const SECONDS_PER_DAY = 86_400;

/**
 * Prices usage from `prices:` config and the bundled catalog. Resolution is memoised per (source,
 * model, service tier, context window, inference geo, UTC day, config period): the inputs fully
 * decide it, so a memoised estimate is a Map lookup plus five BigInt products.
 * Throws `config_invalid` when `prices` holds a malformed rate, percent or multiplier.
 */
export function createPriceBook(prices: PricesConfig = EMPTY_PRICES): PriceBook {
  const compiled = compilePricesConfig(prices);
  const memo = new Map<string, MemoEntry>();

  const lookup = (query: PriceQuery): MemoEntry => {
    const key = memoKey(query, compiled);
    let entry = memo.get(key);
    if (!entry) {
      entry = memoEntry(query, compiled);
      memo.set(key, entry);
    }
    return entry;
  };

  return {
    resolve: (query) => lookup(query).resolution,
    estimate: (query, tokens) => estimateWith(lookup(query), tokens),
    estimator(query) {
      const entry = lookup(query);
      return (tokens) => estimateWith(entry, tokens);
    },
  };
}

function estimateWith(entry: MemoEntry, tokens: TokenCounts): Estimate {
  if (entry.unpricedEstimate) return { ...entry.unpricedEstimate };
  const resolution = entry.resolution as Extract<PriceResolution, { kind: 'priced' }>;
  const { micros, missing } = estimateMicros(entry.bigRates ?? [], resolution.multiplier, tokens);
  return missing
    ? {
        estimatedMicros: micros,
        status: 'partially_priced',
        reason: 'missing_rate',
        cardKey: entry.cardKey,
        catalogModelId: entry.catalogModelId,
      }
    : {
        estimatedMicros: micros,
        status: 'priced',
        cardKey: entry.cardKey,
        catalogModelId: entry.catalogModelId,
      };
}

function memoKey(query: PriceQuery, compiled: CompiledPrices): string {
  const day = Math.floor(query.at / SECONDS_PER_DAY);
  const period = compiled.boundaries.length === 0 ? 0 : configPeriod(compiled.boundaries, query.at);
  return `${query.source}\u0000${query.model ?? ''}\u0000${query.serviceTier ?? ''}\u0000${query.contextWindow ?? ''}\u0000${query.inferenceGeo ?? ''}\u0000${day}\u0000${period}`;
}

function memoEntry(query: PriceQuery, compiled: CompiledPrices): MemoEntry {
  const { resolution, rates } = resolvePrice(query, compiled);
  if (resolution.kind === 'unpriced' || !rates) {
    const reason = resolution.kind === 'unpriced' ? resolution.reason : 'unknown_model';
    return {
      resolution,
      bigRates: null,
      unpricedEstimate: { estimatedMicros: null, status: 'unpriced', reason },
      cardKey: '',
      catalogModelId: '',
    };
  }
  const rateList = TOKEN_KINDS.map((kind) => rates[kind]);
  const { numerator, denominator } = resolution.multiplier;
  return {
    resolution,
    bigRates: rateList.map((rate) => (rate === null ? null : BigInt(rate))),
    unpricedEstimate: null,
    // source|catalog model|origin|rates in µ$/MTok (input/5m/1h/read/output, '-' = none)|multiplier
    cardKey: [
      query.source,
      resolution.catalogModelId,
      resolution.origin,
      rateList.map((rate) => (rate === null ? '-' : String(rate))).join('/'),
      `${numerator}/${denominator}`,
    ].join('|'),
    catalogModelId: resolution.catalogModelId,
  };
}

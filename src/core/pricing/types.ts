import type { SourceId, TokenCounts } from '../facts.js';
import type { Micros } from '../money.js';

/** Integer micro-dollars per million tokens, for each way a token is priced. */
export interface RateCard {
  uncachedInput: number;
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
  cacheRead: number | null;
  output: number;
}

/** Negotiated rates and prices the catalog lacks, from the `prices:` section of ai-spend.yml. */
export interface PricesConfig {
  /** Rates for one model from `from` on (UTC epoch seconds); the latest applicable entry wins. */
  models: Array<{
    source: SourceId;
    model: string;
    from?: number;
    /** Decimal strings in USD per million tokens. */
    usdPerMtok: {
      input: string;
      output: string;
      cacheWrite5m?: string;
      cacheWrite1h?: string;
      cacheRead?: string;
    };
  }>;
  /** Negotiated discounts, applied after list price and tier multipliers. `percent` is a decimal string. */
  discounts: Array<{ source: SourceId; model?: string; percent: string; from?: number; until?: number }>;
  /** Multipliers for service tiers the catalog does not price (`priority`, `flex`, ...). */
  tiers: Array<{ source: SourceId; serviceTier: string; multiplier: string }>;
  /** Per source: the name a provider reports → the model id to price it as. */
  aliases: Partial<Record<SourceId, Record<string, string>>>;
}

export const EMPTY_PRICES: PricesConfig = { models: [], discounts: [], tiers: [], aliases: {} };

/** What to price: one fact's model and the dimensions that change its price, at a time. */
export interface PriceQuery {
  source: SourceId;
  model: string;
  serviceTier?: string;
  contextWindow?: string;
  inferenceGeo?: string;
  region?: string;
  /** When the tokens were used, UTC epoch seconds: prices are effective-dated. */
  at: number;
}

export type UnpricedReason = 'unknown_model' | 'fallback_rejected' | 'tier_not_priced' | 'no_model';

export type PriceResolution =
  | {
      kind: 'priced';
      card: RateCard;
      /** Multiplier applied to the whole card, as an exact fraction (batch = 1/2, 12% off = 88/100). */
      multiplier: { numerator: bigint; denominator: bigint };
      /** The catalog entry or config rule the card came from, e.g. `anthropic/claude-sonnet-4-5`. */
      catalogModelId: string;
      /** `catalog:@pydantic/genai-prices@0.1.8`, `config`, or `derived:<rule>`. */
      origin: string;
      /** Rules that filled gaps, e.g. `cache_write_1h=2x_input`. */
      derived: string[];
      /** True when a long-context tier may apply but the source gives no split to choose it. */
      tierUncertain: boolean;
    }
  | { kind: 'unpriced'; reason: UnpricedReason; hint: string };

export type PriceStatus = 'priced' | 'partially_priced' | 'unpriced';

/** The estimated cost of one usage fact. `estimatedMicros` is `null` when unpriced, never 0. */
export interface Estimate {
  estimatedMicros: Micros | null;
  status: PriceStatus;
  /** Why not (fully) priced, for answers and alerts. */
  reason?: UnpricedReason | 'missing_rate';
  /** Stable key of the rate card used (source|catalogModelId|origin|multiplier), stored with the fact. */
  cardKey?: string;
  catalogModelId?: string;
}

/** Resolves and applies prices. Implementations memoise per (source, model, tier, day). */
export interface PriceBook {
  resolve(query: PriceQuery): PriceResolution;
  estimate(query: PriceQuery, tokens: TokenCounts): Estimate;
  /**
   * The estimate function for one query's price (same source, model, tiers and UTC day): callers
   * pricing many facts of the same dimensions and day keep it instead of looking the price up again.
   */
  estimator(query: PriceQuery): (tokens: TokenCounts) => Estimate;
}

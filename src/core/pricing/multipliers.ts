import type { SourceId } from '../facts.js';
import { type CompiledPrices, tierKey } from './compile-prices-config.js';
import { type Fraction, HALF, multiplyFractions, ONE } from './fraction.js';

/** Tiers billed at list price. OpenAI reports `default`/`auto`; Anthropic and Bedrock `standard`. */
const LIST_PRICE_TIERS = new Set(['', 'standard', 'default', 'auto']);

/**
 * Batch (Anthropic Message Batches, OpenAI Batch API, Bedrock batch, Vertex batch) and Flex are
 * documented at 50% of standard on every provider we read.
 */
const HALF_PRICE_TIERS = new Set(['batch', 'flex']);

/**
 * The multiplier of a service tier, or `null` when nothing prices it: priority, scale, reserved and
 * similar tiers are contract- or page-priced and must come from `prices.tiers`. A `prices.tiers`
 * entry beats the built-in rules.
 */
export function serviceTierMultiplier(
  source: SourceId,
  serviceTier: string,
  tiers: CompiledPrices['tiers'],
): Fraction | null {
  const configured = tiers.get(tierKey(source, serviceTier));
  if (configured) return configured;
  if (LIST_PRICE_TIERS.has(serviceTier)) return ONE;
  if (HALF_PRICE_TIERS.has(serviceTier)) return HALF;
  return null;
}

const US_GEO_UPLIFT: Fraction = { numerator: 11n, denominator: 10n };
const OPUS_VERSION = /claude-opus-(\d+)(?:-(\d{1,2}))?(?!\d)/i;

/**
 * Anthropic data residency: `inference_geo: us` costs 1.1× on Claude Opus 4.6 and later. Only the
 * Anthropic API: cloud platforms price geography in their own list (Bedrock regional entries already
 * carry their premium).
 */
export function inferenceGeoMultiplier(source: SourceId, model: string, inferenceGeo: string): Fraction {
  if (source !== 'anthropic' || inferenceGeo !== 'us') return ONE;
  const version = OPUS_VERSION.exec(model);
  if (!version) return ONE;
  const major = Number(version[1]);
  const minor = Number(version[2] ?? '0');
  return major > 4 || (major === 4 && minor >= 6) ? US_GEO_UPLIFT : ONE;
}

/** Product of every negotiated discount for this source (and model) in force at `at`, `[from, until)`. */
export function discountMultiplier(
  discounts: CompiledPrices['discounts'],
  source: SourceId,
  models: readonly string[],
  at: number,
): Fraction {
  let factor = ONE;
  for (const discount of discounts) {
    if (discount.source !== source || at < discount.from || at >= discount.until) continue;
    if (discount.model !== undefined && !models.includes(discount.model)) continue;
    factor = multiplyFractions(factor, discount.factor);
  }
  return factor;
}

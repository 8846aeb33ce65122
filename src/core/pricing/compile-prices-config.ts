import { AiSpendError } from '../errors.js';
import type { SourceId } from '../facts.js';
import { type Fraction, fractionAfterPercentOff, fractionFromDecimal } from './fraction.js';
import type { NullableRates } from './nullable-rates.js';
import { rateFromDecimal } from './rate-from-decimal.js';
import type { PricesConfig } from './types.js';

/** `prices:` from ai-spend.yml with every decimal string parsed once into exact numbers. */
export interface CompiledPrices {
  models: Array<{ source: SourceId; model: string; from: number; rates: NullableRates }>;
  discounts: Array<{ source: SourceId; model?: string; factor: Fraction; from: number; until: number }>;
  /** Keyed `source|service tier` (tier lower-cased). */
  tiers: Map<string, Fraction>;
  aliases: PricesConfig['aliases'];
  /** Sorted instants (UTC epoch seconds) at which some entry starts or stops applying. */
  boundaries: number[];
}

/** Parses and checks `prices:`; throws `config_invalid` naming the offending path. */
export function compilePricesConfig(prices: PricesConfig): CompiledPrices {
  const boundaries = new Set<number>();
  const models = prices.models.map((entry, index) => {
    const path = `prices.models[${index}].usd_per_mtok`;
    const usd = entry.usdPerMtok;
    if (entry.from !== undefined) boundaries.add(entry.from);
    return {
      source: entry.source,
      model: entry.model,
      from: entry.from ?? Number.NEGATIVE_INFINITY,
      rates: {
        uncachedInput: parseRate(usd.input, `${path}.input`),
        cacheWrite5m: optionalRate(usd.cacheWrite5m, `${path}.cache_write_5m`),
        cacheWrite1h: optionalRate(usd.cacheWrite1h, `${path}.cache_write_1h`),
        cacheRead: optionalRate(usd.cacheRead, `${path}.cache_read`),
        output: parseRate(usd.output, `${path}.output`),
      },
    };
  });
  const discounts = prices.discounts.map((entry, index) => {
    const factor = fractionAfterPercentOff(entry.percent);
    if (!factor) invalid(`prices.discounts[${index}].percent`, entry.percent, 'a decimal from 0 to 100');
    if (entry.from !== undefined) boundaries.add(entry.from);
    if (entry.until !== undefined) boundaries.add(entry.until);
    return {
      source: entry.source,
      ...(entry.model === undefined ? {} : { model: entry.model }),
      factor,
      from: entry.from ?? Number.NEGATIVE_INFINITY,
      until: entry.until ?? Number.POSITIVE_INFINITY,
    };
  });
  const tiers = new Map<string, Fraction>();
  prices.tiers.forEach((entry, index) => {
    const multiplier = fractionFromDecimal(entry.multiplier);
    if (!multiplier)
      invalid(`prices.tiers[${index}].multiplier`, entry.multiplier, 'a decimal such as "1.8"');
    tiers.set(tierKey(entry.source, entry.serviceTier), multiplier);
  });
  return {
    models,
    discounts,
    tiers,
    aliases: prices.aliases,
    boundaries: [...boundaries].sort((a, b) => a - b),
  };
}

export function tierKey(source: SourceId, serviceTier: string): string {
  return `${source}|${serviceTier.trim().toLowerCase()}`;
}

/** How many boundaries lie at or before `at`: equal for two instants ⇔ the same config entries apply. */
export function configPeriod(boundaries: readonly number[], at: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((boundaries[middle] ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function parseRate(text: string, path: string): number {
  try {
    return rateFromDecimal(text);
  } catch {
    return invalid(path, text, 'USD per million tokens as a decimal string such as "3.30"');
  }
}

function optionalRate(text: string | undefined, path: string): number | null {
  return text === undefined ? null : parseRate(text, path);
}

function invalid(path: string, value: unknown, expected: string): never {
  throw new AiSpendError('config_invalid', `${path} is ${JSON.stringify(value)}; expected ${expected}`, {
    hint: `fix ${path} in ai-spend.yml`,
  });
}

import { describe, expect, it } from 'vitest';
import { CATALOG_ORIGIN } from '../../../src/core/pricing/catalog-rates.js';
import { createPriceBook } from '../../../src/core/pricing/price-book.js';
import type { PriceQuery } from '../../../src/core/pricing/types.js';
import { config, NOV_29, tokens, US_SONNET_45 } from './price-fixtures.js';

/** The hour of the worked example in the pricing reference (§4.5). */
const WORKED_HOUR = tokens({
  uncachedInput: 1_234_567,
  cacheRead: 8_000_000,
  cacheWrite5m: 250_000,
  output: 98_765,
});

describe('createPriceBook estimate', () => {
  const book = createPriceBook();
  const bedrockHour: PriceQuery = { source: 'bedrock', model: US_SONNET_45, at: NOV_29 };

  it('prices the worked Bedrock us. Sonnet 4.5 hour at 9,374,944 µ$ (9,374,943.6 rounded once)', () => {
    expect(book.estimate(bedrockHour, WORKED_HOUR)).toEqual({
      estimatedMicros: 9_374_944,
      status: 'priced',
      cardKey: `bedrock|aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0|${CATALOG_ORIGIN}|3300000/4125000/6600000/330000/16500000|1/1`,
      catalogModelId: 'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
  });

  it('prices the same hour as batch with 10% negotiated off at 4,218,725 µ$ (× 45/100, from 4,218,724.62)', () => {
    const discounted = createPriceBook(config({ discounts: [{ source: 'bedrock', percent: '10' }] }));
    const estimate = discounted.estimate({ ...bedrockHour, serviceTier: 'batch' }, WORKED_HOUR);
    expect(estimate.estimatedMicros).toBe(4_218_725);
    expect(estimate.cardKey?.endsWith('|9/20')).toBe(true);
    expect(discounted.resolve({ ...bedrockHour, serviceTier: 'batch' })).toMatchObject({
      multiplier: { numerator: 9n, denominator: 20n },
    });
  });

  it('prices 1,000,000 1-hour cache writes on Bedrock at 6,600,000 µ$ via the derived 2× input rate', () => {
    expect(book.estimate(bedrockHour, tokens({ cacheWrite1h: 1_000_000 })).estimatedMicros).toBe(6_600_000);
    expect(book.resolve(bedrockHour)).toMatchObject({ derived: ['cache_write_1h=2x_input'] });
  });

  it('sums 10^10 output tokens of Opus 4.1 exactly: 750,000,000,000 µ$', () => {
    const query: PriceQuery = { source: 'anthropic', model: 'claude-opus-4-1-20250805', at: NOV_29 };
    expect(book.estimate(query, tokens({ output: 10_000_000_000 })).estimatedMicros).toBe(750_000_000_000);
  });

  it('keeps pico-dollar sums past 2^53 exact: 9,999,999,999 × 3.3 $/MTok = 32,999,999,997 µ$ (…996.7)', () => {
    const estimate = book.estimate(bedrockHour, tokens({ uncachedInput: 9_999_999_999 }));
    expect(estimate.estimatedMicros).toBe(32_999_999_997);
  });

  it('rounds half to even once per row: 1 batch Haiku token → 0 µ$ (0.5), 3 tokens → 2 µ$ (1.5)', () => {
    const query: PriceQuery = {
      source: 'anthropic',
      model: 'claude-haiku-4-5-20251001',
      serviceTier: 'batch',
      at: NOV_29,
    };
    expect(book.estimate(query, tokens({ uncachedInput: 1 })).estimatedMicros).toBe(0);
    expect(book.estimate(query, tokens({ uncachedInput: 3 })).estimatedMicros).toBe(2);
  });

  it('returns null, never 0, for the unknown claude-haiku-5-5', () => {
    const query: PriceQuery = { source: 'anthropic', model: 'claude-haiku-5-5', at: NOV_29 };
    expect(book.estimate(query, tokens({ uncachedInput: 1_000 }))).toEqual({
      estimatedMicros: null,
      status: 'unpriced',
      reason: 'unknown_model',
    });
    const resolution = book.resolve(query);
    expect(resolution.kind === 'unpriced' && resolution.hint).toContain('prices.models');
  });

  it.each(['', '   '])('returns unpriced no_model for the model %j', (model) => {
    expect(book.estimate({ source: 'openai', model, at: NOV_29 }, tokens({ output: 5 }))).toEqual({
      estimatedMicros: null,
      status: 'unpriced',
      reason: 'no_model',
    });
  });

  it('counts only priced kinds when 2,000,000 gpt-4o 1-hour writes have no rate: 5,000,000 µ$, partially_priced', () => {
    const estimate = book.estimate(
      { source: 'openai', model: 'gpt-4o-2024-08-06', at: NOV_29 },
      tokens({ uncachedInput: 2_000_000, cacheWrite1h: 2_000_000 }),
    );
    expect(estimate).toMatchObject({
      estimatedMicros: 5_000_000,
      status: 'partially_priced',
      reason: 'missing_rate',
    });
  });

  it('marks 1,000 output tokens of an embedding model partially priced (no output rate)', () => {
    const query: PriceQuery = { source: 'openai', model: 'text-embedding-3-small', at: NOV_29 };
    expect(book.estimate(query, tokens({ uncachedInput: 1_000_000 }))).toMatchObject({
      estimatedMicros: 20_000,
      status: 'priced',
    });
    expect(book.estimate(query, tokens({ uncachedInput: 1_000_000, output: 1_000 }))).toMatchObject({
      estimatedMicros: 20_000,
      status: 'partially_priced',
    });
  });

  it('rejects a negative token count with input_invalid', () => {
    expect(() => book.estimate(bedrockHour, tokens({ output: -1 }))).toThrow(/non-negative integer/);
  });
});

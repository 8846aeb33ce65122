import { describe, expect, it } from 'vitest';

import { createPriceBook } from '../../../src/core/pricing/price-book.js';
import type { PriceQuery } from '../../../src/core/pricing/types.js';
import { at, card, config, NOV_29, priced, tokens } from './price-fixtures.js';

describe('createPriceBook service tiers and multipliers', () => {
  const gpt5 = (serviceTier?: string): PriceQuery => ({
    source: 'openai',
    model: 'gpt-5-2025-08-07',
    at: NOV_29,
    ...(serviceTier === undefined ? {} : { serviceTier }),
  });
  const million = tokens({ uncachedInput: 1_000_000, output: 1_000_000 });

  it.each([[undefined], ['default'], ['auto'], ['standard'], ['']])(
    'prices gpt-5 tier %j at list: 11,250,000 µ$',
    (tier) => {
      expect(createPriceBook().estimate(gpt5(tier), million).estimatedMicros).toBe(11_250_000);
    },
  );

  it.each([['batch'], ['flex'], ['Flex']])('prices gpt-5 tier %j at half: 5,625,000 µ$', (tier) => {
    expect(createPriceBook().estimate(gpt5(tier), million).estimatedMicros).toBe(5_625_000);
  });

  it('leaves priority unpriced (tier_not_priced) without a prices.tiers entry', () => {
    const book = createPriceBook();
    expect(book.estimate(gpt5('priority'), million)).toEqual({
      estimatedMicros: null,
      status: 'unpriced',
      reason: 'tier_not_priced',
    });
    const resolution = book.resolve(gpt5('priority'));
    expect(resolution.kind === 'unpriced' && resolution.hint).toContain('prices.tiers');
  });

  it('prices priority at 2× (22,500,000 µ$) with prices.tiers multiplier "2"', () => {
    const book = createPriceBook(
      config({ tiers: [{ source: 'openai', serviceTier: 'priority', multiplier: '2' }] }),
    );
    expect(book.estimate(gpt5('priority'), million)).toMatchObject({
      estimatedMicros: 22_500_000,
      status: 'priced',
    });
  });

  it('lets prices.tiers "0.6" override the built-in batch half: 6,750,000 µ$', () => {
    const book = createPriceBook(
      config({ tiers: [{ source: 'openai', serviceTier: 'batch', multiplier: '0.6' }] }),
    );
    expect(book.estimate(gpt5('batch'), million).estimatedMicros).toBe(6_750_000);
  });

  it('adds 10% for inference_geo us on claude-opus-4-6 (33,000,000 µ$) but not on claude-opus-4-1', () => {
    const book = createPriceBook();
    const opus46: PriceQuery = {
      source: 'anthropic',
      model: 'claude-opus-4-6',
      inferenceGeo: 'us',
      at: NOV_29,
    };
    expect(book.estimate(opus46, million).estimatedMicros).toBe(33_000_000);
    expect(book.estimate({ ...opus46, inferenceGeo: 'global' }, million).estimatedMicros).toBe(30_000_000);
    const opus41 = { ...opus46, model: 'claude-opus-4-1-20250805' };
    expect(book.estimate(opus41, million).estimatedMicros).toBe(90_000_000);
  });

  it('keeps Vertex Gemini batch cache reads at their own rate while halving the rest', () => {
    const query: PriceQuery = {
      source: 'vertex',
      model: 'gemini-2.5-flash',
      serviceTier: 'batch',
      at: NOV_29,
    };
    const resolution = priced(query);
    expect(resolution.card).toEqual(card(150_000, null, null, 30_000, 1_250_000));
    expect(resolution.derived).toContain('vertex_batch=0.5x_except_cache_read');
  });

  it('applies a discount inside [from, until) only, and composes two: 12% and 5% → 836/1000', () => {
    const book = createPriceBook(
      config({
        discounts: [
          {
            source: 'openai',
            percent: '12',
            from: at('2026-07-01T00:00:00Z'),
            until: at('2026-12-01T00:00:00Z'),
          },
          { source: 'openai', model: 'gpt-5-2025-08-07', percent: '5' },
          { source: 'openai', model: 'gpt-4o', percent: '50' },
        ],
      }),
    );
    expect(book.estimate(gpt5(), million).estimatedMicros).toBe(9_405_000);
    expect(book.estimate({ ...gpt5(), at: at('2026-12-01T00:00:00Z') }, million).estimatedMicros).toBe(
      10_687_500,
    );
  });
});

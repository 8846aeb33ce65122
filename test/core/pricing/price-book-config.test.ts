import { describe, expect, it } from 'vitest';
import { CATALOG_ORIGIN } from '../../../src/core/pricing/catalog-rates.js';
import { createPriceBook } from '../../../src/core/pricing/price-book.js';
import type { PriceQuery } from '../../../src/core/pricing/types.js';
import { at, card, config, NOV_29, priced, tokens } from './price-fixtures.js';

describe('createPriceBook config', () => {
  const override = (from?: number) => ({
    source: 'anthropic' as const,
    model: 'claude-sonnet-4-5-20250929',
    ...(from === undefined ? {} : { from }),
    usdPerMtok: { input: '2.5', output: '12.5', cacheRead: '0.25' },
  });

  it('lets prices.models beat the catalog: 2.5 / 12.5 $/MTok, origin config, flat', () => {
    const resolution = priced(
      { source: 'anthropic', model: 'claude-sonnet-4-5-20250929', at: NOV_29 },
      config({ models: [override()] }),
    );
    expect(resolution.card).toEqual(card(2.5e6, 3.125e6, 5e6, 250_000, 12.5e6));
    expect(resolution.origin).toBe('config');
    expect(resolution.catalogModelId).toBe('anthropic/claude-sonnet-4-5-20250929');
    expect(resolution.derived).toEqual(['cache_write_5m=1.25x_input', 'cache_write_1h=2x_input']);
    expect(resolution.tierUncertain).toBe(false);
  });

  it('prices an unknown model from prices.models from its date on, and not before', () => {
    const from = at('2026-10-15T12:00:00Z');
    const book = createPriceBook(
      config({
        models: [
          {
            source: 'anthropic',
            model: 'claude-haiku-5-5',
            from,
            usdPerMtok: { input: '0.10', output: '0.50' },
          },
        ],
      }),
    );
    const query: PriceQuery = { source: 'anthropic', model: 'claude-haiku-5-5', at: from };
    const used = tokens({ uncachedInput: 1_000_000, output: 1_000_000 });
    expect(book.estimate(query, used)).toMatchObject({ estimatedMicros: 600_000, status: 'priced' });
    // Same UTC day, an hour earlier: the memo must not carry the later answer back.
    expect(book.estimate({ ...query, at: from - 3_600 }, used).status).toBe('unpriced');
  });

  it('uses the latest prices.models entry whose from is not after the usage', () => {
    const book = createPriceBook(
      config({
        models: [
          override(at('2026-01-01T00:00:00Z')),
          { ...override(at('2026-06-01T00:00:00Z')), usdPerMtok: { input: '2', output: '10' } },
        ],
      }),
    );
    const query: PriceQuery = { source: 'anthropic', model: 'claude-sonnet-4-5-20250929', at: NOV_29 };
    expect(book.resolve(query)).toMatchObject({ card: { uncachedInput: 2_000_000, output: 10_000_000 } });
    expect(book.resolve({ ...query, at: at('2026-03-01T00:00:00Z') })).toMatchObject({
      card: { uncachedInput: 2_500_000 },
    });
    expect(book.resolve({ ...query, at: at('2025-12-31T00:00:00Z') })).toMatchObject({
      origin: CATALOG_ORIGIN,
    });
  });

  it('prices an Azure deployment through prices.aliases as openai/gpt-4o, and leaves it unknown without', () => {
    const query: PriceQuery = { source: 'azure', model: 'my-gpt4o-prod', at: NOV_29 };
    const aliased = createPriceBook(config({ aliases: { azure: { 'my-gpt4o-prod': 'gpt-4o-2024-11-20' } } }));
    expect(aliased.resolve(query)).toMatchObject({ kind: 'priced', catalogModelId: 'openai/gpt-4o' });
    expect(createPriceBook().resolve(query)).toMatchObject({ kind: 'unpriced', reason: 'unknown_model' });
  });

  it('rejects cross-provider fallbacks other than Azure → OpenAI (Azure DeepSeek-R1, Vertex Haiku 4.5)', () => {
    const book = createPriceBook();
    expect(book.resolve({ source: 'azure', model: 'DeepSeek-R1', at: NOV_29 })).toMatchObject({
      kind: 'unpriced',
      reason: 'fallback_rejected',
    });
    expect(
      book.estimate(
        { source: 'vertex', model: 'claude-haiku-4-5@20251001', at: NOV_29 },
        tokens({ output: 1 }),
      ),
    ).toEqual({
      estimatedMicros: null,
      status: 'unpriced',
      reason: 'fallback_rejected',
    });
  });

  it('throws config_invalid naming prices.discounts[0].percent for "abc"', () => {
    expect(() => createPriceBook(config({ discounts: [{ source: 'openai', percent: 'abc' }] }))).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        hint: 'fix prices.discounts[0].percent in ai-spend.yml',
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { SourceId } from '../../../src/core/facts.js';
import { CATALOG_ORIGIN } from '../../../src/core/pricing/catalog-rates.js';
import type { RateCard } from '../../../src/core/pricing/types.js';
import { at, card, NOV_29, priced, US_SONNET_45 } from './price-fixtures.js';

describe('createPriceBook catalog rates (µ$/MTok)', () => {
  it.each<[SourceId, string, string, string, RateCard, string[], boolean]>([
    [
      'anthropic',
      'claude-sonnet-4-5-20250929',
      '2026-11-29',
      'anthropic/claude-sonnet-4-5',
      card(3e6, 3.75e6, 6e6, 3e5, 15e6),
      [],
      true,
    ],
    [
      'anthropic',
      'claude-haiku-4-5-20251001',
      '2026-11-29',
      'anthropic/claude-haiku-4-5',
      card(1e6, 1.25e6, 2e6, 1e5, 5e6),
      [],
      false,
    ],
    [
      'anthropic',
      'claude-opus-4-1-20250805',
      '2026-11-29',
      'anthropic/claude-opus-4-1',
      card(15e6, 18.75e6, 30e6, 1.5e6, 75e6),
      [],
      false,
    ],
    [
      'anthropic',
      'claude-sonnet-4-6',
      '2026-11-29',
      'anthropic/claude-sonnet-4-6',
      card(3e6, 3.75e6, 6e6, 3e5, 15e6),
      [],
      false,
    ],
    [
      'anthropic',
      'claude-sonnet-4-6',
      '2026-03-12',
      'anthropic/claude-sonnet-4-6',
      card(3e6, 3.75e6, 6e6, 3e5, 15e6),
      [],
      true,
    ],
    [
      'openai',
      'gpt-4o-2024-08-06',
      '2026-11-29',
      'openai/gpt-4o',
      card(2.5e6, 2.5e6, null, 1.25e6, 10e6),
      ['cache_write=input'],
      false,
    ],
    [
      'openai',
      'gpt-5-mini',
      '2026-11-29',
      'openai/gpt-5-mini',
      card(250_000, 250_000, null, 25_000, 2e6),
      ['cache_write=input'],
      false,
    ],
    [
      'openai',
      'gpt-4.1-2025-04-14',
      '2026-11-29',
      'openai/gpt-4.1',
      card(2e6, 2e6, null, 5e5, 8e6),
      ['cache_write=input'],
      false,
    ],
    [
      'openai',
      'gpt-5.4',
      '2026-11-29',
      'openai/gpt-5.4',
      card(2.5e6, 2.5e6, null, 2.5e5, 15e6),
      ['cache_write=input'],
      true,
    ],
    [
      'openai',
      'o3-2025-04-16',
      '2025-06-09T23:59:59',
      'openai/o3',
      card(10e6, 10e6, null, 5e5, 40e6),
      ['cache_write=input'],
      false,
    ],
    [
      'openai',
      'o3-2025-04-16',
      '2025-06-10T00:00:00',
      'openai/o3',
      card(2e6, 2e6, null, 5e5, 8e6),
      ['cache_write=input'],
      false,
    ],
    [
      'openai',
      'text-embedding-3-small',
      '2026-11-29',
      'openai/text-embedding-3-small',
      card(20_000, null, null, null, 0),
      ['no_output_rate'],
      false,
    ],
    [
      'bedrock',
      US_SONNET_45,
      '2026-11-29',
      'aws/regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
      card(3.3e6, 4.125e6, 6.6e6, 330_000, 16.5e6),
      ['cache_write_1h=2x_input'],
      false,
    ],
    [
      'bedrock',
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      '2026-11-29',
      'aws/global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      card(3e6, 3.75e6, 6e6, 3e5, 15e6),
      ['cache_write_1h=2x_input'],
      false,
    ],
    [
      'bedrock',
      'meta.llama3-3-70b-instruct-v1:0',
      '2026-11-29',
      'aws/meta.llama3-3-70b-instruct-v1:0',
      card(720_000, null, null, null, 720_000),
      [],
      false,
    ],
    [
      'vertex',
      'claude-sonnet-4-5@20250929',
      '2026-11-29',
      'google/claude-sonnet-4-5',
      card(3e6, 3.75e6, 6e6, 3e5, 15e6),
      ['cache_write_1h=2x_input'],
      true,
    ],
    [
      'vertex',
      'publishers/google/models/gemini-2.5-flash',
      '2026-11-29',
      'google/gemini-2.5-flash',
      card(3e5, null, null, 30_000, 2.5e6),
      [],
      false,
    ],
    [
      'azure',
      'gpt-4o-2024-11-20',
      '2026-11-29',
      'openai/gpt-4o',
      card(2.5e6, 2.5e6, null, 1.25e6, 10e6),
      ['cache_write=input'],
      false,
    ],
    [
      'azure',
      'o3-mini',
      '2026-11-29',
      'azure/o3-mini',
      card(1.1e6, 1.1e6, null, 550_000, 4.4e6),
      ['cache_write=input'],
      false,
    ],
  ])('%s %s at %s → %s', (source, model, day, catalogModelId, expected, derived, tierUncertain) => {
    const resolution = priced({ source, model, at: at(`${day.length === 10 ? `${day}T12:00:00` : day}Z`) });
    expect(resolution.card).toEqual(expected);
    expect(resolution.catalogModelId).toBe(catalogModelId);
    expect(resolution.derived).toEqual(derived);
    expect(resolution.tierUncertain).toBe(tierUncertain);
    expect(resolution.origin).toBe(CATALOG_ORIGIN);
    expect(resolution.multiplier).toEqual({ numerator: 1n, denominator: 1n });
  });

  it("prices claude-sonnet-4-5 at 6 / 22.5 $/MTok in Anthropic's 200k-1M context window", () => {
    const long = priced({
      source: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      contextWindow: '200k-1M',
      at: NOV_29,
    });
    expect(long.card).toEqual(card(6e6, 7.5e6, 12e6, 6e5, 22.5e6));
    expect(long.tierUncertain).toBe(false);
    const short = priced({
      source: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      contextWindow: '0-200k',
      at: NOV_29,
    });
    expect(short.card).toEqual(card(3e6, 3.75e6, 6e6, 3e5, 15e6));
    expect(short.tierUncertain).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compilePricesConfig, configPeriod } from '../../../src/core/pricing/compile-prices-config.js';
import { EMPTY_PRICES, type PricesConfig } from '../../../src/core/pricing/types.js';

const config = (prices: Partial<PricesConfig>): PricesConfig => ({ ...EMPTY_PRICES, ...prices });

describe('compilePricesConfig', () => {
  it('parses "0.10" $/MTok into 100,000 µ$/MTok and leaves absent cache rates null', () => {
    const compiled = compilePricesConfig(
      config({
        models: [
          { source: 'openai', model: 'm', usdPerMtok: { input: '0.10', output: '0.4', cacheRead: '0.025' } },
        ],
      }),
    );
    expect(compiled.models[0]?.rates).toEqual({
      uncachedInput: 100_000,
      cacheWrite5m: null,
      cacheWrite1h: null,
      cacheRead: 25_000,
      output: 400_000,
    });
  });

  it('collects the sorted boundaries 100, 200, 300 from models and discounts', () => {
    const compiled = compilePricesConfig(
      config({
        models: [{ source: 'openai', model: 'm', from: 300, usdPerMtok: { input: '1', output: '1' } }],
        discounts: [{ source: 'openai', percent: '5', from: 100, until: 200 }],
      }),
    );
    expect(compiled.boundaries).toEqual([100, 200, 300]);
  });

  it.each<[string, Partial<PricesConfig>, string]>([
    [
      'a negative input rate',
      { models: [{ source: 'openai', model: 'm', usdPerMtok: { input: '-1', output: '1' } }] },
      'prices.models[0].usd_per_mtok.input',
    ],
    [
      'a non-decimal 1 h rate',
      {
        models: [
          { source: 'openai', model: 'm', usdPerMtok: { input: '1', output: '1', cacheWrite1h: 'two' } },
        ],
      },
      'prices.models[0].usd_per_mtok.cache_write_1h',
    ],
    [
      'a 120% discount',
      { discounts: [{ source: 'bedrock', percent: '120' }] },
      'prices.discounts[0].percent',
    ],
    [
      'a multiplier of "x2"',
      { tiers: [{ source: 'anthropic', serviceTier: 'priority', multiplier: 'x2' }] },
      'prices.tiers[0].multiplier',
    ],
  ])('rejects %s with config_invalid at %s', (_name, prices, path) => {
    expect(() => compilePricesConfig(config(prices))).toThrow(
      expect.objectContaining({ code: 'config_invalid', hint: `fix ${path} in ai-spend.yml` }),
    );
  });
});

describe('configPeriod', () => {
  it.each([
    [99, 0],
    [100, 1],
    [199, 1],
    [200, 2],
    [1_000, 3],
  ])('places %i after %i of the boundaries [100, 200, 300]', (at, period) => {
    expect(configPeriod([100, 200, 300], at)).toBe(period);
  });
});

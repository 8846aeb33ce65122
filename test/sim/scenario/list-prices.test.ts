import { describe, expect, it } from 'vitest';
import { anthropicRates, lineCostMicros, openAiRates } from '../../../src/sim/scenario/list-prices.js';

describe('lineCostMicros', () => {
  it.each([
    [1_000_000, 3_000_000, 3_000_000],
    [1, 3_000_000, 3],
    [1, 2_500_000, 2], // 2.5 → 2 (half to even)
    [3, 2_500_000, 8], // 7.5 → 8
    [1, 12_500, 0], // 0.0125
    [40, 12_500, 0], // 0.5 → 0
    [120, 12_500, 2], // 1.5 → 2
    [2_000_000_000_000, 75_000_000, 150_000_000_000_000],
  ])('%i tokens at %i µ$/MTok cost %i µ$', (tokens, rate, expected) => {
    expect(lineCostMicros(tokens, rate)).toBe(expected);
  });
});

describe('list rates', () => {
  it('halves every Anthropic rate for batch: Opus 4.1 5m cache writes cost $9.375/MTok', () => {
    expect(anthropicRates('claude-opus-4-1-20250805', { batch: true, longContext: false })).toEqual({
      input: 7_500_000,
      cacheWrite5m: 9_375_000,
      cacheWrite1h: 15_000_000,
      cacheRead: 750_000,
      output: 37_500_000,
    });
  });

  it('uses the long-context tier only where the model has one (Sonnet 4.5 yes, Haiku 4.5 no)', () => {
    expect(anthropicRates('claude-sonnet-4-5-20250929', { batch: false, longContext: true }).output).toBe(
      22_500_000,
    );
    expect(anthropicRates('claude-haiku-4-5-20251001', { batch: false, longContext: true }).output).toBe(
      5_000_000,
    );
  });

  it('halves OpenAI rates for the Batch API: gpt-5-mini cached input $0.0125/MTok', () => {
    expect(openAiRates('gpt-5-mini', { batch: true })).toEqual({
      input: 125_000,
      cachedInput: 12_500,
      output: 1_000_000,
    });
  });

  it('refuses a model without a list price', () => {
    expect(() => openAiRates('gpt-9', { batch: false })).toThrow(/gpt-9/);
  });
});

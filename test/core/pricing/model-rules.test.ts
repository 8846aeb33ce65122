import { describe, expect, it } from 'vitest';
import { deriveMissingRates, modelFamily } from '../../../src/core/pricing/derive-missing-rates.js';
import { inferenceGeoMultiplier } from '../../../src/core/pricing/multipliers.js';
import { normalizeModelId } from '../../../src/core/pricing/normalize-model-id.js';
import { contextWindowLowerBound } from '../../../src/core/pricing/select-context-tier.js';

describe('normalizeModelId', () => {
  it.each([
    ['projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['publishers/anthropic/models/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5@20250929'],
    [
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      'anthropic.claude-3-haiku-20240307-v1:0',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0',
      'us.amazon.nova-pro-v1:0',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    ],
    ['  gpt-4o  ', 'gpt-4o'],
  ])('maps %s to %s', (reported, expected) => {
    expect(normalizeModelId(reported)).toBe(expected);
  });
});

describe('contextWindowLowerBound', () => {
  it.each([
    ['0-200k', 0],
    ['200k-1M', 200_000],
    ['272K-1m', 272_000],
    ['1M-2M', 1_000_000],
    [undefined, null],
    ['long', null],
  ])('reads %j as %j input tokens', (window, bound) => {
    expect(contextWindowLowerBound(window)).toBe(bound);
  });
});

describe('inferenceGeoMultiplier', () => {
  it.each([
    ['claude-opus-4-6', 'us', '11/10'],
    ['claude-opus-4-7-20260101', 'us', '11/10'],
    ['claude-opus-5', 'us', '11/10'],
    ['claude-opus-4-5-20251101', 'us', '1/1'],
    ['claude-opus-4-20250514', 'us', '1/1'],
    ['claude-sonnet-4-6', 'us', '1/1'],
    ['claude-opus-4-6', 'global', '1/1'],
  ])('applies %s with geo %s as %s', (model, geo, expected) => {
    const { numerator, denominator } = inferenceGeoMultiplier('anthropic', model, geo);
    expect(`${numerator}/${denominator}`).toBe(expected);
  });

  it('leaves Bedrock Opus 4.6 in a us geo at 1/1 (its list already prices geography)', () => {
    expect(inferenceGeoMultiplier('bedrock', 'us.anthropic.claude-opus-4-6-v1', 'us')).toEqual({
      numerator: 1n,
      denominator: 1n,
    });
  });
});

describe('deriveMissingRates', () => {
  const rates = {
    uncachedInput: 1_100_001,
    cacheWrite5m: null,
    cacheWrite1h: null,
    cacheRead: null,
    output: 5_500_000,
  };

  it('derives Claude writes 1.25× (1,375,001 after half-even) and 2× input, never a cache read', () => {
    expect(deriveMissingRates(rates, 'claude')).toEqual({
      rates: { ...rates, cacheWrite5m: 1_375_001, cacheWrite1h: 2_200_002 },
      derived: ['cache_write_5m=1.25x_input', 'cache_write_1h=2x_input'],
    });
  });

  it('derives nothing for other families or OpenAI models without a cache-read rate', () => {
    expect(deriveMissingRates(rates, 'other')).toEqual({ rates, derived: [] });
    expect(deriveMissingRates(rates, 'openai')).toEqual({ rates, derived: [] });
  });

  it.each([
    ['anthropic', 'claude-haiku-4-5', 'claude'],
    ['aws', 'regional.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude'],
    ['openai', 'gpt-4o', 'openai'],
    ['azure', 'o3-mini', 'openai'],
    ['azure', 'phi-4', 'other'],
    ['google', 'gemini-2.5-pro', 'other'],
  ])('puts %s %s in the %s family', (owner, model, family) => {
    expect(modelFamily(owner, model)).toBe(family);
  });
});

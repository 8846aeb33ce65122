import { describe, expect, it } from 'vitest';
import {
  BEDROCK_MODELS,
  bedrockModel,
  perMinuteQuotaName,
  quotaScope,
} from '../../../../src/sim/scenario/bedrock/bedrock-models.js';
import { lineCostMicros } from '../../../../src/sim/scenario/list-prices.js';

describe('BEDROCK_MODELS', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 3_300_000, 4_125_000, 330_000, 16_500_000],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 3_000_000, 3_750_000, 300_000, 15_000_000],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 1_100_000, 1_375_000, 110_000, 5_500_000],
    ['anthropic.claude-3-haiku-20240307-v1:0', 250_000, null, null, 1_250_000],
    ['us.amazon.nova-pro-v1:0', 800_000, null, 200_000, 3_200_000],
    ['meta.llama3-3-70b-instruct-v1:0', 720_000, null, null, 720_000],
  ])(
    'prices %s at input %i, cache write %s, cache read %s, output %i µ$/MTok',
    (id, input, write, read, output) => {
      expect(bedrockModel(id).rates).toEqual({ input, cacheWrite: write, cacheRead: read, output });
    },
  );

  it('charges the us. geo profile of Sonnet 4.5 exactly 10% more than global on every token kind', () => {
    const geo = bedrockModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0').rates;
    const global = bedrockModel('global.anthropic.claude-sonnet-4-5-20250929-v1:0').rates;
    for (const kind of ['input', 'cacheWrite', 'cacheRead', 'output'] as const) {
      expect(geo[kind]).toBe(Math.round(global[kind]! * 1.1));
    }
  });

  it('bills 1,234,567 us. Sonnet 4.5 output tokens at $20.370356 (half to even)', () => {
    expect(
      lineCostMicros(1_234_567, bedrockModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0').rates.output),
    ).toBe(20_370_356);
  });

  it('burns 5 quota tokens per output token on Claude 4.x and 1 elsewhere', () => {
    const burndown = Object.fromEntries(
      Object.entries(BEDROCK_MODELS).map(([id, m]) => [id, m.outputBurndown]),
    );
    expect(burndown).toEqual({
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0': 5,
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0': 5,
      'us.anthropic.claude-haiku-4-5-20251001-v1:0': 5,
      'anthropic.claude-3-haiku-20240307-v1:0': 1,
      'us.amazon.nova-pro-v1:0': 1,
      'meta.llama3-3-70b-instruct-v1:0': 1,
    });
  });

  it('refuses an id without a scenario price', () => {
    expect(() => bedrockModel('anthropic.claude-opus-4-1-20250805-v1:0')).toThrow(
      /no scenario Bedrock model/,
    );
  });
});

describe('quota names', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', 'On-demand'],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'Cross-Region'],
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'Cross-Region'],
    ['apac.anthropic.claude-sonnet-4-20250514-v1:0', 'Cross-Region'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'Global cross-Region'],
    ['meta.llama3-3-70b-instruct-v1:0', 'On-demand'],
  ])('puts %s in the %s family', (id, scope) => {
    expect(quotaScope(id)).toBe(scope);
  });

  it('words per-minute quotas as AWS does', () => {
    expect(perMinuteQuotaName('anthropic.claude-3-haiku-20240307-v1:0', 'tokens')).toBe(
      'On-demand InvokeModel tokens per minute for Anthropic Claude 3 Haiku',
    );
    expect(perMinuteQuotaName('us.anthropic.claude-haiku-4-5-20251001-v1:0', 'tokens')).toBe(
      'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
    );
    expect(perMinuteQuotaName('global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'requests')).toBe(
      'Global cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.5',
    );
  });
});

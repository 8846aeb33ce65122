import { describe, expect, it } from 'vitest';
import { parseQuotaName } from '../../../../src/collectors/bedrock/quotas/parse-quota-name.js';

describe('parseQuotaName', () => {
  it.each([
    [
      'On-demand InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5',
      { inferenceType: 'on_demand', unit: 'tokens_per_minute', modelName: 'Anthropic Claude Sonnet 4.5' },
    ],
    [
      'On-demand model inference tokens per minute for Amazon Nova Pro',
      { inferenceType: 'on_demand', unit: 'tokens_per_minute', modelName: 'Amazon Nova Pro' },
    ],
    [
      'On-demand model inference requests per minute for Meta Llama 3.3 70B Instruct',
      { inferenceType: 'on_demand', unit: 'requests_per_minute', modelName: 'Meta Llama 3.3 70B Instruct' },
    ],
    [
      'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
      { inferenceType: 'cross_region', unit: 'tokens_per_minute', modelName: 'Anthropic Claude Sonnet 4.6' },
    ],
    [
      'Cross-region model inference requests per minute for Anthropic Claude 3.5 Haiku',
      { inferenceType: 'cross_region', unit: 'requests_per_minute', modelName: 'Anthropic Claude 3.5 Haiku' },
    ],
    [
      'Global cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
      { inferenceType: 'global', unit: 'tokens_per_minute', modelName: 'Anthropic Claude Sonnet 4.6' },
    ],
    [
      'Global Cross-Region model inference requests per minute for Anthropic Claude Haiku 4.5',
      { inferenceType: 'global', unit: 'requests_per_minute', modelName: 'Anthropic Claude Haiku 4.5' },
    ],
  ])('parses %s', (name, expected) => {
    expect(parseQuotaName(name)).toEqual(expected);
  });

  it.each([
    'Model invocation max tokens per day for Anthropic Claude Sonnet 4.6',
    'Cross-Model Max Tokens Per Day',
    'Batch inference job size (in GB)',
    'Model units per provisioned model for Anthropic Claude 3 Haiku 200K',
    'On-demand latency-optimized InvokeModel tokens per minute for Anthropic Claude 3.5 Haiku',
    'Bedrock Mantle input tokens per minute for OpenAI gpt-oss-120b',
    'Cross-Region InvokeModel tokens per day for Anthropic Claude Sonnet 4.6',
  ])('ignores %s', (name) => {
    expect(parseQuotaName(name)).toBeUndefined();
  });
});

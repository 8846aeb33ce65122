import { describe, expect, it } from 'vitest';
import { modelIdKey, quotaModelKey } from '../../../../src/collectors/bedrock/quotas/quota-model-key.js';
import { inferenceTypeOf } from '../../../../src/core/inference-type.js';

describe('quotaModelKey and modelIdKey', () => {
  it.each([
    ['Anthropic Claude Sonnet 4.5', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['Anthropic Claude 3.5 Haiku', 'anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku'],
    ['Anthropic Claude Haiku 4.5', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['Amazon Nova Pro', 'amazon.nova-pro-v1:0', 'nova-pro'],
    ['Meta Llama 3.3 70B Instruct', 'meta.llama3-3-70b-instruct-v1:0', 'llama3-3-70b-instruct'],
    ['Anthropic Claude Sonnet 4.6', 'us.anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['Anthropic Claude Sonnet 4.6', 'global.anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['Anthropic Claude 3.5 Sonnet V2', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet-v2'],
    ['Anthropic Claude 3.5 Sonnet', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['Anthropic Claude 3 Haiku', 'anthropic.claude-3-haiku-20240307-v1:0:200k', 'claude-3-haiku'],
    ['Cohere Command R+', 'cohere.command-r-plus-v1:0', 'command-r-plus'],
    ['DeepSeek R1', 'us.deepseek.r1-v1:0', 'r1'],
    ['OpenAI gpt-oss-120b', 'openai.gpt-oss-120b-1:0', 'gpt-oss-120b'],
    [
      'Anthropic Claude Sonnet 4 (doubled for cross-region calls)',
      'anthropic.claude-sonnet-4-20250514-v1:0',
      'claude-sonnet-4',
    ],
    [
      'Anthropic Claude Sonnet 4.5',
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      'claude-sonnet-4-5',
    ],
  ])('%s and %s both key as %s', (displayName, modelId, key) => {
    expect(quotaModelKey(displayName)).toBe(key);
    expect(modelIdKey(modelId)).toBe(key);
  });

  it('keeps Claude 3.5 Sonnet and Claude 3.5 Sonnet V2 apart', () => {
    expect(modelIdKey('anthropic.claude-3-5-sonnet-20241022-v2:0')).not.toBe(
      quotaModelKey('Anthropic Claude 3.5 Sonnet'),
    );
  });
});

describe('inferenceTypeOf', () => {
  it.each([
    ['anthropic.claude-haiku-4-5-20251001-v1:0', 'on_demand'],
    ['amazon.nova-pro-v1:0', 'on_demand'],
    ['us.anthropic.claude-sonnet-4-6', 'cross_region'],
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'cross_region'],
    ['apac.amazon.nova-pro-v1:0', 'cross_region'],
    ['jp.anthropic.claude-haiku-4-5-20251001-v1:0', 'cross_region'],
    ['au.anthropic.claude-sonnet-4-5-20250929-v1:0', 'cross_region'],
    ['ca.anthropic.claude-sonnet-4-5-20250929-v1:0', 'cross_region'],
    ['us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0', 'cross_region'],
    ['global.anthropic.claude-sonnet-4-6', 'global'],
    [
      'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-6',
      'cross_region',
    ],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6', 'on_demand'],
  ])('%s needs a %s quota', (modelId, inferenceType) => {
    expect(inferenceTypeOf(modelId)).toBe(inferenceType);
  });
});

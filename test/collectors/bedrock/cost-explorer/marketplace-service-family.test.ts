import { describe, expect, it } from 'vitest';
import { marketplaceServiceFamily } from '../../../../src/collectors/bedrock/cost-explorer/marketplace-service-family.js';
import { modelFamily } from '../../../../src/core/model-family.js';

describe('marketplaceServiceFamily', () => {
  it.each([
    ['Claude Sonnet 4.5 (Amazon Bedrock Edition)', 'claude-sonnet-4-5'],
    ['Claude 4.6 Sonnet (Amazon Bedrock Edition)', 'claude-sonnet-4-6'],
    ['Claude 3 Haiku (Amazon Bedrock Edition)', 'claude-3-haiku'],
    ['Claude 3.5 Sonnet v2 (Amazon Bedrock Edition)', 'claude-3-5-sonnet'],
    ['Claude 3.7 Sonnet (Amazon Bedrock Edition)', 'claude-3-7-sonnet'],
    ['Claude Opus 4.1 (Amazon Bedrock Edition)', 'claude-opus-4-1'],
    ['Claude Sonnet 4 (Amazon Bedrock Edition)', 'claude-sonnet-4'],
    ['Claude Haiku 4.5 (Amazon Bedrock Edition)', 'claude-haiku-4-5'],
    ['Claude Instant (Amazon Bedrock Edition)', 'claude-instant'],
  ])('reads "%s" as the family %s', (service, family) => {
    expect(marketplaceServiceFamily(service)).toBe(family);
  });

  it.each(['Amazon Bedrock', 'Amazon Elastic Compute Cloud - Compute', ' (Amazon Bedrock Edition)'])(
    'names no model for "%s"',
    (service) => {
      expect(marketplaceServiceFamily(service)).toBeUndefined();
    },
  );

  it.each([
    ['Claude Sonnet 4.5 (Amazon Bedrock Edition)', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['Claude 3 Haiku (Amazon Bedrock Edition)', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['Claude 3.5 Sonnet v2 (Amazon Bedrock Edition)', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'],
  ])('matches "%s" to the usage of model id %s', (service, modelId) => {
    expect(marketplaceServiceFamily(service)).toBe(modelFamily(modelId));
  });
});

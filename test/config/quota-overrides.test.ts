import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { quotaOverrides } from '../../src/config/quota-overrides.js';

describe('quotaOverrides', () => {
  it('turns sources.bedrock.quotas into config quota limits, one per unit given, with the inference type', () => {
    const config = loadConfig({
      path: 'ai-spend.yml',
      env: {},
      text: `sources:
  bedrock:
    regions: [us-east-1]
    quotas:
      - { region: us-east-1, model: us.anthropic.claude-sonnet-4-5-20250929-v1:0, tokens_per_minute: 4000000, requests_per_minute: 200 }
      - { region: us-east-1, model: anthropic.claude-haiku-4-5-20251001-v1:0, tokens_per_minute: 500000 }
`,
    });
    expect(quotaOverrides(config)).toEqual([
      {
        region: 'us-east-1',
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        unit: 'tokens_per_minute',
        value: 4_000_000,
        inferenceType: 'cross_region',
        origin: 'config',
      },
      {
        region: 'us-east-1',
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        unit: 'requests_per_minute',
        value: 200,
        inferenceType: 'cross_region',
        origin: 'config',
      },
      {
        region: 'us-east-1',
        model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
        unit: 'tokens_per_minute',
        value: 500_000,
        inferenceType: 'on_demand',
        origin: 'config',
      },
    ]);
  });

  it('is empty without Bedrock quotas', () => {
    expect(quotaOverrides(loadConfig({ path: 'ai-spend.yml', env: {}, text: 'teams: {}\n' }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { bedrockQuotas, quotaCode } from '../../../../src/sim/scenario/bedrock/bedrock-quotas.js';

const quotas = bedrockQuotas(2_000_000);
const named = (region: string, name: string) =>
  quotas.find((q) => q.region === region && q.quotaName === name);

describe('bedrockQuotas', () => {
  it('lists the TPM and RPM quotas of every model the demo calls, per region, in AWS wording', () => {
    for (const [region, name, value] of [
      ['us-east-1', 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5', 2_000_000],
      ['us-east-1', 'Cross-Region InvokeModel requests per minute for Anthropic Claude Haiku 4.5', 4_000],
      ['us-east-1', 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5', 1_000_000],
      [
        'us-east-1',
        'Global cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5',
        2_000_000,
      ],
      ['us-east-1', 'On-demand InvokeModel tokens per minute for Anthropic Claude 3 Haiku', 2_000_000],
      ['us-east-1', 'Cross-Region InvokeModel tokens per minute for Amazon Nova Pro', 2_000_000],
      ['us-west-2', 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5', 1_000_000],
      ['us-west-2', 'On-demand InvokeModel tokens per minute for Meta Llama 3.3 70B Instruct', 300_000],
    ] as const) {
      expect(named(region, name)?.value, `${region} ${name}`).toBe(value);
    }
  });

  it('sets the daily token caps to 1,440 minutes of the TPM quota and keeps unrelated quotas', () => {
    expect(
      named('us-east-1', 'Model invocation max tokens per day for Anthropic Claude Haiku 4.5')?.value,
    ).toBe(2_880_000_000);
    expect(
      named('us-west-2', 'Model invocation max tokens per day for Meta Llama 3.3 70B Instruct')?.value,
    ).toBe(432_000_000);
    expect(named('us-east-1', 'Agents per account')).toBeDefined();
  });

  it('marks the raised Haiku 4.5 quotas applied and the rest default-only', () => {
    const applied = quotas.filter((q) => q.applied).map((q) => `${q.region} ${q.quotaName}`);
    expect(applied).toEqual([
      'us-east-1 Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
      'us-east-1 Cross-Region InvokeModel requests per minute for Anthropic Claude Haiku 4.5',
      'us-east-1 Model invocation max tokens per day for Anthropic Claude Haiku 4.5',
    ]);
    expect(quotas.length - applied.length).toBeGreaterThan(10);
  });

  it('codes quotas L- and 8 uppercase hex digits, one code per name, the same in both regions', () => {
    for (const quota of quotas) expect(quota.quotaCode).toMatch(/^L-[0-9A-F]{8}$/);
    const codes = new Map<string, string>();
    for (const quota of quotas) {
      expect(codes.get(quota.quotaName) ?? quota.quotaCode).toBe(quota.quotaCode);
      codes.set(quota.quotaName, quota.quotaCode);
    }
    expect(new Set(codes.values()).size).toBe(codes.size);
    expect(quotaCode('Agents per account')).toBe(named('us-west-2', 'Agents per account')?.quotaCode);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type ModelUsagePoints,
  mapUsageFacts,
} from '../../../../src/collectors/bedrock/cloudwatch/map-usage-facts.js';

const H0 = Date.UTC(2026, 10, 29, 10) / 1000;
const H1 = H0 + 3_600;
const H2 = H1 + 3_600;
const dims = { source: 'bedrock' as const, region: 'us-east-1', model: 'anthropic.claude-sonnet-4-6' };

function points(
  modelId: string,
  values: Partial<Record<'input' | 'output' | 'read' | 'write' | 'calls', Array<[number, number]>>>,
): ModelUsagePoints {
  return {
    modelId,
    dims,
    inputTokens: new Map(values.input ?? []),
    outputTokens: new Map(values.output ?? []),
    cacheReadTokens: new Map(values.read ?? []),
    cacheWriteTokens: new Map(values.write ?? []),
    invocations: new Map(values.calls ?? []),
  };
}

const map = (models: ModelUsagePoints[]) =>
  mapUsageFacts(models, { buckets: [H0, H1, H2], bucketSeconds: 3_600, region: 'us-east-1' });

describe('mapUsageFacts', () => {
  it('maps InputTokenCount to uncached input and cache writes to 5-minute writes, rounding 1200.0000001 to 1200', () => {
    const facts = map([
      points('a', {
        input: [[H0, 1200.0000001]],
        output: [[H0, 300]],
        read: [[H0, 50]],
        write: [[H0, 70]],
        calls: [[H0, 4]],
      }),
    ]);
    expect(facts).toEqual([
      {
        dims,
        bucketStart: H0,
        bucketSeconds: 3_600,
        tokens: { uncachedInput: 1_200, cacheWrite5m: 70, cacheWrite1h: 0, cacheRead: 50, output: 300 },
        requests: 4,
      },
    ]);
  });

  it('stores null requests for an hour with tokens but no Invocations datapoint, and no fact for an empty hour', () => {
    const facts = map([points('a', { input: [[H1, 10]] })]);
    expect(facts.map((fact) => [fact.bucketStart, fact.requests, fact.tokens.uncachedInput])).toEqual([
      [H1, null, 10],
    ]);
  });

  it('sums 2 ModelIds with the same dimensions into 1 fact: 10 + 5 input, null + 3 requests', () => {
    const facts = map([
      points('a', { input: [[H2, 10]] }),
      points('b', { input: [[H2, 5]], calls: [[H2, 3]] }),
    ]);
    expect(facts.map((fact) => [fact.bucketStart, fact.tokens.uncachedInput, fact.requests])).toEqual([
      [H2, 15, 3],
    ]);
  });

  it('refuses a NaN sum as provider_schema', () => {
    expect(() => map([points('a', { output: [[H0, Number.NaN]] })])).toThrow(
      expect.objectContaining({ code: 'provider_schema' }),
    );
  });
});

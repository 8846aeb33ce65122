import { describe, expect, it } from 'vitest';
import { mapCostPage, mapUsagePage } from '../../../src/collectors/anthropic/map.js';
import { AiSpendError } from '../../../src/core/errors.js';

const HOUR = 1_764_331_200; // 2025-11-28T12:00:00Z
const DAY = 1_764_288_000; // 2025-11-28T00:00:00Z

function usageResult(overrides: Record<string, unknown> = {}) {
  return {
    model: 'claude-sonnet-4-5',
    workspace_id: 'wrkspc_search',
    api_key_id: 'apikey_01',
    service_tier: 'standard',
    context_window: '0-200k',
    inference_geo: 'global',
    uncached_input_tokens: 120_034,
    cache_read_input_tokens: 880_000,
    cache_creation: { ephemeral_5m_input_tokens: 40_000, ephemeral_1h_input_tokens: 7 },
    output_tokens: 51_002,
    server_tool_use: { web_search_requests: 3 },
    ...overrides,
  };
}

function usagePage(results: unknown[], extra: Record<string, unknown> = {}) {
  return {
    data: [
      { starting_at: '2025-11-28T12:00:00Z', ending_at: '2025-11-28T13:00:00Z', results },
      { starting_at: '2025-11-28T13:00:00Z', ending_at: '2025-11-28T14:00:00Z', results: [] },
    ],
    has_more: true,
    next_page: 'page_MjAyNS0xMS0yOFQxNDowMDowMFo=',
    ...extra,
  };
}

function costResult(amount: string, overrides: Record<string, unknown> = {}) {
  return {
    currency: 'USD',
    amount,
    workspace_id: 'wrkspc_search',
    description: 'Claude Sonnet 4.5 Usage - Output Tokens',
    cost_type: 'tokens',
    token_type: 'output_tokens',
    model: 'claude-sonnet-4-5',
    service_tier: 'standard',
    context_window: '0-200k',
    inference_geo: 'global',
    ...overrides,
  };
}

function costPage(results: unknown[]) {
  return {
    data: [{ starting_at: '2025-11-28T00:00:00Z', ending_at: '2025-11-29T00:00:00Z', results }],
    has_more: false,
    next_page: null,
  };
}

function schemaErrorOf(run: () => unknown): AiSpendError {
  try {
    run();
  } catch (error) {
    if (error instanceof AiSpendError) return error;
    throw error;
  }
  throw new Error('expected a provider_schema error');
}

describe('mapUsagePage', () => {
  it('maps token kinds with cache writes from cache_creation and every grouped dimension', () => {
    const page = mapUsagePage(usagePage([usageResult()]), { bucketSeconds: 3_600 });
    expect(page).toEqual({
      buckets: [HOUR, HOUR + 3_600],
      nextPage: 'page_MjAyNS0xMS0yOFQxNDowMDowMFo=',
      facts: [
        {
          dims: {
            source: 'anthropic',
            workspaceId: 'wrkspc_search',
            apiKeyId: 'apikey_01',
            model: 'claude-sonnet-4-5',
            serviceTier: 'standard',
            contextWindow: '0-200k',
            inferenceGeo: 'global',
          },
          bucketStart: HOUR,
          bucketSeconds: 3_600,
          tokens: {
            uncachedInput: 120_034,
            cacheWrite5m: 40_000,
            cacheWrite1h: 7,
            cacheRead: 880_000,
            output: 51_002,
          },
          requests: null,
        },
      ],
    });
  });

  it('omits null dimensions: default workspace and Console usage without an API key', () => {
    const page = mapUsagePage(
      usagePage([usageResult({ workspace_id: null, api_key_id: null, inference_geo: null })]),
      {
        bucketSeconds: 3_600,
      },
    );
    expect(page.facts[0]?.dims).toEqual({
      source: 'anthropic',
      model: 'claude-sonnet-4-5',
      serviceTier: 'standard',
      contextWindow: '0-200k',
    });
  });

  it('sums 2 results with the same dimensions in one bucket: 120,034 + 1 uncached input tokens', () => {
    const page = mapUsagePage(usagePage([usageResult(), usageResult({ uncached_input_tokens: 1 })]), {
      bucketSeconds: 3_600,
    });
    expect(page.facts).toHaveLength(1);
    expect(page.facts[0]?.tokens.uncachedInput).toBe(120_035);
  });

  it.each([
    [usagePage([usageResult({ cache_creation: undefined })]), 'data[0].results[0].cache_creation'],
    [usagePage([usageResult({ output_tokens: -1 })]), 'data[0].results[0].output_tokens'],
    [usagePage([usageResult({ uncached_input_tokens: '12' })]), 'data[0].results[0].uncached_input_tokens'],
    [usagePage([], { has_more: 'no' }), 'has_more'],
    [{ data: 'unavailable', has_more: false }, 'data'],
    ['<html>', '(root)'],
  ])('rejects a malformed page with provider_schema at %#: %s', (json, path) => {
    const error = schemaErrorOf(() => mapUsagePage(json, { bucketSeconds: 3_600 }));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain(`: ${path}: `);
    expect(error.hint).toContain('ANTHROPIC_BASE_URL');
  });

  it('rejects a 1d bucket where 1h buckets were asked for, at data[0].ending_at', () => {
    const json = {
      data: [{ starting_at: '2025-11-28T00:00:00Z', ending_at: '2025-11-29T00:00:00Z', results: [] }],
      has_more: false,
      next_page: null,
    };
    expect(schemaErrorOf(() => mapUsagePage(json, { bucketSeconds: 3_600 })).message).toContain(
      'data[0].ending_at',
    );
  });
});

describe('mapCostPage', () => {
  it.each([
    ['1234.56', 12_345_600],
    ['0.0001', 1],
    ['-250', -2_500_000],
    ['0.123456789', 1_235],
    ['0.00005', 0],
    ['0.00015', 2],
    ['123456789012.34', 1_234_567_890_123_400],
    ['0', 0],
  ])('reads %s cents as %i micro-dollars', (amount, amountMicros) => {
    const page = mapCostPage(costPage([costResult(amount)]), { finalBefore: DAY });
    expect(page.facts[0]?.amountMicros).toBe(amountMicros);
  });

  it('maps the billing scope, the line item and the day', () => {
    const page = mapCostPage(costPage([costResult('1234.56')]), { finalBefore: DAY });
    expect(page).toEqual({
      buckets: [DAY],
      nextPage: null,
      facts: [
        {
          dims: {
            source: 'anthropic',
            workspaceId: 'wrkspc_search',
            model: 'claude-sonnet-4-5',
            serviceTier: 'standard',
            contextWindow: '0-200k',
            inferenceGeo: 'global',
          },
          day: DAY,
          lineItem: 'Claude Sonnet 4.5 Usage - Output Tokens',
          amountMicros: 12_345_600,
          final: false,
        },
      ],
    });
  });

  it('marks a day final when it starts before finalBefore', () => {
    expect(mapCostPage(costPage([costResult('1')]), { finalBefore: DAY + 1 }).facts[0]?.final).toBe(true);
  });

  it('uses cost_type as the line item and drops null dimensions when description is null', () => {
    const result = costResult('5', {
      workspace_id: null,
      description: null,
      token_type: null,
      model: null,
      service_tier: null,
      context_window: null,
      inference_geo: null,
      cost_type: 'web_search',
    });
    const fact = mapCostPage(costPage([result]), { finalBefore: DAY }).facts[0];
    expect(fact?.dims).toEqual({ source: 'anthropic' });
    expect(fact?.lineItem).toBe('web_search');
  });

  it('sums 2 lines with the same scope and description in a day: "1.5" + "0.0001" cents → 15,001 micros', () => {
    const page = mapCostPage(costPage([costResult('1.5'), costResult('0.0001')]), { finalBefore: DAY });
    expect(page.facts.map((f) => f.amountMicros)).toEqual([15_001]);
  });

  it.each([
    ['currency EUR', costResult('1', { currency: 'EUR' }), 'data[0].results[0].currency'],
    ['amount "12,50"', costResult('12,50'), 'data[0].results[0].amount'],
    ['amount as the number 12.5', costResult('1', { amount: 12.5 }), 'data[0].results[0].amount'],
    ['amount beyond 2^53 micros', costResult('99999999999999999'), 'data[0].results[0].amount'],
  ])('rejects %s with provider_schema at %s', (_label, result, path) => {
    const error = schemaErrorOf(() => mapCostPage(costPage([result]), { finalBefore: DAY }));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain(`: ${path}: `);
  });
});

import { describe, expect, it } from 'vitest';
import { mapCostPage, mapUsagePage } from '../../../src/collectors/openai/map.js';
import { AiSpendError } from '../../../src/core/errors.js';

const DAY = 86_400;
const HOUR = 3_600;
const T0 = Date.UTC(2026, 10, 27) / 1000;

function page(
  buckets: Array<{ start: number; width: number; results: object[] }>,
  nextPage: string | null = null,
) {
  return {
    object: 'page',
    has_more: nextPage !== null,
    next_page: nextPage,
    data: buckets.map((bucket) => ({
      object: 'bucket',
      start_time: bucket.start,
      end_time: bucket.start + bucket.width,
      results: bucket.results,
    })),
  };
}

function usageResult(overrides: object) {
  return {
    object: 'organization.usage.completions.result',
    input_tokens: 1_000,
    input_cached_tokens: 300,
    input_cache_write_tokens: 100,
    output_tokens: 40,
    num_model_requests: 3,
    project_id: 'proj_a',
    api_key_id: 'key_1',
    user_id: null,
    model: 'gpt-5.4',
    batch: false,
    service_tier: null,
    api_source: null,
    ...overrides,
  };
}

function costResult(value: number, overrides: object = {}) {
  return {
    object: 'organization.costs.result',
    amount: { value, currency: 'usd' },
    line_item: 'gpt-5.4, input',
    project_id: 'proj_a',
    api_key_id: null,
    user_id: null,
    quantity: null,
    quantity_unit: null,
    ...overrides,
  };
}

function schemaFailure(run: () => unknown): AiSpendError {
  try {
    run();
  } catch (error) {
    if (error instanceof AiSpendError) return error;
    throw error;
  }
  throw new Error('expected a provider_schema error');
}

const costs = (body: unknown, now = T0 + 10 * DAY) => mapCostPage(body, { now, costRepollDays: 2 });

describe('mapCostPage', () => {
  it.each([
    [12.34, 12_340_000],
    [0.000001, 1],
    [1e-7, 0],
    [-5.5, -5_500_000],
    [123456789.123456, 123_456_789_123_456],
    [0.1 + 0.2, 300_000],
  ])('turns $%s into %s micro-dollars', (value, expected) => {
    const mapped = costs(page([{ start: T0, width: DAY, results: [costResult(value)] }]));
    expect(mapped.facts.map((fact) => fact.amountMicros)).toEqual([expected]);
  });

  it('sums 2 results of one project and line item, parses the model and names a null line item other', () => {
    const mapped = costs(
      page([
        {
          start: T0,
          width: DAY,
          results: [
            costResult(1.25),
            costResult(0.75),
            costResult(2, { line_item: null }),
            costResult(3, { line_item: 'web search tool calls', project_id: null }),
          ],
        },
        { start: T0 + DAY, width: DAY, results: [] },
      ]),
    );
    expect(mapped.buckets).toEqual([T0, T0 + DAY]);
    expect(mapped.facts).toEqual([
      {
        dims: { source: 'openai', projectId: 'proj_a', model: 'gpt-5.4' },
        day: T0,
        lineItem: 'gpt-5.4, input',
        amountMicros: 2_000_000,
        final: true,
      },
      {
        dims: { source: 'openai', projectId: 'proj_a' },
        day: T0,
        lineItem: 'other',
        amountMicros: 2_000_000,
        final: true,
      },
      {
        dims: { source: 'openai' },
        day: T0,
        lineItem: 'web search tool calls',
        amountMicros: 3_000_000,
        final: true,
      },
    ]);
  });

  it('marks a day final only when it starts more than 2 days before now', () => {
    const now = T0 + 2 * DAY + HOUR;
    const mapped = costs(
      page([
        { start: T0, width: DAY, results: [costResult(1)] },
        { start: T0 + DAY, width: DAY, results: [costResult(1)] },
      ]),
      now,
    );
    expect(mapped.facts.map((fact) => fact.final)).toEqual([true, false]);
  });

  it('accepts USD in capitals and refuses eur with the path of the currency', () => {
    const usd = costs(
      page([{ start: T0, width: DAY, results: [costResult(1, { amount: { value: 1, currency: 'USD' } })] }]),
    );
    expect(usd.facts[0]?.amountMicros).toBe(1_000_000);
    const error = schemaFailure(() =>
      costs(
        page([
          {
            start: T0,
            width: DAY,
            results: [costResult(1), costResult(1, { amount: { value: 1, currency: 'eur' } })],
          },
        ]),
      ),
    );
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain('$.data[0].results[1].amount.currency');
  });

  it('refuses an amount given as a string with its JSON path', () => {
    const body = page([
      { start: T0, width: DAY, results: [costResult(1, { amount: { value: '1.5', currency: 'usd' } })] },
    ]);
    const error = schemaFailure(() => costs(body));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain('$.data[0].results[0].amount.value');
  });

  it('returns next_page while has_more is true and refuses has_more without next_page', () => {
    expect(costs(page([], 'page_abc')).nextPage).toBe('page_abc');
    const error = schemaFailure(() => costs({ ...page([]), has_more: true }));
    expect(error.message).toContain('$.next_page');
  });
});

describe('mapUsagePage', () => {
  const usage = (body: unknown) => mapUsagePage(body, { bucketSeconds: HOUR });

  it('derives 600 uncached tokens from 1000 input, 300 cached and 100 cache writes', () => {
    const mapped = usage(page([{ start: T0, width: HOUR, results: [usageResult({})] }]));
    expect(mapped.facts).toEqual([
      {
        dims: {
          source: 'openai',
          projectId: 'proj_a',
          apiKeyId: 'key_1',
          model: 'gpt-5.4',
          serviceTier: 'default',
        },
        bucketStart: T0,
        bucketSeconds: HOUR,
        tokens: { uncachedInput: 600, cacheWrite5m: 100, cacheWrite1h: 0, cacheRead: 300, output: 40 },
        requests: 3,
      },
    ]);
  });

  it('prefers input_uncached_tokens 550 over the derived 600 when OpenAI sends it', () => {
    const mapped = usage(
      page([{ start: T0, width: HOUR, results: [usageResult({ input_uncached_tokens: 550 })] }]),
    );
    expect(mapped.facts[0]?.tokens.uncachedInput).toBe(550);
  });

  it('treats missing cache fields as 0, so 1000 input tokens are all uncached', () => {
    const result = usageResult({ input_cached_tokens: undefined, input_cache_write_tokens: null });
    const mapped = usage(page([{ start: T0, width: HOUR, results: [result] }]));
    expect(mapped.facts[0]?.tokens).toEqual({
      uncachedInput: 1_000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 40,
    });
  });

  it('refuses 100 input tokens with 300 cached and 100 written, naming the result path', () => {
    const body = page([
      { start: T0, width: HOUR, results: [] },
      { start: T0 + HOUR, width: HOUR, results: [usageResult({}), usageResult({ input_tokens: 100 })] },
    ]);
    const error = schemaFailure(() => usage(body));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain('$.data[1].results[1]');
    expect(error.message).toContain('input_tokens 100');
  });

  it('maps batch true to tier batch, keeps service_tier flex, and sums 2 results that map to one key', () => {
    const mapped = usage(
      page([
        {
          start: T0,
          width: HOUR,
          results: [
            usageResult({ batch: true }),
            usageResult({ service_tier: 'flex' }),
            usageResult({ batch: null, service_tier: null }),
            usageResult({ batch: false, service_tier: 'default', num_model_requests: 4 }),
          ],
        },
      ]),
    );
    expect(mapped.facts.map((fact) => [fact.dims.serviceTier, fact.requests, fact.tokens.output])).toEqual([
      ['batch', 3, 40],
      ['flex', 3, 40],
      ['default', 7, 80],
    ]);
  });

  it('refuses a negative output count and a bucket start off the hour, each with its path', () => {
    const negative = schemaFailure(() =>
      usage(page([{ start: T0, width: HOUR, results: [usageResult({ output_tokens: -1 })] }])),
    );
    expect(negative.message).toContain('$.data[0].results[0].output_tokens');
    const offHour = schemaFailure(() => usage(page([{ start: T0 + 60, width: HOUR, results: [] }])));
    expect(offHour.message).toContain('$.data[0].start_time');
  });

  it('refuses a body that is not a page, naming $.data', () => {
    const error = schemaFailure(() =>
      usage({ object: 'page', data: 'not-a-list', has_more: false, next_page: null }),
    );
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain('$.data');
    expect(error.hint).toContain('OPENAI_BASE_URL');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAiSimulator, startOpenAiSimulator } from '../../../src/sim/openai/server.js';
import type { OpenAiCostRecord, OpenAiUsageRecord } from '../../../src/sim/scenario-types.js';

const DAY = 86_400;
const HOUR = 3_600;
const T0 = Date.UTC(2026, 10, 27) / 1000;

function usage(overrides: Partial<OpenAiUsageRecord>): OpenAiUsageRecord {
  return {
    hourStart: T0,
    projectId: 'proj_a',
    apiKeyId: 'key_1',
    userId: null,
    model: 'gpt-5.4',
    batch: false,
    serviceTier: null,
    inputTokens: 1_000,
    inputCachedTokens: 300,
    inputCacheWriteTokens: 100,
    outputTokens: 50,
    numModelRequests: 2,
    ...overrides,
  };
}

function cost(overrides: Partial<OpenAiCostRecord>): OpenAiCostRecord {
  return {
    day: T0,
    projectId: 'proj_a',
    apiKeyId: null,
    lineItem: 'gpt-5.4, input',
    amountMicros: 12_340_000,
    quantity: 1_000,
    quantityUnit: 'tokens',
    ...overrides,
  };
}

const scenario = {
  openai: {
    usage: [
      usage({}),
      usage({ apiKeyId: 'key_2', inputTokens: 2_000, inputCachedTokens: 0, inputCacheWriteTokens: 0 }),
      usage({ projectId: 'proj_b', model: 'gpt-5.4-mini', batch: true, outputTokens: 70 }),
      usage({ hourStart: T0 + 3 * HOUR, numModelRequests: 5 }),
    ],
    costs: [
      cost({}),
      cost({ lineItem: 'gpt-5.4, output', amountMicros: 1 }),
      cost({ projectId: 'proj_b', amountMicros: -5_500_000 }),
      cost({ projectId: 'proj_b', lineItem: 'gpt-5.4, output', amountMicros: 100_000 }),
      cost({ projectId: 'proj_b', lineItem: 'gpt-5.4, cached input', amountMicros: 200_000 }),
      cost({ day: T0 + 2 * DAY, amountMicros: 123_456_789_123_456 }),
    ],
  },
};

let sim: OpenAiSimulator;
beforeEach(async () => {
  sim = await startOpenAiSimulator({ scenario, now: () => T0 + 3 * DAY });
});
afterEach(async () => {
  await sim.close();
});

interface ResultRow {
  [field: string]: unknown;
  amount: { value: number; currency: string };
}

interface PageBody {
  object: string;
  data: Array<{ object: string; start_time: number; end_time: number; results: ResultRow[] }>;
  has_more: boolean;
  next_page: string | null;
  error?: Record<string, unknown>;
}

async function get(
  path: string,
  key = 'sk-admin-sim',
): Promise<{ status: number; body: PageBody; headers: Headers }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as PageBody, headers: response.headers };
}

describe('GET /v1/organization/usage/completions', () => {
  it('sums 3 records of hour 0 into 2 project groups and leaves 2 empty hours with results []', async () => {
    const { status, body } = await get(
      `/organization/usage/completions?start_time=${T0}&end_time=${T0 + 4 * HOUR}&bucket_width=1h&group_by[]=project_id`,
    );
    expect(status).toBe(200);
    expect(body.object).toBe('page');
    expect(body.has_more).toBe(false);
    expect(body.next_page).toBeNull();
    expect(body.data.map((bucket) => [bucket.start_time, bucket.end_time, bucket.results.length])).toEqual([
      [T0, T0 + HOUR, 2],
      [T0 + HOUR, T0 + 2 * HOUR, 0],
      [T0 + 2 * HOUR, T0 + 3 * HOUR, 0],
      [T0 + 3 * HOUR, T0 + 4 * HOUR, 1],
    ]);
    expect(body.data[0]!.object).toBe('bucket');
    expect(body.data[0]!.results[0]).toEqual({
      object: 'organization.usage.completions.result',
      input_tokens: 3_000,
      input_cached_tokens: 300,
      input_uncached_tokens: 2_600,
      input_cache_write_tokens: 100,
      input_audio_tokens: 0,
      output_tokens: 100,
      output_audio_tokens: 0,
      num_model_requests: 4,
      project_id: 'proj_a',
      user_id: null,
      api_key_id: null,
      model: null,
      batch: null,
      service_tier: null,
      api_source: null,
    });
    expect(body.data[0]!.results[1]).toMatchObject({ project_id: 'proj_b', output_tokens: 70, batch: null });
  });

  it('groups by model and batch and sums all 4 records into one day bucket of 1d width', async () => {
    const { body } = await get(
      `/organization/usage/completions?start_time=${T0}&end_time=${T0 + DAY}&group_by[]=model&group_by[]=batch`,
    );
    expect(body.data).toHaveLength(1);
    const results = body.data[0]!.results.map((r) => [
      r.model,
      r.batch,
      r.num_model_requests,
      r.input_tokens,
    ]);
    expect(results).toEqual([
      ['gpt-5.4', false, 9, 4_000],
      ['gpt-5.4-mini', true, 2, 1_000],
    ]);
  });

  it('answers the same body for group_by[]=a&group_by[]=b and group_by=a&group_by=b', async () => {
    const query = `start_time=${T0}&end_time=${T0 + 2 * HOUR}&bucket_width=1h`;
    const brackets = await get(
      `/organization/usage/completions?${query}&group_by[]=model&group_by[]=api_key_id`,
    );
    const plain = await get(`/organization/usage/completions?${query}&group_by=model&group_by=api_key_id`);
    expect(plain.body).toEqual(brackets.body);
    expect(brackets.body.data[0]!.results).toHaveLength(3);
  });

  it('pages 5 hourly buckets with limit 2 into 3 pages chained by next_page', async () => {
    const query = `start_time=${T0}&end_time=${T0 + 5 * HOUR}&bucket_width=1h&limit=2`;
    const starts: number[][] = [];
    let page: string | null = null;
    do {
      const suffix: string = page === null ? '' : `&page=${page}`;
      const { body } = await get(`/organization/usage/completions?${query}${suffix}`);
      starts.push(body.data.map((bucket) => bucket.start_time));
      expect(body.has_more).toBe(body.next_page !== null);
      page = body.next_page;
    } while (page !== null);
    expect(starts).toEqual([[T0, T0 + HOUR], [T0 + 2 * HOUR, T0 + 3 * HOUR], [T0 + 4 * HOUR]]);
  });

  it.each([
    ['start_time missing', `end_time=${T0}`, 'start_time'],
    ['limit 169 above the hourly maximum 168', `start_time=${T0}&bucket_width=1h&limit=169`, 'limit'],
    ['unknown group_by field', `start_time=${T0}&group_by[]=line_item`, 'group_by'],
    ['garbage page cursor', `start_time=${T0}&page=page_xyz`, 'page'],
  ])('answers 400 for %s', async (_name, query, param) => {
    const { status, body } = await get(`/organization/usage/completions?${query}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param });
  });
});

describe('GET /v1/organization/costs', () => {
  it('renders micro-dollars as dollars: 12.34, 0.000001, -5.5, and 0.1 + 0.2 summed exactly as 0.3', async () => {
    const { body } = await get(
      `/organization/costs?start_time=${T0}&end_time=${T0 + DAY}&group_by[]=project_id&group_by[]=line_item`,
    );
    const amounts = body.data[0]!.results.map((r) => [r.project_id, r.line_item, r.amount.value]);
    expect(amounts).toEqual([
      ['proj_a', 'gpt-5.4, input', 12.34],
      ['proj_a', 'gpt-5.4, output', 0.000001],
      ['proj_b', 'gpt-5.4, cached input', 0.2],
      ['proj_b', 'gpt-5.4, input', -5.5],
      ['proj_b', 'gpt-5.4, output', 0.1],
    ]);
    expect(body.data[0]!.results[0]).toEqual({
      object: 'organization.costs.result',
      amount: { value: 12.34, currency: 'usd' },
      line_item: 'gpt-5.4, input',
      project_id: 'proj_a',
      api_key_id: null,
      user_id: null,
      quantity: 1_000,
      quantity_unit: 'tokens',
      api_source: null,
    });

    const byProject = await get(
      `/organization/costs?start_time=${T0}&end_time=${T0 + DAY}&group_by=project_id`,
    );
    const totals = byProject.body.data[0]!.results.map((r) => [r.project_id, r.line_item, r.amount.value]);
    expect(totals).toEqual([
      ['proj_a', null, 12.340001],
      ['proj_b', null, -5.2],
    ]);
  });

  it('renders 123456789123456 micro-dollars as 123456789.123456 and keeps the empty middle day', async () => {
    const { body } = await get(`/organization/costs?start_time=${T0}&end_time=${T0 + 3 * DAY}`);
    expect(body.data.map((bucket) => bucket.results.length)).toEqual([1, 0, 1]);
    expect(body.data[2]!.results[0]!.amount.value).toBe(123456789.123456);
  });

  it('answers 400 for bucket_width 1h, which costs do not support', async () => {
    const { status, body } = await get(`/organization/costs?start_time=${T0}&bucket_width=1h`);
    expect(status).toBe(400);
    expect(body.error?.param).toBe('bucket_width');
  });
});

describe('auth, faults and the request log', () => {
  it('answers 401 with invalid_api_key for a wrong key and after revokeKey', async () => {
    const wrong = await get(`/organization/costs?start_time=${T0}`, 'sk-admin-wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
    expect((await get(`/organization/costs?start_time=${T0}`)).status).toBe(200);
    sim.faults.revokeKey();
    expect((await get(`/organization/costs?start_time=${T0}`)).status).toBe(401);
  });

  it('serves 2 rate limits with retry-after 7, then 1 server error, then 1 cut-off body, then a good one', async () => {
    sim.faults.rateLimit(2, 7);
    sim.faults.serverError(1);
    sim.faults.malformed(1);
    const path = `/organization/costs?start_time=${T0}&end_time=${T0 + DAY}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${sim.url}${path}`, {
        headers: { authorization: 'Bearer sk-admin-sim' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('7');
      await response.text();
    }
    expect(statuses).toEqual([429, 429, 500]);
    const cut = await fetch(`${sim.url}${path}`, { headers: { authorization: 'Bearer sk-admin-sim' } });
    await expect(cut.json()).rejects.toThrow(SyntaxError);
    expect((await get(path)).body.data).toHaveLength(1);
  });

  it('logs every request with its path and query values under names without []', async () => {
    await get(`/organization/usage/completions?start_time=${T0}&group_by[]=model&group_by=batch`);
    expect(sim.requests).toEqual([
      {
        method: 'GET',
        path: '/v1/organization/usage/completions',
        query: { start_time: [String(T0)], group_by: ['model', 'batch'] },
      },
    ]);
  });
});

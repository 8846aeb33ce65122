import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsToCents } from '../../../src/sim/anthropic/micros-to-cents.js';
import { type AnthropicSimulator, startAnthropicSimulator } from '../../../src/sim/anthropic/server.js';
import { SMALL_START, smallScenario } from './small-scenario.js';

const KEY = 'sk-ant-admin01-test';
const USAGE = '/v1/organizations/usage_report/messages';
const COST = '/v1/organizations/cost_report';
const scenario = smallScenario();
const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');

let sim: AnthropicSimulator;
beforeAll(async () => {
  sim = await startAnthropicSimulator({ scenario, adminKey: KEY });
});
afterAll(() => sim.close());

interface Report {
  data: { starting_at: string; ending_at: string; results: Record<string, unknown>[] }[];
  has_more: boolean;
  next_page: string | null;
}

async function call(path: string, params: [string, string][], headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}${path}?${new URLSearchParams(params)}`, {
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', ...headers },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Report };
}

describe('usage report', () => {
  it('sums the 6 records of hour 0 into one result per model, other dimensions null', async () => {
    const { body } = await call(USAGE, [
      ['starting_at', iso(SMALL_START)],
      ['ending_at', iso(SMALL_START + 3_600)],
      ['bucket_width', '1h'],
      ['group_by[]', 'model'],
    ]);
    const hour0 = scenario.anthropic.usage.filter((r) => r.hourStart === SMALL_START);
    expect(hour0).toHaveLength(6);
    expect(body.data).toHaveLength(1);
    const sonnet = body.data[0]?.results.find((r) => r.model === 'claude-sonnet-4-5');
    const sonnetRecords = hour0.filter((r) => r.model === 'claude-sonnet-4-5');
    expect(sonnet).toEqual({
      model: 'claude-sonnet-4-5',
      workspace_id: null,
      api_key_id: null,
      service_tier: null,
      context_window: null,
      inference_geo: null,
      uncached_input_tokens: sonnetRecords.reduce((sum, r) => sum + r.uncachedInputTokens, 0),
      cache_read_input_tokens: sonnetRecords.reduce((sum, r) => sum + r.cacheReadInputTokens, 0),
      cache_creation: {
        ephemeral_5m_input_tokens: sonnetRecords.reduce((sum, r) => sum + r.cacheCreation5mTokens, 0),
        ephemeral_1h_input_tokens: sonnetRecords.reduce((sum, r) => sum + r.cacheCreation1hTokens, 0),
      },
      output_tokens: sonnetRecords.reduce((sum, r) => sum + r.outputTokens, 0),
      server_tool_use: { web_search_requests: sonnetRecords.length },
    });
    expect(body.data[0]?.results).toHaveLength(2);
  });

  it('folds 24 hours into one 1d bucket whose output tokens equal the records of that day', async () => {
    const { body } = await call(USAGE, [
      ['starting_at', iso(SMALL_START + 86_400 + 1_234)],
      ['ending_at', iso(SMALL_START + 2 * 86_400)],
      ['bucket_width', '1d'],
    ]);
    const day1 = scenario.anthropic.usage.filter(
      (r) => r.hourStart >= SMALL_START + 86_400 && r.hourStart < SMALL_START + 2 * 86_400,
    );
    expect(body.data.map((b) => b.starting_at)).toEqual(['2026-11-27T00:00:00Z']);
    expect(body.data[0]?.results).toHaveLength(1);
    expect(body.data[0]?.results[0]?.output_tokens).toBe(day1.reduce((sum, r) => sum + r.outputTokens, 0));
  });

  it('groups by all 6 dimensions into one result per record', async () => {
    const all = ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window', 'inference_geo'];
    const { body } = await call(USAGE, [
      ['starting_at', iso(SMALL_START + 5 * 3_600)],
      ['ending_at', iso(SMALL_START + 6 * 3_600)],
      ['bucket_width', '1h'],
      ...all.map((d): [string, string] => ['group_by[]', d]),
    ]);
    const results = body.data[0]?.results ?? [];
    expect(results).toHaveLength(6);
    expect(results.filter((r) => r.workspace_id === null)).toHaveLength(3);
    expect(results.filter((r) => r.service_tier === 'batch')).toHaveLength(3);
  });

  it('returns empty buckets outside the scenario: 3 hours before its start give 3 buckets with no results', async () => {
    const { body } = await call(USAGE, [
      ['starting_at', iso(SMALL_START - 3 * 3_600)],
      ['ending_at', iso(SMALL_START)],
      ['bucket_width', '1h'],
    ]);
    expect(body.data.map((b) => b.results.length)).toEqual([0, 0, 0]);
    expect(body.data[0]?.ending_at).toBe('2026-11-25T22:00:00Z');
  });

  it('pages 72 hourly buckets in 3 pages of 24 with an opaque page_<base64 start> cursor', async () => {
    const base: [string, string][] = [
      ['starting_at', iso(SMALL_START)],
      ['ending_at', iso(SMALL_START + 72 * 3_600)],
      ['bucket_width', '1h'],
      ['limit', '24'],
    ];
    const starts: string[] = [];
    const tokens: (string | null)[] = [];
    let page: string | null = null;
    do {
      const { body }: { body: Report } = await call(USAGE, page ? [...base, ['page', page]] : base);
      starts.push(...body.data.map((b) => b.starting_at));
      tokens.push(body.next_page);
      expect(body.has_more).toBe(body.next_page !== null);
      page = body.next_page;
    } while (page);
    expect(tokens).toEqual([
      `page_${Buffer.from('2026-11-27T00:00:00Z').toString('base64')}`,
      `page_${Buffer.from('2026-11-28T00:00:00Z').toString('base64')}`,
      null,
    ]);
    expect(starts).toHaveLength(72);
    expect(new Set(starts).size).toBe(72);
  });

  it.each([
    ['group_by[]', 'group_by'],
    ['group_by', 'group_by[]'],
  ])('treats %s and %s (repeated) the same', async (first, second) => {
    const window: [string, string][] = [
      ['starting_at', iso(SMALL_START)],
      ['ending_at', iso(SMALL_START + 2 * 3_600)],
      ['bucket_width', '1h'],
    ];
    const a = await call(USAGE, [...window, [first, 'model'], [first, 'workspace_id']]);
    const b = await call(USAGE, [...window, [second, 'model'], [second, 'workspace_id']]);
    expect(a.body).toEqual(b.body);
    expect(a.body.data[0]?.results).toHaveLength(4);
  });
});

describe('cost report', () => {
  const day0: [string, string][] = [
    ['starting_at', iso(SMALL_START)],
    ['ending_at', iso(SMALL_START + 86_400)],
  ];

  it('renders a summed line in cents: 10,001 + 20,002 micros of web search → "3.0003"', async () => {
    const { body } = await call(COST, [
      ...day0,
      ['group_by[]', 'workspace_id'],
      ['group_by[]', 'description'],
    ]);
    const webSearch = body.data[0]?.results.filter((r) => r.description === 'Web Search');
    expect(webSearch).toHaveLength(2);
    expect(webSearch?.[0]).toEqual({
      currency: 'USD',
      amount: '3.0003',
      workspace_id: webSearch?.[0]?.workspace_id,
      description: 'Web Search',
      cost_type: 'web_search',
      token_type: null,
      model: null,
      service_tier: null,
      context_window: null,
      inference_geo: null,
    });
    const sonnetOutput = body.data[0]?.results.find(
      (r) =>
        r.description === 'Claude Sonnet 4.5 Usage - Output Tokens' && r.workspace_id === 'wrkspc_search',
    );
    expect(sonnetOutput?.amount).toBe('123.469');
    expect(sonnetOutput?.token_type).toBe('output_tokens');
  });

  it('renders the -2,500,000 micro-dollar credit as "-250"', async () => {
    const { body } = await call(COST, [
      ['starting_at', iso(SMALL_START + 86_400)],
      ['ending_at', iso(SMALL_START + 2 * 86_400)],
      ['group_by[]', 'description'],
    ]);
    expect(body.data[0]?.results.find((r) => r.description === 'Credit')?.amount).toBe('-250');
  });

  it('sums a day per workspace with description fields null when not grouped by description', async () => {
    const { body } = await call(COST, [...day0, ['group_by', 'workspace_id']]);
    const records = scenario.anthropic.costs.filter((r) => r.day === SMALL_START && r.workspaceId === null);
    const defaultWorkspace = body.data[0]?.results.find((r) => r.workspace_id === null);
    expect(defaultWorkspace?.amount).toBe(microsToCents(records.reduce((sum, r) => sum + r.amountMicros, 0)));
    expect(defaultWorkspace?.description).toBeNull();
    expect(defaultWorkspace?.model).toBeNull();
    expect(body.data[0]?.results).toHaveLength(2);
  });

  it('defaults to 7 daily buckets per page and ends at the scenario end', async () => {
    const { body } = await call(COST, [['starting_at', iso(SMALL_START - 10 * 86_400)]]);
    expect(body.data).toHaveLength(7);
    expect(body.has_more).toBe(true);
  });
});

describe('auth, versions and errors', () => {
  const window: [string, string][] = [
    ['starting_at', iso(SMALL_START)],
    ['ending_at', iso(SMALL_START + 86_400)],
  ];

  it('accepts x-api-key with 2023-06-01 and Bearer with 2026-10-21', async () => {
    const legacy = await call(COST, window);
    const bearer = await fetch(`${sim.url}${COST}?${new URLSearchParams(window)}`, {
      headers: { authorization: `Bearer ${KEY}`, 'anthropic-version': '2026-10-21' },
    });
    expect(legacy.status).toBe(200);
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toEqual(legacy.body);
  });

  it('answers 401 authentication_error to a wrong key', async () => {
    const { status, body } = await call(COST, window, { 'x-api-key': 'sk-ant-admin01-wrong' });
    expect(status).toBe(401);
    expect(body).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
    });
  });

  it.each([
    [USAGE, [['ending_at', iso(SMALL_START)]]],
    [USAGE, [...window, ['bucket_width', '1w']]],
    [USAGE, [...window, ['bucket_width', '1h'], ['limit', '169']]],
    [USAGE, [...window, ['limit', '0']]],
    [USAGE, [...window, ['group_by[]', 'region']]],
    [COST, [...window, ['bucket_width', '1h']]],
    [COST, [...window, ['group_by[]', 'model']]],
    [COST, [...window, ['limit', '32']]],
    [COST, [['starting_at', 'yesterday']]],
  ] as [string, [string, string][]][])('answers 400 invalid_request_error: %s %j', async (path, params) => {
    const { status, body } = await call(path, params);
    expect(status).toBe(400);
    expect((body as unknown as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('serves queued faults in order: 429 with retry-after 7, 500, invalid JSON, then the real page', async () => {
    sim.faults.rateLimit(1, 7);
    sim.faults.serverError(1);
    sim.faults.malformed(1);
    const url = `${sim.url}${COST}?${new URLSearchParams(window)}`;
    const init = { headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' } };
    const limited = await fetch(url, init);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await fetch(url, init)).status).toBe(500);
    const malformed = await fetch(url, init);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    expect((await fetch(url, init)).status).toBe(200);
  });

  it('sends group_by[] from the SDK and records the request', async () => {
    const client = new Anthropic({ apiKey: KEY, baseURL: sim.url, maxRetries: 0 });
    const before = sim.requests.length;
    await client.get(USAGE, {
      query: {
        starting_at: iso(SMALL_START),
        bucket_width: '1h',
        limit: 2,
        group_by: ['model', 'workspace_id'],
      },
    });
    const request = sim.requests[before];
    expect(request?.path).toBe(USAGE);
    expect(request?.query.getAll('group_by[]')).toEqual(['model', 'workspace_id']);
    expect(request?.query.get('limit')).toBe('2');
  });
});

describe('revoked key', () => {
  it('answers 401 to the right key once revoked', async () => {
    const revoked = await startAnthropicSimulator({ scenario, adminKey: KEY });
    try {
      revoked.faults.revokeKey();
      const response = await fetch(`${revoked.url}${COST}?starting_at=${iso(SMALL_START)}`, {
        headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
      });
      expect(response.status).toBe(401);
    } finally {
      await revoked.close();
    }
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AnthropicCollectorOptions,
  createAnthropicCollector,
} from '../../../src/collectors/anthropic/index.js';
import type { CollectProgress } from '../../../src/collectors/collector.js';
import { type AnthropicSimulator, startAnthropicSimulator } from '../../../src/sim/anthropic/server.js';
import { SMALL_START, smallScenario } from '../../sim/anthropic/small-scenario.js';
import { MemorySink } from '../../support/memory-sink.js';

const KEY = 'sk-ant-admin01-test';
const scenario = smallScenario();
/** 2026-11-29T00:30:00Z: half an hour after the scenario's last hour. */
const NOW = scenario.end + 1_800;
const HOUR = 3_600;
const DAY = 86_400;

const expectedMicros = scenario.anthropic.costs.reduce((sum, r) => sum + r.amountMicros, 0);
const expectedTokens = scenario.anthropic.usage.reduce(
  (totals, r) => ({
    uncachedInput: totals.uncachedInput + r.uncachedInputTokens,
    cacheWrite5m: totals.cacheWrite5m + r.cacheCreation5mTokens,
    cacheWrite1h: totals.cacheWrite1h + r.cacheCreation1hTokens,
    cacheRead: totals.cacheRead + r.cacheReadInputTokens,
    output: totals.output + r.outputTokens,
  }),
  { uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 },
);

let sim: AnthropicSimulator;
beforeAll(async () => {
  sim = await startAnthropicSimulator({ scenario, adminKey: KEY });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.requests.length = 0;
});

function collector(options: Partial<AnthropicCollectorOptions> = {}) {
  return createAnthropicCollector({
    apiKey: KEY,
    baseUrl: sim.url,
    maxRetries: 0,
    pageLimit: { usage: 48, cost: 2 },
    ...options,
  });
}

const requestsTo = (report: 'usage_report/messages' | 'cost_report') =>
  sim.requests.filter((r) => r.path === `/v1/organizations/${report}`);

describe('anthropic collector against the simulator', () => {
  it('backfills 30 days: billed micros and every token kind equal the scenario exactly', async () => {
    const sink = new MemorySink();
    const result = await collector().collect({ now: NOW, sink });

    expect(result).toEqual({
      source: 'anthropic',
      ok: true,
      streams: [
        {
          stream: 'usage',
          pages: 16,
          facts: scenario.anthropic.usage.length,
          from: NOW - 30 * DAY - 1_800,
          to: NOW + 1_800,
        },
        {
          stream: 'cost',
          pages: 16,
          facts: 3 * 14 + 1,
          from: SMALL_START - 27 * DAY,
          to: scenario.end + DAY,
        },
      ],
    });
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.tokenTotals()).toEqual(expectedTokens);
    expect(sink.usage.size).toBe(scenario.anthropic.usage.length);
  });

  it('stores the default workspace without a workspaceId and marks days older than 2 days final', async () => {
    const sink = new MemorySink();
    await collector().collect({ now: NOW, sink });
    const webSearch = [...sink.billed.values()].filter(
      (f) => f.lineItem === 'Web Search' && f.day === SMALL_START,
    );
    expect(webSearch.map((f) => [f.dims, f.amountMicros])).toEqual(
      expect.arrayContaining([
        [{ source: 'anthropic' }, 30_003],
        [{ source: 'anthropic', workspaceId: 'wrkspc_search' }, 30_003],
      ]),
    );
    expect(webSearch).toHaveLength(2);
    const finalByDay = new Map([...sink.billed.values()].map((f) => [f.day, f.final]));
    expect([...finalByDay.entries()].sort(([a], [b]) => a - b)).toEqual([
      [SMALL_START, true],
      [SMALL_START + DAY, true],
      [SMALL_START + 2 * DAY, false],
    ]);
  });

  it('leaves totals unchanged after collecting the same window twice and a 1-day backfill', async () => {
    const sink = new MemorySink();
    const anthropic = collector();
    await anthropic.collect({ now: NOW, sink });
    await anthropic.collect({ now: NOW, sink });
    const cursors = new Map(sink.cursors);
    await anthropic.collect({ now: NOW, sink, since: SMALL_START, until: SMALL_START + DAY });

    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.tokenTotals()).toEqual(expectedTokens);
    expect(sink.cursors).toEqual(cursors);
  });

  it('advances both cursors to 2026-11-29T00:00Z and re-reads only 6 hours of usage and 2 days of cost', async () => {
    const sink = new MemorySink();
    const anthropic = collector();
    await anthropic.collect({ now: NOW, sink });
    expect(Object.fromEntries(sink.cursors)).toEqual({
      'anthropic/usage': scenario.end,
      'anthropic/cost': scenario.end,
    });

    sim.requests.length = 0;
    const result = await anthropic.collect({ now: NOW, sink });
    expect(result.streams.map((s) => [s.stream, s.from, s.to])).toEqual([
      ['usage', scenario.end - 6 * HOUR, scenario.end + HOUR],
      ['cost', scenario.end - 2 * DAY, scenario.end + DAY],
    ]);
    expect(requestsTo('usage_report/messages').map((r) => r.query.get('starting_at'))).toEqual([
      '2026-11-28T18:00:00Z',
    ]);
    expect(requestsTo('cost_report').map((r) => [r.query.get('starting_at'), r.query.get('page')])).toEqual([
      ['2026-11-27T00:00:00Z', null],
      ['2026-11-27T00:00:00Z', `page_${Buffer.from('2026-11-29T00:00:00Z').toString('base64')}`],
    ]);
    expect(sink.tokenTotals()).toEqual(expectedTokens);
  });

  it('sends the usage grouping and bucket width the report needs', async () => {
    await collector().collect({ now: NOW, sink: new MemorySink() });
    const [usage] = requestsTo('usage_report/messages');
    const [cost] = requestsTo('cost_report');
    expect(usage?.query.getAll('group_by[]')).toEqual([
      'api_key_id',
      'workspace_id',
      'model',
      'service_tier',
      'context_window',
      'inference_geo',
    ]);
    expect([usage?.query.get('bucket_width'), usage?.query.get('limit')]).toEqual(['1h', '48']);
    expect(cost?.query.getAll('group_by[]')).toEqual(['workspace_id', 'description']);
    expect([cost?.query.get('bucket_width'), cost?.query.get('ending_at')]).toEqual([
      '1d',
      '2026-11-30T00:00:00Z',
    ]);
  });

  it('keeps 3 written pages after a 500 on page 4, then a second run completes with exact totals', async () => {
    const sink = new MemorySink();
    sink.beforeWrite = (page) => {
      if (page === 3) sim.faults.serverError(1);
    };
    const anthropic = collector();
    const failed = await anthropic.collect({ now: NOW, sink });

    expect(failed).toMatchObject({ ok: false, code: 'provider_unavailable', streams: [] });
    expect(failed.ok ? '' : failed.hint).toContain('ANTHROPIC_BASE_URL');
    expect(sink.pagesWritten).toBe(3);
    expect(sink.cursors.get('anthropic/usage')).toBe(NOW - 30 * DAY - 1_800 + 3 * 48 * HOUR);

    sink.beforeWrite = () => {};
    const retried = await anthropic.collect({ now: NOW, sink });
    expect(retried.ok).toBe(true);
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.tokenTotals()).toEqual(expectedTokens);
  });

  it('propagates a sink failure on page 20 and loses nothing on the next run', async () => {
    const sink = new MemorySink();
    sink.beforeWrite = (page) => {
      if (page === 20) throw new Error('disk full');
    };
    await expect(collector().collect({ now: NOW, sink })).rejects.toThrow('disk full');
    expect(sink.cursors.get('anthropic/cost')).toBe(SMALL_START - 27 * DAY + 6 * DAY);

    sink.beforeWrite = () => {};
    expect((await collector().collect({ now: NOW, sink })).ok).toBe(true);
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.tokenTotals()).toEqual(expectedTokens);
  });

  it('waits out a 429 with retry-after 1 and collects everything with maxRetries 1', async () => {
    sim.faults.rateLimit(1, 1);
    const sink = new MemorySink();
    const result = await collector({ maxRetries: 1 }).collect({ now: NOW, sink });

    expect(result.ok).toBe(true);
    const [first, second] = requestsTo('usage_report/messages');
    expect(second?.query.toString()).toBe(first?.query.toString());
    expect(sink.billedMicros()).toBe(expectedMicros);
  });

  it('gives up at once on a 429 asking for 120 s, reporting provider_rate_limited with the wait', async () => {
    sim.faults.rateLimit(1, 120);
    const result = await collector({ maxRetries: 4 }).collect({ now: NOW, sink: new MemorySink() });

    expect(result).toMatchObject({ ok: false, code: 'provider_rate_limited' });
    expect(result.ok ? '' : result.hint).toContain('120 s');
    expect(sim.requests).toHaveLength(1);
  });

  it('reports provider_auth naming ANTHROPIC_ADMIN_API_KEY for a wrong and for a revoked key', async () => {
    const wrong = await collector({ apiKey: 'sk-ant-admin01-wrong' }).collect({
      now: NOW,
      sink: new MemorySink(),
    });
    const revokedSim = await startAnthropicSimulator({ scenario, adminKey: KEY });
    try {
      revokedSim.faults.revokeKey();
      const revoked = await collector({ baseUrl: revokedSim.url }).collect({
        now: NOW,
        sink: new MemorySink(),
      });
      for (const result of [wrong, revoked]) {
        expect(result).toMatchObject({ ok: false, code: 'provider_auth', streams: [] });
        expect(result.ok ? '' : result.hint).toContain('ANTHROPIC_ADMIN_API_KEY');
      }
    } finally {
      await revokedSim.close();
    }
  });

  it.each([
    ['invalid_json', '(root)'],
    ['wrong_shape', 'data'],
  ] as const)('reports provider_schema for a %s page at path %s', async (shape, path) => {
    sim.faults.malformed(1, shape);
    const result = await collector({ maxRetries: 2 }).collect({ now: NOW, sink: new MemorySink() });

    expect(result).toMatchObject({ ok: false, code: 'provider_schema' });
    expect(result.ok ? '' : result.message).toContain(`: ${path}: `);
  });

  it('keeps the finished usage stream when the cost stream fails', async () => {
    const sink = new MemorySink();
    sink.beforeWrite = (page) => {
      if (page === 16) sim.faults.malformed(1);
    };
    const result = await collector().collect({ now: NOW, sink });
    expect(result).toMatchObject({
      ok: false,
      code: 'provider_schema',
      streams: [{ stream: 'usage', pages: 16 }],
    });
    expect(sink.tokenTotals()).toEqual(expectedTokens);
  });

  it('reports provider_unavailable when nothing listens at the base URL', async () => {
    const gone = await startAnthropicSimulator({ scenario, adminKey: KEY });
    await gone.close();
    const result = await collector({ baseUrl: gone.url }).collect({ now: NOW, sink: new MemorySink() });
    expect(result).toMatchObject({ ok: false, code: 'provider_unavailable' });
  });

  it('reports progress per stream ending at done = total: 721 hours and 31 days', async () => {
    const progress: CollectProgress[] = [];
    await collector().collect({ now: NOW, sink: new MemorySink(), onProgress: (p) => progress.push(p) });
    const last = (stream: string) => progress.filter((p) => p.stream === stream).at(-1);
    expect(last('usage')).toEqual({
      source: 'anthropic',
      stream: 'usage',
      done: 721 * HOUR,
      total: 721 * HOUR,
    });
    expect(last('cost')).toEqual({ source: 'anthropic', stream: 'cost', done: 31 * DAY, total: 31 * DAY });
    expect(progress.filter((p) => p.stream === 'usage')).toHaveLength(16);
  });
});

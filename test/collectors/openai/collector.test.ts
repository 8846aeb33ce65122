import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectProgress } from '../../../src/collectors/collector.js';
import { createOpenAiCollector, type OpenAiCollectorOptions } from '../../../src/collectors/openai/index.js';
import { type OpenAiSimulator, startOpenAiSimulator } from '../../../src/sim/openai/server.js';
import type { OpenAiCostRecord, OpenAiUsageRecord, Scenario } from '../../../src/sim/scenario-types.js';
import { MemorySink } from '../../support/memory-sink.js';

const HOUR = 3_600;
const DAY = 86_400;
const START = Date.UTC(2026, 10, 26) / 1000;
const END = START + 3 * DAY;
const NOW = END + 30 * 60;
const KEYS = [
  { projectId: 'proj_search', apiKeyId: 'key_search_1' },
  { projectId: 'proj_search', apiKeyId: 'key_search_2' },
  { projectId: 'proj_support', apiKeyId: 'key_support_1' },
];
const MODELS = ['gpt-5.4', 'gpt-5.4-mini'];

function buildScenario(): Pick<Scenario, 'openai'> {
  const usage: OpenAiUsageRecord[] = [];
  for (let hour = 0; hour < 72; hour += 1) {
    KEYS.forEach((key, k) => {
      if ((hour * 7 + k * 3) % 5 === 0) return;
      const inputCachedTokens = (hour * 37) % 300;
      const inputCacheWriteTokens = (hour % 4) * 10;
      usage.push({
        hourStart: START + hour * HOUR,
        ...key,
        userId: null,
        model: MODELS[(hour + k) % 2]!,
        batch: hour === 30 && k === 2,
        serviceTier: hour === 41 && k === 0 ? 'flex' : null,
        inputTokens: 1_000 + hour * 13 + k * 101 + inputCachedTokens + inputCacheWriteTokens,
        inputCachedTokens,
        inputCacheWriteTokens,
        outputTokens: 200 + hour + k,
        numModelRequests: 1 + ((hour + k) % 4),
      });
    });
  }
  const costs: OpenAiCostRecord[] = [];
  for (let day = 0; day < 3; day += 1) {
    ['proj_search', 'proj_support'].forEach((projectId, p) => {
      ['gpt-5.4, input', 'gpt-5.4, output', 'gpt-5.4-mini, input'].forEach((lineItem, i) => {
        const record = {
          day: START + day * DAY,
          projectId,
          lineItem,
          quantity: 1_000 * (i + 1),
          quantityUnit: 'tokens',
        };
        // Two keys under one line item: the report sums them because it is not grouped by key.
        costs.push({
          ...record,
          apiKeyId: 'key_a',
          amountMicros: 1_234_567 * (day + 1) + p * 333_333 + i * 7,
        });
        costs.push({ ...record, apiKeyId: 'key_b', amountMicros: 10_001 * (i + 1) });
      });
    });
  }
  costs.push({
    day: START + DAY,
    projectId: 'proj_support',
    apiKeyId: null,
    lineItem: 'Credit grant',
    amountMicros: -2_500_000,
    quantity: null,
    quantityUnit: null,
  });
  return { openai: { usage, costs } };
}

const scenario = buildScenario();
const expectedMicros = scenario.openai.costs.reduce((total, record) => total + record.amountMicros, 0);
const expectedUsage = scenario.openai.usage.reduce(
  (totals, record) => ({
    uncachedInput:
      totals.uncachedInput + record.inputTokens - record.inputCachedTokens - record.inputCacheWriteTokens,
    cacheWrite5m: totals.cacheWrite5m + record.inputCacheWriteTokens,
    cacheWrite1h: 0,
    cacheRead: totals.cacheRead + record.inputCachedTokens,
    output: totals.output + record.outputTokens,
    requests: totals.requests + record.numModelRequests,
  }),
  { uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0, requests: 0 },
);

let sim: OpenAiSimulator;
beforeEach(async () => {
  sim = await startOpenAiSimulator({ scenario, now: () => NOW });
});
afterEach(async () => {
  await sim.close();
});

function collector(options: Partial<OpenAiCollectorOptions> = {}) {
  return createOpenAiCollector({
    adminKey: 'sk-admin-sim',
    baseUrl: sim.url,
    backfillDays: 3,
    pageLimit: 3,
    ...options,
  });
}

describe('OpenAI collector against the simulator', () => {
  it('collects 3 days in 25 hourly and 2 daily pages with billed micro-dollars and tokens exact', async () => {
    const sink = new MemorySink();
    const progress: CollectProgress[] = [];
    const result = await collector().collect({ now: NOW, sink, onProgress: (step) => progress.push(step) });

    expect(result).toEqual({
      source: 'openai',
      ok: true,
      streams: [
        { stream: 'usage', pages: 25, facts: sink.usage.size, from: START, to: END + HOUR },
        { stream: 'cost', pages: 2, facts: sink.billed.size, from: START, to: END + DAY },
      ],
    });
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.usageTotals()).toEqual(expectedUsage);
    expect(sink.cursors).toEqual(
      new Map([
        ['openai/usage', END],
        ['openai/cost', END],
      ]),
    );
    expect(progress.filter((step) => step.stream === 'usage').at(-1)).toMatchObject({
      done: 73 * HOUR,
      total: 73 * HOUR,
    });

    const facts = [...sink.usage.values()];
    expect(facts.filter((fact) => fact.dims.serviceTier === 'batch').map((fact) => fact.bucketStart)).toEqual(
      [START + 30 * HOUR],
    );
    expect(facts.filter((fact) => fact.dims.serviceTier === 'flex')).toHaveLength(1);
    const billed = [...sink.billed.values()];
    expect(billed).toHaveLength(3 * 2 * 3 + 1);
    const credit = billed.find((fact) => fact.lineItem === 'Credit grant');
    expect(credit).toEqual({
      dims: { source: 'openai', projectId: 'proj_support' },
      day: START + DAY,
      lineItem: 'Credit grant',
      amountMicros: -2_500_000,
      final: true,
    });
    const finalByDay = new Map(billed.map((fact) => [fact.day, fact.final]));
    expect([...finalByDay.entries()].sort()).toEqual([
      [START, true],
      [START + DAY, true],
      [START + 2 * DAY, false],
    ]);
  });

  it('leaves totals unchanged when the same window is collected twice', async () => {
    const sink = new MemorySink();
    await collector().collect({ now: NOW, sink });
    const factsAfterFirst = [sink.usage.size, sink.billed.size];
    const second = await collector().collect({ now: NOW + 600, sink });
    expect(second.ok).toBe(true);
    expect([sink.usage.size, sink.billed.size]).toEqual(factsAfterFirst);
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.usageTotals()).toEqual(expectedUsage);
  });

  it('asks only for the last 6 hours of usage and 2 days of costs on a second run', async () => {
    const sink = new MemorySink();
    await collector().collect({ now: NOW, sink });
    const firstRunRequests = sim.requests.length;
    await collector().collect({ now: NOW + 600, sink });
    const secondRun = sim.requests.slice(firstRunRequests);
    const window = (path: string) =>
      secondRun
        .filter((request) => request.path === path)
        .map((request) => [Number(request.query.start_time?.[0]), Number(request.query.end_time?.[0])]);
    const usageWindows = window('/v1/organization/usage/completions');
    expect(usageWindows).toHaveLength(3);
    expect(new Set(usageWindows.map(String))).toEqual(new Set([String([END - 6 * HOUR, END + HOUR])]));
    expect(window('/v1/organization/costs')).toEqual([[END - 2 * DAY, END + DAY]]);
    expect(secondRun[0]?.query.group_by).toEqual([
      'project_id',
      'api_key_id',
      'model',
      'batch',
      'service_tier',
    ]);
  });

  it('keeps the first 5 pages when page 6 fails and completes exactly on the next run', async () => {
    const sink = new MemorySink();
    let usagePages = 0;
    const failing = await collector({ maxRetries: 0 }).collect({
      now: NOW,
      sink,
      onProgress: (step) => {
        if (step.stream === 'usage' && ++usagePages === 5) sim.faults.serverError(1);
      },
    });
    expect(failing).toMatchObject({ ok: false, code: 'provider_unavailable', streams: [] });
    expect(failing.ok ? undefined : failing.hint).toContain('OPENAI_BASE_URL');
    expect(sink.cursor('openai', 'usage')).toBe(START + 15 * HOUR);
    expect(sink.usageTotals().output).toBeLessThan(expectedUsage.output);

    const rerun = await collector({ maxRetries: 0 }).collect({ now: NOW, sink });
    expect(rerun.ok).toBe(true);
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.usageTotals()).toEqual(expectedUsage);
  });

  it('waits out 2 answers of 429 with retry-after 0 and collects everything', async () => {
    sim.faults.rateLimit(2, 0);
    const sink = new MemorySink();
    const result = await collector({ maxRetries: 4 }).collect({ now: NOW, sink });
    expect(result.ok).toBe(true);
    expect(sim.requests).toHaveLength(25 + 2 + 2);
    expect(sink.billedMicros()).toBe(expectedMicros);
    expect(sink.usageTotals()).toEqual(expectedUsage);
  });

  it('reports provider_rate_limited after 1 try and 2 retries all answered 429', async () => {
    sim.faults.rateLimit(10, 0);
    const result = await collector({ maxRetries: 2 }).collect({ now: NOW, sink: new MemorySink() });
    expect(result).toMatchObject({ ok: false, code: 'provider_rate_limited', streams: [] });
    expect(sim.requests).toHaveLength(3);
  });

  it('reports provider_auth with a hint naming OPENAI_ADMIN_KEY for a revoked key and a wrong key', async () => {
    sim.faults.revokeKey();
    const revoked = await collector().collect({ now: NOW, sink: new MemorySink() });
    const wrong = await collector({ adminKey: 'sk-proj-wrong' }).collect({
      now: NOW,
      sink: new MemorySink(),
    });
    for (const result of [revoked, wrong]) {
      expect(result).toMatchObject({ source: 'openai', ok: false, code: 'provider_auth', streams: [] });
      expect(result.ok ? undefined : result.hint).toContain('OPENAI_ADMIN_KEY');
    }
    expect(JSON.stringify(wrong)).not.toContain('sk-proj-wrong');
  });

  it('reports provider_auth without a request when the admin key is empty', async () => {
    const result = await collector({ adminKey: '' }).collect({ now: NOW, sink: new MemorySink() });
    expect(result).toMatchObject({ ok: false, code: 'provider_auth' });
    expect(sim.requests).toHaveLength(0);
  });

  it('reports provider_schema for cut-off JSON and for a page whose data is not a list', async () => {
    sim.faults.malformed(1, 'truncated');
    const truncated = await collector().collect({ now: NOW, sink: new MemorySink() });
    expect(truncated).toMatchObject({ ok: false, code: 'provider_schema', streams: [] });

    sim.faults.malformed(1, 'wrong-shape');
    const wrongShape = await collector().collect({ now: NOW, sink: new MemorySink() });
    expect(wrongShape).toMatchObject({ ok: false, code: 'provider_schema' });
    expect(wrongShape.ok ? '' : wrongShape.message).toContain('$.data');
  });

  it('returns the finished usage stream when the cost stream then fails', async () => {
    const sink = new MemorySink();
    const result = await collector().collect({
      now: NOW,
      sink,
      onProgress: (step) => {
        if (step.stream === 'usage' && step.done === step.total) sim.faults.malformed(1, 'wrong-shape');
      },
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'provider_schema',
      streams: [{ stream: 'usage', pages: 25 }],
    });
    expect(sink.usageTotals()).toEqual(expectedUsage);
    expect(sink.billed.size).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createAzureCollector } from '../../../src/collectors/azure/index.js';
import type { CollectResult } from '../../../src/collectors/collector.js';
import { azureCostLines } from '../../../src/sim/azure/cost-lines.js';
import { type AzureSim, startAzureSim } from '../../../src/sim/azure/server.js';
import {
  AZURE_SUBSCRIPTION,
  AZURE_WORKLOADS,
  azureHour,
} from '../../../src/sim/scenario/azure/azure-workloads.js';
import { MemorySink } from '../../support/memory-sink.js';

/** 2026-11-11T10:30:00Z: 10 days of backfill start at 2026-11-01T00:00Z. */
const NOW = Date.UTC(2026, 10, 11, 10, 30) / 1000;
const FROM = Date.UTC(2026, 10, 1) / 1000;
const SCOPE = `subscriptions/${AZURE_SUBSCRIPTION}`;
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3600e3 }) };

let sim: AzureSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(pageRows?: number) {
  sim = await startAzureSim({ now: NOW, ...(pageRows === undefined ? {} : { pageRows }) });
  const waits: number[] = [];
  const collector = createAzureCollector({
    scopes: [SCOPE],
    credential,
    endpoint: sim.url,
    backfillDays: 10,
    costRepollDays: 3,
    maxRetries: 2,
    sleep: async (seconds) => {
      waits.push(seconds);
    },
  });
  return { sim, collector, waits, sink: new MemorySink() };
}

function expectedMicros(): number {
  return azureCostLines(AZURE_WORKLOADS, { from: FROM, to: NOW + 86_400, now: NOW }).reduce(
    (sum, line) => sum + line.micros,
    0,
  );
}

function expectedTokens() {
  const totals = { input: 0, output: 0, requests: 0 };
  for (const workload of AZURE_WORKLOADS) {
    // usage backfills 10 days to the hour: from 2026-11-01T10:00Z
    for (let hour = FROM + 10 * 3_600; hour < NOW; hour += 3_600) {
      const traffic = azureHour(workload, hour);
      totals.input += traffic.inputTokens;
      totals.output += traffic.outputTokens;
      totals.requests += traffic.requests;
    }
  }
  return totals;
}

const failed = (result: CollectResult) => {
  if (result.ok) throw new Error('expected a failure');
  return result;
};

describe('createAzureCollector', () => {
  it('stores 10.5 days of billed cost equal to the simulated bill to the micro-dollar', async () => {
    const { collector, sink } = await setup();
    const result = await collector.collect({ now: NOW, sink });
    expect(result.ok).toBe(true);
    const expected = expectedMicros();
    expect(expected).toBeGreaterThan(100_000_000);
    expect(sink.billedMicros()).toBe(expected);
    // 11 days (10 whole + today) × 2 accounts × (2 + 4 meters) / 2 accounts = 66 lines
    expect(sink.billed.size).toBe(66);
    expect(sink.cursor('azure', `cost:${SCOPE}`)).toBe(Date.UTC(2026, 10, 11) / 1000);
    const line = [...sink.billed.values()].find(
      (fact) => fact.lineItem === 'gpt-4o-mini-0718 Inp glbl Tokens',
    );
    expect(line?.dims).toEqual({
      source: 'azure',
      accountId: AZURE_SUBSCRIPTION,
      projectId: 'rg-growth',
      model: 'gpt-4o-mini',
      region: 'swedencentral',
      tags: { team: 'growth', feature: 'onboarding' },
      billingScope: `azure|/subscriptions/${AZURE_SUBSCRIPTION}/resourcegroups/rg-growth/providers/microsoft.cognitiveservices/accounts/aoai-growth`,
    });
    const days = [...sink.billed.values()].map((fact) => [fact.day, fact.final] as const);
    expect(days.find(([day]) => day === FROM)?.[1]).toBe(true);
    expect(days.find(([day]) => day === Date.UTC(2026, 10, 9) / 1000)?.[1]).toBe(false);
  });

  it('stores hourly tokens per deployment equal to the simulated traffic', async () => {
    const { collector, sink } = await setup();
    await collector.collect({ now: NOW, sink });
    const totals = sink.usageTotals();
    const expected = expectedTokens();
    expect(totals.uncachedInput).toBe(expected.input);
    expect(totals.output).toBe(expected.output);
    expect(totals.requests).toBe(expected.requests);
    const deployments = new Set([...sink.usage.values()].map((fact) => fact.dims.deployment));
    expect([...deployments].sort()).toEqual(['growth-4o', 'growth-mini', 'support-gpt4o']);
    const fact = [...sink.usage.values()].find((entry) => entry.dims.deployment === 'support-gpt4o');
    expect(fact?.dims.tags).toEqual({ team: 'support', feature: 'support-bot' });
    expect(fact?.dims.model).toBe('gpt-4o');
    expect(fact?.dims.region).toBe('eastus');
  });

  it('changes nothing on a second pass at the same time: same micro-dollars, same tokens', async () => {
    const { collector, sink, sim: server } = await setup();
    await collector.collect({ now: NOW, sink });
    const billed = sink.billedMicros();
    const usage = sink.usageTotals();
    const calls = server.calls.length;
    const second = await collector.collect({ now: NOW, sink });
    expect(second.ok).toBe(true);
    expect(sink.billedMicros()).toBe(billed);
    expect(sink.usageTotals()).toEqual(usage);
    // the repoll re-reads 3 days of cost (4 queries), today's usage (2 accounts) and the last
    // minutes of signals (2 accounts × calls and averages), not the backfill
    expect(server.calls.length - calls).toBe(10);
    const repolled = server.calls.at(-10)?.body as { timePeriod: { from: string } };
    expect(repolled.timePeriod.from).toBe('2026-11-08T00:00:00.000Z');
  });

  it('follows nextLink across 20 pages of 4 rows and stores the same total', async () => {
    const { collector, sink, sim: server } = await setup(4);
    const result = await collector.collect({ now: NOW, sink });
    expect(result.ok).toBe(true);
    expect(sink.billedMicros()).toBe(expectedMicros());
    const pages = server.calls.filter(
      (call) => call.route === 'query' && call.params.$skiptoken !== undefined,
    );
    // 66 daily rows in pages of 4 → 16 follow-ups; 2 resources fit one page for location and each tag
    expect(pages.length).toBe(16);
    expect(pages.every((call) => call.method === 'POST')).toBe(true);
  });

  it('waits out a 429 for the 7 s its retry-after headers ask, then succeeds', async () => {
    const { collector, sink, sim: server, waits } = await setup();
    server.failNext('query', {
      status: 429,
      headers: {
        'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '7',
        'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after': '2',
      },
      body: { error: { code: '429', message: 'Too many requests' } },
    });
    const result = await collector.collect({ now: NOW, sink });
    expect(result.ok).toBe(true);
    expect(waits).toEqual([7]);
    expect(sink.billedMicros()).toBe(expectedMicros());
  });

  it('fails with provider_rate_limited when a 429 asks for 300 s', async () => {
    const { collector, sink, sim: server, waits } = await setup();
    server.failNext('query', {
      status: 429,
      headers: { 'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after': '300' },
      body: { error: { code: '429', message: 'Too many requests' } },
    });
    const result = failed(await collector.collect({ now: NOW, sink }));
    expect(result.code).toBe('provider_rate_limited');
    expect(result.message).toContain('300 s');
    expect(waits).toEqual([]);
  });

  it('answers a 403 with provider_auth naming Cost Management Reader and sources.azure.scopes', async () => {
    const { collector, sink, sim: server } = await setup();
    server.failNext('query', {
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'no access' } },
    });
    const result = failed(await collector.collect({ now: NOW, sink }));
    expect(result.code).toBe('provider_auth');
    expect(result.hint).toContain('Cost Management Reader');
    expect(result.hint).toContain('sources.azure.scopes');
    expect(sink.billed.size).toBe(0);
  });

  it('answers a 403 of Azure Monitor with provider_auth naming Monitoring Reader and keeps the cost', async () => {
    const { collector, sink, sim: server } = await setup();
    server.failNext('metrics', {
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'no access' } },
    });
    const result = failed(await collector.collect({ now: NOW, sink }));
    expect(result.code).toBe('provider_auth');
    expect(result.hint).toContain('Monitoring Reader');
    expect(sink.billedMicros()).toBe(expectedMicros());
    expect(result.streams.map((stream) => stream.stream)).toEqual([`cost:${SCOPE}`]);
  });

  it('answers a cost cell of the wrong type with provider_schema and its JSON path', async () => {
    const { collector, sink, sim: server } = await setup();
    server.failNext('query', {
      status: 200,
      body: {
        properties: {
          nextLink: null,
          columns: ['Cost', 'UsageDate', 'ResourceId', 'Meter', 'Currency'].map((name) => ({
            name,
            type: 'String',
          })),
          rows: [['1.5', 20261101, '/subscriptions/x/resourcegroups/r/providers/a/b/c', 'm', 'USD']],
        },
      },
    });
    const result = failed(await collector.collect({ now: NOW, sink }));
    expect(result.code).toBe('provider_schema');
    expect(result.message).toContain('properties.rows[0][0]');
  });

  it('answers a metric without a name with provider_schema naming value[0].name.value', async () => {
    const { collector, sink, sim: server } = await setup();
    server.failNext('metrics', { status: 200, body: { timespan: 'x', value: [{ timeseries: [] }] } });
    const result = failed(await collector.collect({ now: NOW, sink }));
    expect(result.code).toBe('provider_schema');
    expect(result.message).toMatch(/Azure Monitor .*: value\[0\]\.name\.value is not text/);
  });
});

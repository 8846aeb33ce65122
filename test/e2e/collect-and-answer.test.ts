import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicCollector } from '../../src/collectors/anthropic/index.js';
import type { FactSink } from '../../src/collectors/collector.js';
import { createOpenAiCollector } from '../../src/collectors/openai/index.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { compileAttribution } from '../../src/core/attribution/attribute.js';
import { SECONDS_PER_DAY } from '../../src/core/facts.js';
import { createPriceBook } from '../../src/core/pricing/price-book.js';
import type { TeamSpendView } from '../../src/core/views/team-spend-view.js';
import { type App, createApp } from '../../src/main.js';
import { type AnthropicSimulator, startAnthropicSimulator } from '../../src/sim/anthropic/server.js';
import { type OpenAiSimulator, startOpenAiSimulator } from '../../src/sim/openai/server.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import type { Scenario } from '../../src/sim/scenario-types.js';
import { createDimsRepository } from '../../src/store/dims-repository.js';
import { createFactSink } from '../../src/store/fact-sink.js';
import { openDatabase } from '../../src/store/open-database.js';

const NOW = Date.UTC(2026, 10, 29, 14, 30) / 1000;
const TODAY = NOW - (NOW % SECONDS_PER_DAY);
const scenario: Scenario = generateScenario({ end: NOW, days: 12 });
let anthropic: AnthropicSimulator;
let openai: OpenAiSimulator;

beforeAll(async () => {
  anthropic = await startAnthropicSimulator({ scenario });
  openai = await startOpenAiSimulator({ scenario, now: () => NOW });
});
afterAll(async () => {
  await Promise.all([anthropic.close(), openai.close()]);
});

function env(dbPath: string, anthropicUrl = anthropic.url) {
  return {
    ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-sim',
    ANTHROPIC_BASE_URL: anthropicUrl,
    OPENAI_ADMIN_KEY: 'sk-admin-sim',
    OPENAI_BASE_URL: openai.url,
    AI_SPEND_DB: dbPath,
  };
}

const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
const freshDb = () => join(mkdtempSync(join(tmpdir(), 'ai-spend-e2e-')), 'ai-spend.db');

function openApp(dbPath = freshDb(), anthropicUrl = anthropic.url): App {
  return createApp({
    config,
    environment: readEnvironment(env(dbPath, anthropicUrl)),
    sources: ['anthropic', 'openai'],
    clock: () => NOW,
    maxRetries: 0,
  });
}

/** What the simulators served, per source and UTC day, in micro-dollars: the invoice. */
function invoiceByDay(): Map<string, number> {
  const byDay = new Map<string, number>();
  const add = (source: string, day: number, micros: number) => {
    const key = `${source}|${day}`;
    byDay.set(key, (byDay.get(key) ?? 0) + micros);
  };
  for (const cost of scenario.anthropic.costs) add('anthropic', cost.day, cost.amountMicros);
  for (const cost of scenario.openai.costs) add('openai', cost.day, cost.amountMicros);
  return byDay;
}

function billedByDay(app: App): Map<string, number> {
  const rows = app.db
    .prepare(
      'SELECT source, day, sum(billed_micros) AS micros FROM rollup_daily WHERE billed = 1 GROUP BY source, day',
    )
    .all() as Array<{ source: string; day: number; micros: number }>;
  return new Map(rows.map((row) => [`${row.source}|${row.day}`, row.micros]));
}

function usageTokens(app: App): Record<string, number> {
  const rows = app.db
    .prepare(`SELECT d.source, sum(uncached_input + cache_write_5m + cache_write_1h + cache_read + output) AS tokens
      FROM usage_facts u JOIN dims d ON d.id = u.dim_id GROUP BY d.source`)
    .all() as Array<{ source: string; tokens: number }>;
  return Object.fromEntries(rows.map((row) => [row.source, row.tokens]));
}

const servedTokens = {
  anthropic: scenario.anthropic.usage.reduce(
    (sum, r) =>
      sum +
      r.uncachedInputTokens +
      r.cacheReadInputTokens +
      r.cacheCreation5mTokens +
      r.cacheCreation1hTokens +
      r.outputTokens,
    0,
  ),
  openai: scenario.openai.usage.reduce((sum, r) => sum + r.inputTokens + r.outputTokens, 0),
};

function expectExactLedger(app: App): void {
  const invoice = invoiceByDay();
  const billed = billedByDay(app);
  const billedDays = [...invoice.keys()].filter((key) => Number(key.split('|')[1]) < TODAY);
  expect(billedDays.length).toBeGreaterThan(20);
  for (const key of billedDays) expect([key, billed.get(key)]).toEqual([key, invoice.get(key)]);
  expect(usageTokens(app)).toEqual(servedTokens);
}

const snapshot = (app: App) =>
  app.db.prepare('SELECT * FROM rollup_daily ORDER BY team, day, source, feature, model').all();

describe('collect → store → answer, through the real SDKs and the simulators', () => {
  it('stores exactly what the providers served: every billed day adds up to its invoice', async () => {
    const app = openApp();
    const summary = await app.collect();
    expect(summary.results.map((result) => [result.source, result.ok])).toEqual([
      ['anthropic', true],
      ['openai', true],
    ]);
    expectExactLedger(app);
    const runs = app.db.prepare('SELECT job, status, started_at AS startedAt FROM job_runs').all();
    expect(runs).toEqual([{ job: 'collect', status: 'ok', startedAt: NOW }]);
    app.close();
  });

  it('collecting the same window again, or backfilling it, changes nothing', async () => {
    const app = openApp();
    await app.collect();
    const before = snapshot(app);
    const again = await app.collect();
    expect(again.results.every((result) => result.ok)).toBe(true);
    expect(snapshot(app)).toEqual(before);
    const backfill = await app.collect({ since: scenario.start - SECONDS_PER_DAY });
    expect(backfill.results.every((result) => result.ok)).toBe(true);
    expect(snapshot(app)).toEqual(before);
    expectExactLedger(app);
    app.close();
  });

  it.each([1, 4, 11])(
    'a crash after page %i of each source loses nothing and counts nothing twice',
    async (pages) => {
      const dbPath = freshDb();
      const db = openDatabase({ path: dbPath });
      const dims = createDimsRepository(db, compileAttribution(config.attribution));
      const sink = createFactSink({ db, dims, priceBook: createPriceBook(config.prices), clock: () => NOW });
      let written = 0;
      const crashing: FactSink = {
        ...sink,
        writeUsage(source, page) {
          if (++written > pages) throw new Error('power cut');
          sink.writeUsage(source, page);
        },
        writeBilled(source, page) {
          if (++written > pages) throw new Error('power cut');
          sink.writeBilled(source, page);
        },
      };
      const collectors = [
        createAnthropicCollector({
          apiKey: 'sk-ant-admin01-sim',
          baseUrl: anthropic.url,
          backfillDays: 90,
          maxRetries: 0,
        }),
        createOpenAiCollector({
          adminKey: 'sk-admin-sim',
          baseUrl: openai.url,
          backfillDays: 90,
          maxRetries: 0,
        }),
      ];
      for (const collector of collectors) {
        written = 0;
        await collector.collect({ now: NOW, sink: crashing }).catch(() => undefined);
      }
      db.close();

      const app = openApp(dbPath);
      await app.collect();
      expectExactLedger(app);
      app.close();
    },
  );

  it('a revoked Anthropic key is reported with the setting to fix; OpenAI is still collected and nothing stored is lost', async () => {
    const revocable = await startAnthropicSimulator({ scenario });
    const app = openApp(freshDb(), revocable.url);
    try {
      await app.collect();
      const before = snapshot(app);
      revocable.faults.revokeKey();
      const summary = await app.collect();
      const [anthropicResult, openaiResult] = summary.results;
      expect(anthropicResult).toMatchObject({ source: 'anthropic', ok: false, code: 'provider_auth' });
      expect(anthropicResult?.ok === false && anthropicResult.hint).toMatch(/ANTHROPIC_ADMIN_API_KEY/);
      expect(JSON.stringify(summary)).not.toContain('sk-ant-admin01-sim');
      expect(openaiResult).toMatchObject({ source: 'openai', ok: true });
      expect(snapshot(app)).toEqual(before);
    } finally {
      app.close();
      await revocable.close();
    }
  });

  it('bad JSON from OpenAI is a provider_schema error; Anthropic is still collected', async () => {
    const app = openApp();
    openai.faults.malformed(1, 'wrong-shape');
    const summary = await app.collect();
    expect(summary.results[0]).toMatchObject({ source: 'anthropic', ok: true });
    expect(summary.results[1]).toMatchObject({ source: 'openai', ok: false, code: 'provider_schema' });
    await app.collect();
    expectExactLedger(app);
    app.close();
  });
});

describe('team answers from the collected data', () => {
  let app: App;
  beforeAll(async () => {
    app = openApp();
    await app.collect();
  });
  afterAll(() => app.close());

  it('team totals of the billed days add up to the invoice exactly, unallocated included', () => {
    const start = TODAY - 7 * SECONDS_PER_DAY;
    const teams = [...Object.keys(config.teams), 'unallocated'];
    const queries = app.db
      .prepare(
        'SELECT coalesce(sum(billed_micros), 0) FROM rollup_daily WHERE team = ? AND day >= ? AND day < ?',
      )
      .pluck();
    const teamSum = teams.reduce((sum, team) => sum + Number(queries.get(team, start, TODAY)), 0);
    const invoice = [...scenario.anthropic.costs, ...scenario.openai.costs]
      .filter((cost) => cost.day >= start && cost.day < TODAY)
      .reduce((sum, cost) => sum + cost.amountMicros, 0);
    expect(teamSum).toBe(invoice);
  });

  it('answers `team search 7d` with the JSON contract, billed and estimated labelled', () => {
    const view = app.answer('team search 7d').data as unknown as TeamSpendView;
    expect(view).toMatchObject({
      kind: 'team_spend',
      team: 'search',
      period: { label: '7d', start: '2026-11-23T00:00:00Z', end: '2026-11-30T00:00:00Z' },
    });
    expect(view.total_micros).toBe(view.billed_micros + view.estimated_micros);
    expect(view.billed_micros).toBeGreaterThan(0);
    expect(view.estimated_micros).toBeGreaterThan(0);
    for (const list of [view.by_provider, view.by_feature, view.by_model]) {
      expect(list.reduce((sum, entry) => sum + entry.micros, 0)).toBe(view.total_micros);
    }
    expect(view.by_feature.map((entry) => entry.key)).toContain('ask-docs');
    expect(view.previous_total_micros).toBeGreaterThan(0);
    expect(view.change.micros).toBe(view.total_micros - view.previous_total_micros);
    expect(view.change.ratio).toBeCloseTo(view.change.micros / view.previous_total_micros, 12);
    expect(view.freshness).toMatchObject({
      usage_through: '2026-11-29T14:00:00Z',
      billed_through: '2026-11-28',
    });
  });

  it('shows the whole organisation with its unallocated share', () => {
    const view = app.answer('team all 7d').data as unknown as TeamSpendView;
    const unallocated = view.by_team?.find((entry) => entry.key === 'unallocated');
    expect(view.unallocated_micros).toBeGreaterThan(0);
    expect(unallocated?.micros).toBe(view.unallocated_micros);
    expect(view.by_team?.reduce((sum, entry) => sum + entry.micros, 0)).toBe(view.total_micros);
  });

  it('omits the change ratio when the previous period had no spend', () => {
    const view = app.answer('team search 2026-11-17..2026-11-18').data as unknown as TeamSpendView;
    expect(view.previous_total_micros).toBe(0);
    expect(view.change).toEqual({ micros: view.total_micros });
  });

  it('says so for an unknown team and lists the known ones', () => {
    const reply = app.answer('team serch');
    expect(reply.data).toMatchObject({ kind: 'unknown_team', team: 'serch' });
    expect(reply.data.known_teams).toEqual(['data', 'growth', 'mobile', 'platform', 'search', 'support']);
    expect(reply.message.summary).toMatch(/Did you mean \*search\*/);
  });
});

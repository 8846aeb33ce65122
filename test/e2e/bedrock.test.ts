import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, type SourceId } from '../../src/core/facts.js';
import { isoDay } from '../../src/core/period.js';
import type { LatencyView } from '../../src/core/views/latency-view.js';
import type { QuotaView } from '../../src/core/views/quota-view.js';
import type { TeamSpendView } from '../../src/core/views/team-spend-view.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { demoStory } from '../../src/sim/scenario/demo-story.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import type { BedrockScenario } from '../../src/sim/scenario-types.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const TODAY = NOW - (NOW % SECONDS_PER_DAY);
const scenario = generateScenario({ end: NOW, days: 12 });
const bedrock = scenario.bedrock as BedrockScenario;
const story = demoStory(NOW).bedrock;
const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
let simulators: Simulators;

beforeAll(async () => {
  simulators = await startSimulators(scenario, { now: () => NOW });
});
afterAll(async () => {
  await simulators.close();
});

function openApp(sources: SourceId[] = ['bedrock']): App {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'ai-spend-bedrock-')), 'ai-spend.db');
  return createApp({
    config,
    environment: readEnvironment({ ...simulators.env, AI_SPEND_DB: dbPath }),
    sources,
    clock: () => NOW,
    maxRetries: 0,
  });
}

/** Every token CloudWatch holds for the scenario, by region, summed from its hours. */
function servedTokens(): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const series of bedrock.series) {
    for (let hour = scenario.start; hour < NOW; hour += SECONDS_PER_HOUR) {
      const stats = bedrock.hour(series, hour);
      if (stats === null) continue;
      const tokens = stats.inputTokens + stats.outputTokens + stats.cacheReadTokens + stats.cacheWriteTokens;
      totals[series.region] = (totals[series.region] ?? 0) + tokens;
    }
  }
  return totals;
}

function storedTokens(app: App): Record<string, number> {
  const rows = app.db
    .prepare(`SELECT d.region, sum(uncached_input + cache_write_5m + cache_write_1h + cache_read + output) AS tokens
      FROM usage_facts u JOIN dims d ON d.id = u.dim_id WHERE d.source = 'bedrock' GROUP BY d.region`)
    .all() as Array<{ region: string; tokens: number }>;
  return Object.fromEntries(rows.map((row) => [row.region, row.tokens]));
}

function invoiceByDay(): Map<number, number> {
  const byDay = new Map<number, number>();
  for (const cost of bedrock.costs) byDay.set(cost.day, (byDay.get(cost.day) ?? 0) + cost.amountMicros);
  return byDay;
}

const snapshot = (app: App) => ({
  rollups: app.db
    .prepare("SELECT * FROM rollup_daily WHERE source = 'bedrock' ORDER BY team, day, feature, model")
    .all(),
  points: app.db
    .prepare("SELECT count(*) AS n, sum(value) AS total FROM metric_points WHERE source = 'bedrock'")
    .get(),
  quotas: app.db
    .prepare("SELECT region, model, unit, value FROM quota_limits WHERE source = 'bedrock' ORDER BY 1, 2, 3")
    .all(),
});

describe('Amazon Bedrock through the AWS SDK clients and the simulators', () => {
  let app: App;
  beforeAll(async () => {
    app = openApp();
    const summary = await app.collect();
    expect(summary.results).toMatchObject([{ source: 'bedrock', ok: true }]);
  });
  afterAll(() => app.close());

  it('stores every token CloudWatch served, in both regions', () => {
    expect(storedTokens(app)).toEqual(servedTokens());
  });

  it('splits each billed day so that team totals add up to the Cost Explorer invoice exactly', () => {
    const billed = app.db
      .prepare(
        "SELECT day, sum(billed_micros) AS micros FROM rollup_daily WHERE source = 'bedrock' AND billed = 1 GROUP BY day",
      )
      .all() as Array<{ day: number; micros: number }>;
    const invoice = invoiceByDay();
    const days = [...invoice.keys()].filter((day) => day < TODAY);
    expect(days.length).toBeGreaterThan(10);
    expect(Object.fromEntries(billed.map((row) => [row.day, row.micros]))).toEqual(
      Object.fromEntries(days.map((day) => [day, invoice.get(day)])),
    );
  });

  it('attributes tagged application profiles to their team and feature, untagged calls to unallocated', () => {
    const view = app.answer('provider bedrock 7d').data as unknown as TeamSpendView;
    const teams = view.by_team?.map((entry) => entry.key) ?? [];
    expect(teams).toEqual(expect.arrayContaining(['data', 'platform', 'mobile', 'support', 'unallocated']));
    expect(view.by_feature.map((entry) => entry.key)).toContain('data/doc-summarizer');
    expect(view.unallocated_micros).toBeGreaterThan(0);
    expect(view.by_team?.reduce((sum, entry) => sum + entry.micros, 0)).toBe(view.total_micros);
  });

  it('stamps Bedrock answers with the freshness of its stalest region and its last billed day', () => {
    const view = app.answer('provider bedrock 7d').data as unknown as TeamSpendView;
    expect(view.freshness.sources).toEqual([
      { source: 'bedrock', usage_through: '2026-11-29T14:00:00Z', billed_through: '2026-11-28' },
    ]);
  });

  it('answers `model claude-haiku-4-5` with the Bedrock profiles of that family', () => {
    const view = app.answer('model claude-haiku-4-5 7d').data as unknown as TeamSpendView;
    expect(view).toMatchObject({ kind: 'model_spend', model: 'claude-haiku-4-5' });
    expect(view.by_model.map((entry) => entry.key)).toEqual(['us.anthropic.claude-haiku-4-5-20251001-v1:0']);
    expect(view.by_team?.map((entry) => entry.key).sort()).toEqual(['data', 'support']);
  });

  it(`shows the ${story.quotaName} quota past 80% at peak since the Tuesday, mostly used by team data`, () => {
    const view = app.answer('quota 7d').data as unknown as QuotaView;
    const hot = view.quotas.find((row) => row.name === story.quotaName && row.region === story.quotaRegion);
    expect(hot).toMatchObject({ limit_tpm: story.quotaValue, teams: [{ team: 'data', share: 1 }] });
    expect(hot?.peak_percent).toBeGreaterThanOrEqual(80);
    expect(hot?.peak_percent).toBeLessThan(100);
    expect(Date.parse(hot?.peak_at ?? '') / 1000).toBeGreaterThanOrEqual(story.quotaTuesday);
    expect(hot?.minutes_over_threshold).toBeGreaterThan(0);
    expect(hot?.throttles).toBeGreaterThan(0);
    expect(view.quotas.filter((row) => (row.peak_percent ?? 0) >= 80)).toHaveLength(1);
  });

  it('finds the time-to-first-token shift of the story and only that one', () => {
    const view = app.answer('latency 14d').data as unknown as LatencyView;
    const shifted = view.models.filter((row) => row.shift !== undefined);
    expect(shifted.map((row) => [row.model, row.region])).toEqual([[story.ttftModelId, story.ttftRegion]]);
    expect([isoDay(story.ttftShiftAt), isoDay(story.ttftShiftAt + SECONDS_PER_DAY)]).toContain(
      shifted[0]?.shift?.at,
    );
    expect(shifted[0]?.shift?.ratio).toBeGreaterThan(2);
    expect(view.models.some((row) => row.model.startsWith('anthropic.claude-3-haiku'))).toBe(false);
  });

  it('collecting again changes nothing and asks Cost Explorer nothing (it costs money)', async () => {
    const before = snapshot(app);
    const costCalls = simulators.aws?.costExplorer.requests.length ?? 0;
    const again = await app.collect();
    expect(again.results).toMatchObject([{ source: 'bedrock', ok: true }]);
    expect(snapshot(app)).toEqual(before);
    expect(simulators.aws?.costExplorer.requests.length).toBe(costCalls);
  });
});

describe('Amazon Bedrock failures', () => {
  it('a Cost Explorer AccessDenied names ce:GetCostAndUsage; CloudWatch data and the other providers are still collected', async () => {
    const app = openApp(['anthropic', 'openai', 'bedrock']);
    simulators.aws?.costExplorer.faults.accessDenied(1);
    const summary = await app.collect();
    const result = summary.results.find((entry) => entry.source === 'bedrock');
    expect(result).toMatchObject({ ok: false, code: 'provider_auth' });
    expect(result?.ok === false && result.hint).toMatch(/ce:GetCostAndUsage/);
    expect(summary.results.filter((entry) => entry.ok).map((entry) => entry.source)).toEqual([
      'anthropic',
      'openai',
    ]);
    expect(storedTokens(app)).toEqual(servedTokens());
    app.close();
  });

  it('an AccessDenied in the first region does not stop the second', async () => {
    const app = openApp();
    simulators.aws?.cloudwatch.faults.accessDenied(1, 'ListMetrics');
    const summary = await app.collect();
    const [result] = summary.results;
    expect(result).toMatchObject({ source: 'bedrock', ok: false, code: 'provider_auth' });
    expect(result?.ok === false && result.message).toMatch(/us-east-1/);
    expect(result?.ok === false && result.hint).toMatch(/cloudwatch:ListMetrics/);
    expect(storedTokens(app)).toEqual({ 'us-west-2': servedTokens()['us-west-2'] });
    app.close();
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { SECONDS_PER_DAY } from '../../src/core/facts.js';
import { parseDecimalMicros } from '../../src/core/money.js';
import { isoDay } from '../../src/core/period.js';
import type { QuotaView } from '../../src/core/views/quota-view.js';
import type { TeamSpendView } from '../../src/core/views/team-spend-view.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const TODAY = NOW - (NOW % SECONDS_PER_DAY);
const scenario = generateScenario({ end: NOW, days: 12 });
const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
let simulators: Simulators;
let app: App;

beforeAll(async () => {
  simulators = await startSimulators(scenario, { now: () => NOW });
  app = createApp({
    config,
    environment: readEnvironment({
      ...simulators.env,
      AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-vertex-')), 'ai-spend.db'),
    }),
    sources: ['vertex'],
    clock: () => NOW,
    maxRetries: 0,
  });
});
afterAll(async () => {
  app.close();
  await simulators.close();
});

/** The export's Vertex rows of one UTC day, net of credits, each rounded to the micro-dollar. */
function exportedMicros(day: number): number {
  let total = 0;
  for (const row of scenario.vertex?.billingRows ?? []) {
    if (row.usage_start_time < day || row.usage_start_time >= day + SECONDS_PER_DAY) continue;
    if (!/Vertex AI|Claude/.test(`${row.service.description} ${row.sku.description}`)) continue;
    total += parseDecimalMicros(row.cost, 'usd');
    for (const credit of row.credits) total += parseDecimalMicros(credit.amount, 'usd');
  }
  return total;
}

describe('Vertex AI through BigQuery and Cloud Monitoring, with the real Google clients', () => {
  it('collects the billing export and the signals of three projects, and a second pass adds nothing', async () => {
    const first = await app.collect();
    expect(first.results).toMatchObject([{ source: 'vertex', ok: true }]);
    const streams = first.results[0]?.streams.map((stream) => stream.stream) ?? [];
    expect(streams).toEqual(
      expect.arrayContaining(['billing', 'usage:acme-growth-prod', 'metrics:acme-growth-prod']),
    );
    const before = app.answer('provider vertex 7d').data as unknown as TeamSpendView;
    await app.collect();
    const after = app.answer('provider vertex 7d').data as unknown as TeamSpendView;
    expect(after.total_micros).toBe(before.total_micros);
  });

  it('bills each day exactly as exported, net of credits, to the team its request labels name', () => {
    const day = TODAY - 3 * SECONDS_PER_DAY;
    const range = `${isoDay(day)}..${isoDay(day)}`;
    const view = app.answer(`provider vertex ${range}`).data as unknown as TeamSpendView;
    expect(view.billed_micros).toBe(exportedMicros(day));
    expect(view.total_micros).toBe(view.billed_micros);
    const growth = app.answer(`team growth ${range}`).data as unknown as TeamSpendView;
    const copywriter = growth.by_feature.find((row) => row.key === 'copywriter');
    expect(copywriter?.micros).toBeGreaterThan(0);
  });

  it('answers `quota` with the Cloud Quotas input-TPM limit of Claude on Vertex and the input tokens used against it', () => {
    const view = app.answer('quota 7d').data as unknown as QuotaView;
    const claude = view.quotas.find((row) => row.models.includes('claude-sonnet-4-5@20250929'));
    expect(claude).toMatchObject({ region: 'us-east5', limit_tpm: 60_000, inference_type: 'on_demand' });
    expect(claude?.peak_percent).toBeGreaterThan(5);
    expect(claude?.peak_percent).toBeLessThan(80);
    expect(claude?.teams.map((row) => row.team)).toEqual(['platform']);
    expect(view.quotas.find((row) => row.models.includes('gemini-2.5-pro'))?.limit_tpm).toBe(4_000_000);
  });

  it('reads first-token latency of Gemini from Cloud Monitoring for the latency answer', () => {
    const latency = app.answer('latency 7d').data as { kind: string } & Record<string, unknown>;
    expect(latency.kind).toBe('latency');
    expect(JSON.stringify(latency)).toMatch(/gemini-2\.5-pro|acme/);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { SECONDS_PER_DAY } from '../../src/core/facts.js';
import { isoDay } from '../../src/core/period.js';
import type { LatencyView } from '../../src/core/views/latency-view.js';
import type { QuotaView } from '../../src/core/views/quota-view.js';
import type { TeamSpendView } from '../../src/core/views/team-spend-view.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const TODAY = NOW - (NOW % SECONDS_PER_DAY);
const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
let simulators: Simulators;
let app: App;

beforeAll(async () => {
  simulators = await startSimulators(generateScenario({ end: NOW, days: 12 }), { now: () => NOW });
  app = createApp({
    config,
    environment: readEnvironment({
      ...simulators.env,
      AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-azure-')), 'ai-spend.db'),
    }),
    sources: ['azure'],
    clock: () => NOW,
    maxRetries: 0,
  });
});
afterAll(async () => {
  app.close();
  await simulators.close();
});

describe('Azure OpenAI through Cost Management and Azure Monitor, with the real ARM clients', () => {
  it('collects daily cost and hourly usage, attributes it by resource tags, and a second pass adds nothing', async () => {
    const first = await app.collect();
    expect(first.results).toMatchObject([{ source: 'azure', ok: true }]);
    const day = TODAY - 3 * SECONDS_PER_DAY;
    const range = `${isoDay(day)}..${isoDay(day)}`;
    const before = app.answer(`provider azure ${range}`).data as unknown as TeamSpendView;
    expect(before.billed_micros).toBeGreaterThan(0);
    expect(before.total_micros).toBe(before.billed_micros);
    const support = app.answer(`team support ${range}`).data as unknown as TeamSpendView;
    expect(support.by_feature.map((row) => row.key)).toContain('support-bot');
    await app.collect();
    const after = app.answer(`provider azure ${range}`).data as unknown as TeamSpendView;
    expect(after.total_micros).toBe(before.total_micros);
  });

  it('puts GPT bought on Azure and on OpenAI in one model family', () => {
    const view = app.answer('model gpt-4o 7d').data as unknown as TeamSpendView;
    expect(view.total_micros).toBeGreaterThan(0);
  });

  it('answers `latency` with Azure deployments as averages, owned by the teams their tags name', () => {
    const view = app.answer('latency 7d').data as unknown as LatencyView;
    const support = view.models.find((row) => row.region === 'eastus' && row.model === 'gpt-4o');
    expect(support).toMatchObject({ average: true, teams: ['support'], p90_ms: null });
    // the simulated average swings ±20 ms around 420 ms
    expect(support?.p50_ms).toBeGreaterThanOrEqual(400);
    expect(support?.p50_ms).toBeLessThanOrEqual(440);
    const text = app
      .answer('latency 7d')
      .message.sections[0]?.rows?.find((row) => row.label.includes('eastus'));
    expect(text?.value).toMatch(/^avg \d+ ms \(was \d+ ms\)$/);
  });

  it('shows the provisioned gpt-4o deployment of support in `quota` with its PTU utilisation now and at peak', () => {
    const view = app.answer('quota 7d').data as unknown as QuotaView;
    expect(view.provisioned).toHaveLength(1);
    const [ptu] = view.provisioned;
    expect(ptu).toMatchObject({ region: 'eastus', model: 'gpt-4o', team: 'support' });
    // the simulated utilisation swings between 40% and 69%
    expect(ptu?.peak_percent).toBe(69);
    expect(ptu?.now_percent).toBeGreaterThanOrEqual(40);
    const section = app.answer('quota 7d').message.sections.find((entry) => entry.title?.includes('PTU'));
    expect(section?.rows?.[0]?.value).toMatch(/^\d+% now · peak 69% at 2026-11-/);
  });
});

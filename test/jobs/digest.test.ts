import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/chat/block-kit-limits.js';
import { renderBlockKit } from '../../src/chat/render-block-kit.js';
import { renderText } from '../../src/chat/render-text.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { digestWeeks } from '../../src/core/digest/digest-weeks.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../src/core/facts.js';
import { buildDigest, type Digest } from '../../src/jobs/digest.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { demoStory } from '../../src/sim/scenario/demo-story.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';

// Monday afternoon: the digest week (Nov 23-29) holds ask-docs' launch and the quota Tuesday.
const NOW = Date.UTC(2026, 10, 30, 14) / 1000;
const story = demoStory(NOW);
// Five weeks back, so a digest sent the Monday after support-bot's switch day can be built too.
const scenario = generateScenario({ end: NOW, days: 36 });
const SWITCH_DIGEST_AT = story.switchDay + 7 * SECONDS_PER_DAY + 9 * SECONDS_PER_HOUR;
const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
const SOURCES = ['anthropic', 'openai', 'bedrock'] as const;

let simulators: Simulators;
let app: App;
const digest = (now: number, team?: string): Digest =>
  buildDigest({ db: app.db, config, sources: SOURCES }, now, team === undefined ? {} : { team });

beforeAll(async () => {
  simulators = await startSimulators(scenario, { now: () => NOW });
  app = createApp({
    config,
    environment: readEnvironment({
      ...simulators.env,
      AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-digest-')), 'ai-spend.db'),
    }),
    sources: [...SOURCES],
    clock: () => NOW,
    maxRetries: 0,
  });
  const summary = await app.collect();
  expect(summary.results.map((result) => [result.source, result.ok])).toEqual(SOURCES.map((s) => [s, true]));
});
afterAll(async () => {
  app.close();
  await simulators.close();
});

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
const svgSize = (svg: string) => {
  const match = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
};

describe('the weekly digest of the demo organisation', () => {
  let org: Digest;
  beforeAll(() => {
    org = digest(NOW);
  });

  it('covers the week of ask-docs’ launch (Tuesday 2026-11-24) against the week before', () => {
    const weeks = digestWeeks(NOW);
    expect(story.askDocsLaunch).toBeGreaterThanOrEqual(weeks.start);
    expect(story.askDocsLaunch).toBeLessThan(weeks.end);
    expect(org.view).toMatchObject({
      kind: 'digest',
      team: 'all',
      week: { start: '2026-11-23T00:00:00Z', end: '2026-11-30T00:00:00Z' },
      previous_week: { start: '2026-11-16T00:00:00Z', end: '2026-11-23T00:00:00Z' },
    });
  });

  it('names search/ask-docs a top mover as a new feature launched on 2026-11-24', () => {
    const askDocs = org.view.movers.slice(0, 5).find((mover) => mover.feature === story.askDocsFeature);
    expect(askDocs).toMatchObject({ team: 'search', reason: 'new feature', previous_micros: 0 });
    expect(askDocs?.explanation).toContain(`first spend ${story.askDocsLaunchDate}`);
    expect(askDocs?.change_micros).toBeGreaterThan(1_000e6);
  });

  it('explains data/doc-summarizer’s growth (1.75× traffic from the quota Tuesday) as volume', () => {
    const summarizer = org.view.movers.find((mover) => mover.feature === story.bedrock.hotFeature);
    expect(summarizer).toMatchObject({ team: 'data', reason: 'volume' });
    expect(summarizer?.tokens).toBeGreaterThan(1.3 * (summarizer?.previous_tokens ?? 0));
  });

  it('adds up: teams, providers and the daily series give the same totals; unallocated is shown', () => {
    const { view } = org;
    const sum = (entries: Array<{ micros: number }>) => entries.reduce((total, e) => total + e.micros, 0);
    expect(view.total_micros).toBe(view.billed_micros + view.estimated_micros);
    expect(sum(view.by_team ?? [])).toBe(view.total_micros);
    expect(sum(view.by_provider)).toBe(view.total_micros);
    expect(view.by_provider.map((entry) => entry.key).sort()).toEqual(['anthropic', 'bedrock', 'openai']);
    const daily = view.daily.map((day) => Object.values(day.by_provider).reduce((a, b) => a + b, 0));
    expect(daily).toHaveLength(14);
    expect(daily.slice(7).reduce((a, b) => a + b, 0)).toBe(view.total_micros);
    expect(daily.slice(0, 7).reduce((a, b) => a + b, 0)).toBe(view.previous_total_micros);
    expect(view.unallocated.micros).toBeGreaterThan(0);
    expect(view.unallocated.micros).toBe(view.by_team?.find((entry) => entry.key === 'unallocated')?.micros);
    expect(view.unallocated.share).toBeCloseTo(view.unallocated.micros / view.total_micros, 12);
  });

  it('shows the Claude Haiku 4.5 quota in us-east-1 as the tightest: 80-95% at peak, team data', () => {
    const [tightest] = org.view.quotas;
    expect(tightest).toMatchObject({
      name: story.bedrock.quotaName,
      region: story.bedrock.quotaRegion,
      limit_tpm: story.bedrock.quotaValue,
      teams: [{ team: 'data', share: 1 }],
    });
    expect(tightest?.peak_percent).toBeGreaterThanOrEqual(80);
    expect(tightest?.peak_percent).toBeLessThan(95);
    expect(tightest?.headroom_percent).toBeCloseTo(100 - (tightest?.peak_percent ?? 0), 6);
  });

  it('checks every budgeted team for November (6 teams), none of them left unprojected', () => {
    expect(org.view.budgets.map((budget) => budget.team)).toEqual(Object.keys(config.teams));
    for (const budget of org.view.budgets) {
      expect(budget).toMatchObject({ month: '2026-11', through: '2026-11-29', days_elapsed: 29 });
      expect(budget.projected_micros).toBeGreaterThan(budget.month_to_date_micros);
      const expected =
        budget.month_to_date_micros > budget.budget_micros
          ? 'over'
          : budget.projected_micros > budget.budget_micros
            ? 'at_risk'
            : 'on_track';
      expect(budget.status).toBe(expected);
    }
    expect(org.view.alerts).toEqual({ open: 0, acknowledged: 0 });
  });

  it('is a short Slack message within every Block Kit limit', () => {
    expect(blockKitProblems(renderBlockKit(org.message))).toEqual([]);
    expect(org.message.summary).toMatch(/^The organisation spent \$[\d,]+\.\d\d \(billed\), up/);
    const text = renderText(org.message);
    expect(text).toContain('search/ask-docs');
    expect(text).toMatch(
      /Quota headroom: Anthropic Claude Haiku 4\.5 \(cross-region\) in us-east-1: peak [89]\d(\.\d)?%/,
    );
  });

  it('charts spend per day by provider as a real PNG of the SVG’s size (written to /tmp/digest-chart.png)', () => {
    writeFileSync('/tmp/digest-chart.png', org.chartPng);
    writeFileSync('/tmp/digest-chart.svg', org.chartSvg);
    expect(org.chartPng.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(org.chartPng.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(pngSize(org.chartPng)).toEqual(svgSize(org.chartSvg));
    expect(svgSize(org.chartSvg)).toEqual({ width: 800, height: 440 });
    expect(org.chartPng.subarray(-8, -4).toString('latin1')).toBe('IEND');
    for (const label of ['anthropic', 'openai', 'bedrock', 'week of 2026-11-23', 'Nov 29']) {
      expect(org.chartSvg).toContain(`>${label}</text>`);
    }
  });
});

describe('team digests', () => {
  it('search: ask-docs leads, against its $10,000 budget', () => {
    const { view, message } = digest(NOW, 'search');
    expect(view.movers[0]).toMatchObject({ team: 'search', feature: 'ask-docs', reason: 'new feature' });
    expect(view.by_feature.map((entry) => entry.key)).toContain('ask-docs');
    expect(view.budgets).toMatchObject([{ team: 'search', budget_micros: 10_000e6 }]);
    expect(view.quotas).toEqual([]);
    expect(blockKitProblems(renderBlockKit(message))).toEqual([]);
  });

  it(`support, the week of ${story.switchDate}: support-bot's move to ${story.switchTo} is a model switch`, () => {
    const weeks = digestWeeks(SWITCH_DIGEST_AT);
    expect(story.switchDay).toBeGreaterThanOrEqual(weeks.start);
    expect(story.switchDay).toBeLessThan(weeks.end);
    const { view, chartPng, chartSvg } = digest(SWITCH_DIGEST_AT, 'support');
    const bot = view.movers.find((mover) => mover.feature === story.switchFeature);
    expect(bot).toMatchObject({
      team: 'support',
      reason: 'model switch',
      switch: { from: `${story.switchFrom} (anthropic)`, to: `${story.switchTo} (openai)` },
    });
    expect(bot?.switch?.share_moved).toBeGreaterThan(0.7);
    expect(bot?.change_micros).toBeLessThan(0);
    expect(pngSize(chartPng)).toEqual(svgSize(chartSvg));
  });

  it('an unknown team is an input_invalid error that lists the known teams', () => {
    expect(() => digest(NOW, 'serch')).toThrow(
      expect.objectContaining({
        code: 'input_invalid',
        hint: 'use one of: all, data, growth, mobile, platform, search, support, unallocated',
      }),
    );
  });
});

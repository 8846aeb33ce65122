import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { AiSpendError } from '../../src/core/errors.js';

const EXAMPLE = readFileSync(new URL('../../ai-spend.example.yml', import.meta.url), 'utf8');
const directory = mkdtempSync(join(tmpdir(), 'ai-spend-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** `alerts:` with every default, as loaded. */
const DEFAULT_ALERTS = {
  quotaPercent: [80, 95],
  escalateAfterMinutes: 30,
  resolveAfterMinutes: 15,
  expectedQuietDays: 7,
  noDataAfterMinutes: 360,
  anomaly: { minMicrosPerHour: 20_000_000, minMicrosPerDay: 50_000_000, minRatio: 1.5 },
  latency: { minRatio: 1.3, minMs: 150 },
  retryStorm: { minMicros: 50_000_000 },
  migration: { minSharePoints: 20, minMicrosPerWeek: 100_000_000 },
  holidays: [],
  budgetPercent: [80, 100],
  rightsizing: { lowPercent: 40, highPercent: 85 },
  reconcile: { minPercent: 5, minMicrosPerDay: 50_000_000 },
};

describe('loadConfig with the example file', () => {
  const config = loadConfig({ text: EXAMPLE });

  it('reads 2 teams with budgets of $25,000 and $12,500.50 in micro-dollars', () => {
    expect(Object.keys(config.teams)).toEqual(['search', 'support']);
    expect(config.teams.search).toEqual({
      name: 'search',
      slackChannel: 'C0SEARCH',
      teamsChannel: '19:abc@thread.tacv2',
      managers: ['U0MGR1'],
      oncall: 'S0ONCALL',
      monthlyBudgetMicros: 25_000_000_000,
    });
    expect(config.teams.support?.monthlyBudgetMicros).toBe(12_500_500_000);
  });

  it('keeps the 3 attribution rules in order with match keys as written', () => {
    expect(config.attribution).toEqual([
      { match: { source: 'anthropic', workspace_id: 'wrkspc_search' }, team: 'search' },
      {
        match: { source: 'openai', project_id: 'proj_support', api_key_id: 'key_*' },
        team: 'support',
        feature: 'support-bot',
      },
      { match: { source: 'bedrock', 'tag.team': '*' }, team: '{tag.team}', feature: '{tag.feature}' },
    ]);
  });

  it('normalizes sources, filling the 30/6/2 polling defaults of openai: {}', () => {
    expect(config.sources.openai).toEqual({
      enabled: true,
      backfillDays: 30,
      usageRepollHours: 6,
      costRepollDays: 2,
    });
    expect(config.sources.bedrock).toEqual({
      enabled: true,
      regions: ['us-east-1', 'us-west-2'],
      costAllocationTags: ['team', 'feature'],
      costMetric: 'UnblendedCost',
      costPollHours: 6,
      costRepollDays: 3,
      backfillDays: 30,
      usageRepollHours: 3,
      metricsLookbackMinutes: 15,
      metricsBackfillDays: 1,
      quotaRefreshHours: 24,
      accountId: '123456789012',
      inferenceProfiles: {
        'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6': {
          model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          tags: { team: 'search', feature: 'ask-docs' },
        },
      },
      quotas: [
        {
          region: 'us-east-1',
          model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          tokensPerMinute: 4000000,
        },
      ],
    });
    expect(config.sources.vertex?.billingTable).toBe(
      'my-proj.billing.gcp_billing_export_resource_v1_0123AB_CDEF45_678901',
    );
    expect(config.sources.azure?.scopes).toEqual(['/subscriptions/00000000-0000-0000-0000-000000000000']);
  });

  it('turns price dates into UTC epoch seconds and keeps amounts as decimal strings', () => {
    expect(config.prices.models).toEqual([
      {
        source: 'anthropic',
        model: 'claude-haiku-5-5',
        from: 1_792_022_400,
        usdPerMtok: {
          input: '0.10',
          cacheWrite5m: '0.125',
          cacheWrite1h: '0.20',
          cacheRead: '0.01',
          output: '0.50',
        },
      },
    ]);
    expect(config.prices.discounts).toEqual([
      { source: 'bedrock', percent: '12', from: 1_782_864_000, until: 1_814_400_000 },
      { source: 'openai', model: 'gpt-4o-2024-08-06', percent: '5' },
    ]);
    expect(config.prices.tiers).toEqual([
      { source: 'anthropic', serviceTier: 'priority', multiplier: '1.0' },
    ]);
    expect(config.prices.aliases).toEqual({ azure: { 'my-gpt4o-prod': 'gpt-4o-2024-11-20' } });
  });

  it('reads chat, alerts, schedule, admins and visibility', () => {
    expect(config.slack).toEqual({ defaultChannel: 'C0FINOPS' });
    expect(config.msteams).toEqual({ defaultChannel: '19:finops@thread.tacv2' });
    // The example sets every alert setting to its default, and two holidays.
    expect(config.alerts).toEqual({ ...DEFAULT_ALERTS, holidays: [1_798_156_800, 1_798_761_600] });
    expect(config.schedule).toEqual({
      collect: '*/5 * * * *',
      digest: '0 9 * * MON',
      timezone: 'Europe/Berlin',
    });
    expect(config.admins).toEqual(['U0ADMIN']);
    expect(config.visibility).toBe('open');
  });
});

describe('loadConfig defaults', () => {
  it('gives an empty file every default: no teams, [80, 95]%, 30 minutes, $20/hour and $50/day anomalies, UTC', () => {
    const config = loadConfig({ text: '# nothing yet\n' });
    expect(config.teams).toEqual({});
    expect(config.attribution).toEqual([]);
    expect(config.sources).toEqual({});
    expect(config.prices).toEqual({ models: [], discounts: [], tiers: [], aliases: {} });
    expect(config.alerts).toEqual(DEFAULT_ALERTS);
    expect(config.schedule).toEqual({ collect: '*/5 * * * *', digest: '0 9 * * MON', timezone: 'UTC' });
    expect(config.visibility).toBe('open');
    expect(config.admins).toEqual([]);
  });

  it('treats empty sections as {} and an empty anthropic entry as configured with defaults', () => {
    const config = loadConfig({ text: 'slack:\nsources:\n  anthropic:\nteams:\n  search:\n' });
    expect(config.slack).toEqual({});
    expect(config.sources.anthropic?.backfillDays).toBe(30);
    expect(config.teams.search).toEqual({ name: 'search', managers: [] });
  });

  it('sorts and de-duplicates quota thresholds [95, 80, 95] into [80, 95]', () => {
    expect(loadConfig({ text: 'alerts: { quota_percent: [95, 80, 95] }' }).alerts.quotaPercent).toEqual([
      80, 95,
    ]);
  });

  it('gives a team named "constructor" no inherited properties', () => {
    const config = loadConfig({ text: 'teams: { search: {} }' });
    expect(config.teams.constructor).toBeUndefined();
  });
});

describe('loadConfig files', () => {
  it('uses all defaults when ./ai-spend.yml is absent and nothing names another file', () => {
    const cwd = process.cwd();
    process.chdir(directory);
    try {
      const config = loadConfig({ env: {} });
      expect(config.fileFound).toBe(false);
      expect(config.file).toBe('./ai-spend.yml');
      expect(config.teams).toEqual({});
      expect(loadConfig({ path: './ai-spend.yml', env: {} }).fileFound).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  it('rejects an absent file named by the path option or by AI_SPEND_CONFIG', () => {
    const missing = join(directory, 'missing.yml');
    expect(() => loadConfig({ path: missing, env: {} })).toThrow(
      /missing\.yml: cannot read the config file \(ENOENT\)/,
    );
    expect(() => loadConfig({ env: { AI_SPEND_CONFIG: missing } })).toThrow(AiSpendError);
    try {
      loadConfig({ env: { AI_SPEND_CONFIG: missing } });
    } catch (error) {
      expect((error as AiSpendError).hint).toContain('AI_SPEND_CONFIG');
    }
  });

  it('reads the file AI_SPEND_CONFIG names and reports its path in messages', () => {
    const good = join(directory, 'good.yml');
    writeFileSync(good, 'teams: { search: { monthly_budget_usd: "100" } }\n');
    const config = loadConfig({ env: { AI_SPEND_CONFIG: good } });
    expect(config.file).toBe(good);
    expect(config.fileFound).toBe(true);
    expect(config.teams.search?.monthlyBudgetMicros).toBe(100_000_000);

    const bad = join(directory, 'bad.yml');
    writeFileSync(bad, 'teams:\n  search:\n    budget: 5\n');
    expect(() => loadConfig({ path: bad })).toThrow(`${bad}:3:5 teams.search: unknown key "budget"`);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfigText } from '../../../src/config/load-config.js';
import { compileAttribution } from '../../../src/core/attribution/attribute.js';
import { UNALLOCATED } from '../../../src/core/attribution/types.js';
import { SIM_BILLING_TABLE } from '../../../src/sim/google/bigquery/vertex-billing-rows.js';
import { AZURE_SUBSCRIPTION } from '../../../src/sim/scenario/azure/azure-workloads.js';
import { generateBedrockScenario } from '../../../src/sim/scenario/bedrock/generate-bedrock-scenario.js';
import { demoConfigYaml } from '../../../src/sim/scenario/demo-config.js';
import { DAY } from '../../../src/sim/scenario/demo-story.js';
import { VERTEX_WORKLOADS } from '../../../src/sim/scenario/vertex/vertex-workloads.js';
import { buildWorld, SCENARIO_TEAMS } from '../../../src/sim/scenario/world.js';

interface Rule {
  match: Record<string, string>;
  team: string;
  feature?: string;
}

const config = parse(demoConfigYaml()) as {
  teams: Record<
    string,
    { slack_channel: string; managers: string[]; oncall: string; monthly_budget_usd: number }
  >;
  attribution: Rule[];
  sources: Record<string, { backfill_days: number }>;
  slack: { default_channel: string };
  schedule: { timezone: string };
};

function globMatches(pattern: string, value: string | null): boolean {
  if (value === null) return false;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}

/** First rule whose every key matches the dimensions (a missing dimension matches nothing). */
function attribute(dims: Record<string, string | null>): Rule | undefined {
  return config.attribution.find((rule) =>
    Object.entries(rule.match).every(([key, pattern]) => globMatches(pattern, dims[key] ?? null)),
  );
}

const END = Date.UTC(2026, 10, 29, 14) / 1000;

describe('demoConfigYaml', () => {
  it('declares the 6 scenario teams with a channel, managers, on-call group and budget', () => {
    expect(Object.keys(config.teams).sort()).toEqual([...SCENARIO_TEAMS].sort());
    for (const team of Object.values(config.teams)) {
      expect(team.slack_channel).toMatch(/^C0[A-Z]+$/);
      expect(team.managers.length).toBe(1);
      expect(team.oncall).toMatch(/^S0/);
      expect(team.monthly_budget_usd).toBeGreaterThan(0);
    }
  });

  it('enables Anthropic and OpenAI with 90 days of backfill, Bedrock in 2 regions, Vertex AI in 3 projects, one Azure subscription, the FinOps channel and UTC', () => {
    expect(config.sources).toEqual({
      anthropic: { backfill_days: 90 },
      openai: { backfill_days: 90 },
      bedrock: {
        regions: ['us-east-1', 'us-west-2'],
        cost_allocation_tags: ['team', 'feature'],
        account_id: '123456789012',
        backfill_days: 90,
        metrics_backfill_days: 14,
      },
      vertex: {
        billing_table: SIM_BILLING_TABLE,
        projects: VERTEX_WORKLOADS.map((workload) => workload.project),
        backfill_days: 40,
      },
      azure: { scopes: [`/subscriptions/${AZURE_SUBSCRIPTION}`], backfill_days: 90 },
    });
    expect(config.slack.default_channel).toBe('C0FINOPS');
    expect(config.schedule.timezone).toBe('UTC');
  });

  it('names only declared teams or the {tag.team} / {label.team} templates in its rules, and uses at least one glob', () => {
    expect(config.attribution.length).toBeGreaterThanOrEqual(20);
    for (const rule of config.attribution) {
      expect([...Object.keys(config.teams), '{tag.team}', '{label.team}']).toContain(rule.team);
    }
    for (const workload of VERTEX_WORKLOADS)
      expect(Object.keys(config.teams)).toContain(workload.labels.team);
    expect(config.attribution.some((rule) => Object.values(rule.match).some((v) => v.includes('*')))).toBe(
      true,
    );
  });

  it('attributes every workload of the world to its own team and feature, and no rule claims the rest', () => {
    for (const workload of buildWorld(END)) {
      const scope = workload.provider === 'anthropic' ? 'workspace_id' : 'project_id';
      const rule = attribute({
        source: workload.provider,
        [scope]: workload.scopeId,
        api_key_id: workload.apiKeyId,
      });
      if (workload.team === null) {
        expect(rule, workload.id).toBeUndefined();
      } else {
        expect({ team: rule?.team, feature: rule?.feature }, workload.id).toEqual({
          team: workload.team,
          feature: workload.feature,
        });
      }
    }
  });

  it('gives each Anthropic workspace and OpenAI project a catch-all for lines without a key', () => {
    for (const team of SCENARIO_TEAMS) {
      expect(attribute({ source: 'anthropic', workspace_id: `wrkspc_${team}` })).toMatchObject({ team });
    }
    for (const team of ['support', 'growth', 'data', 'mobile']) {
      expect(attribute({ source: 'openai', project_id: `proj_${team}` })).toMatchObject({ team });
    }
    expect(
      attribute({ source: 'openai', project_id: 'proj_sandbox', api_key_id: 'key_orphan_7f3a' }),
    ).toBeUndefined();
    expect(attribute({ source: 'anthropic' })).toBeUndefined();
  });
});

describe('demoConfigYaml on Bedrock', () => {
  const loaded = parseConfigText(demoConfigYaml(), 'demo.yml');
  const attribute = compileAttribution(loaded.attribution);
  const bedrock = generateBedrockScenario({ start: END - 2 * DAY, end: END });

  it('loads through the config loader with Bedrock on in 2 regions and tags team and feature', () => {
    expect(loaded.sources.bedrock).toMatchObject({
      regions: ['us-east-1', 'us-west-2'],
      costAllocationTags: ['team', 'feature'],
    });
  });

  it('attributes each of the 4 tagged profiles to its team and feature tags', () => {
    expect(bedrock.profiles.length).toBe(4);
    for (const profile of bedrock.profiles) {
      const team = profile.tags.team ?? '';
      expect(SCENARIO_TEAMS as readonly string[]).toContain(team);
      expect(
        attribute({
          source: 'bedrock',
          region: profile.region,
          inferenceProfile: profile.arn,
          tags: profile.tags,
        }),
        profile.name,
      ).toMatchObject({ team, feature: profile.tags.feature });
    }
  });

  it('leaves Cost Explorer rows without a team tag unallocated and gives tagged rows their team', () => {
    const untagged = bedrock.costs.filter((cost) => cost.tags.team === '');
    expect(untagged.length).toBeGreaterThan(0);
    for (const cost of bedrock.costs) {
      const tags = Object.fromEntries(Object.entries(cost.tags).filter(([, value]) => value !== ''));
      const { team } = attribute({ source: 'bedrock', region: cost.region, tags });
      expect(team).toBe(cost.tags.team === '' ? UNALLOCATED : cost.tags.team);
    }
  });
});

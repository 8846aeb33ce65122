import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoConfigYaml } from '../../../src/sim/scenario/demo-config.js';
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

  it('enables both sources with 90 days of backfill, the FinOps default channel and UTC', () => {
    expect(config.sources).toEqual({ anthropic: { backfill_days: 90 }, openai: { backfill_days: 90 } });
    expect(config.slack.default_channel).toBe('C0FINOPS');
    expect(config.schedule.timezone).toBe('UTC');
  });

  it('names only declared teams in its rules, and uses at least one glob', () => {
    expect(config.attribution.length).toBeGreaterThanOrEqual(20);
    for (const rule of config.attribution) expect(Object.keys(config.teams)).toContain(rule.team);
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

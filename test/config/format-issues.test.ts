import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/config/format-issues.js';
import { loadConfig } from '../../src/config/load-config.js';
import { AiSpendError } from '../../src/core/errors.js';

/** The problem lines of the `config_invalid` error `text` raises. */
function problems(text: string): string[] {
  try {
    loadConfig({ text });
  } catch (error) {
    expect(error).toBeInstanceOf(AiSpendError);
    expect((error as AiSpendError).code).toBe('config_invalid');
    return (error as AiSpendError).message.split('\n');
  }
  throw new Error('expected the config to be rejected');
}

describe('loadConfig rejects bad configs with file:line:col, key path and what was expected', () => {
  it.each([
    [
      'an unknown match key, suggesting the close one',
      'teams: { search: {} }\nattribution:\n  - match: { source: anthropic }\n    team: search\n  - match: { source: anthropic }\n    team: search\n  - match:\n      source: anthropic\n      workspce_id: wrkspc_1\n    team: search\n',
      'ai-spend.yml:9:7 attribution[2].match: unknown key "workspce_id" (did you mean "workspace_id"?)',
    ],
    [
      'a misspelt tag prefix',
      'attribution:\n  - match: { tags.team: "*" }\n    team: "{tag.team}"\n',
      'ai-spend.yml:2:14 attribution[0].match: unknown key "tags.team" (did you mean "tag.team"?)',
    ],
    [
      'an unknown top-level key',
      'shedule: { timezone: UTC }\n',
      'ai-spend.yml:1:1 unknown key "shedule" (did you mean "schedule"?)',
    ],
    [
      'the platform section written as teams: instead of msteams:',
      'msteam: { default_channel: "19:x" }\n',
      'ai-spend.yml:1:1 unknown key "msteam" (did you mean "msteams"?)',
    ],
    [
      'a list where a string list is expected',
      'admins: U0ADMIN\n',
      'ai-spend.yml:1:9 admins: expected a list, got string "U0ADMIN"',
    ],
    [
      'a number where a string is expected',
      'teams:\n  search:\n    slack_channel: 42\n',
      'ai-spend.yml:3:20 teams.search.slack_channel: expected a string, got number 42',
    ],
    [
      'a missing required key',
      'sources:\n  bedrock:\n    cost_allocation_tags: [team]\n',
      'ai-spend.yml:2:3 sources.bedrock.regions: missing (expected a list)',
    ],
    [
      'a template placeholder that is not a match key',
      'attribution:\n  - match: { source: bedrock }\n    team: "{tag.team}"\n    feature: "{feature}"\n',
      'ai-spend.yml:4:14 attribution[0].feature: placeholder "{feature}" is not a match key (expected {source}, {project_id}, {tag.<key>}, ...)',
    ],
    [
      'a glob with an unsupported wildcard',
      'attribution:\n  - match: { api_key_id: "key_?" }\n    team: search\n',
      'ai-spend.yml:2:26 attribution[0].match.api_key_id: "key_?": only * is a wildcard (?, [ ], { } are not supported)',
    ],
    [
      'a rule without any match key',
      'attribution:\n  - match: {}\n    team: search\n',
      'ai-spend.yml:2:12 attribution[0].match: expected at least one key to match (source, account_id, workspace_id, project_id, api_key_id, user_id, model, region, service_tier, inference_profile, deployment, tag.<key>, label.<key>)',
    ],
    [
      'an unknown source value',
      'attribution:\n  - match: { source: antropic }\n    team: search\n',
      'ai-spend.yml:2:22 attribution[0].match.source: unknown source "antropic" (did you mean "anthropic"?); expected one of anthropic, openai, bedrock, vertex, azure, focus',
    ],
    [
      'a rule naming a team that is not in teams',
      'teams:\n  search: {}\n  support: {}\nattribution:\n  - match: { source: anthropic }\n    team: serch\n',
      'ai-spend.yml:6:11 attribution[0].team: rule 0 sends spend to unknown team "serch" (did you mean "search"?); teams: search, support',
    ],
    [
      'a reserved team name',
      'teams:\n  all: {}\n',
      'ai-spend.yml:2:3 teams.all: "all" is reserved (unallocated, all); choose another team name',
    ],
    [
      'a team name that is not a lowercase slug',
      'teams:\n  Search: {}\n',
      'ai-spend.yml:2:3 teams.Search: expected a team name as a lowercase slug ([a-z0-9][a-z0-9-_]*), got "Search"',
    ],
    [
      'an unknown time zone',
      'schedule:\n  timezone: Europe/Berlim\n',
      'ai-spend.yml:2:13 schedule.timezone: expected an IANA time zone such as "UTC" or "Europe/Berlin", got "Europe/Berlim"',
    ],
    [
      'a cron expression with 4 fields',
      'schedule:\n  collect: "*/5 * * *"\n',
      'ai-spend.yml:2:12 schedule.collect: expected a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first), got 4 in "*/5 * * *"',
    ],
    [
      'a cron weekday that is not a name',
      'schedule:\n  digest: "0 9 * * MONN"\n',
      'ai-spend.yml:2:11 schedule.digest: cron field "MONN": "MONN" is not a month or weekday name (JAN..DEC, SUN..SAT)',
    ],
    [
      'a negative budget',
      'teams:\n  search:\n    monthly_budget_usd: -5\n',
      'ai-spend.yml:3:25 teams.search.monthly_budget_usd: expected a non-negative decimal, got -5',
    ],
    [
      'a budget that is not a decimal',
      'teams:\n  search:\n    monthly_budget_usd: "25k"\n',
      'ai-spend.yml:3:25 teams.search.monthly_budget_usd: expected a non-negative decimal such as "25000" or "0.125", got "25k"',
    ],
    [
      'a price with a decimal comma',
      'prices:\n  models:\n    - source: anthropic\n      model: m\n      usd_per_mtok: { input: "1,5", output: "2" }\n',
      'ai-spend.yml:5:30 prices.models[0].usd_per_mtok.input: expected a non-negative decimal such as "25000" or "0.125", got "1,5"',
    ],
    [
      'a discount above 100 percent',
      'prices:\n  discounts:\n    - { source: bedrock, percent: "120" }\n',
      'ai-spend.yml:3:35 prices.discounts[0].percent: expected at most 100, got "120"',
    ],
    [
      'a date that does not exist',
      'prices:\n  models:\n    - { source: openai, model: m, from: 2026-02-30, usd_per_mtok: { input: 1, output: 2 } }\n',
      'ai-spend.yml:3:41 prices.models[0].from: expected a calendar date as "YYYY-MM-DD", got "2026-02-30"',
    ],
    [
      'an unknown alias source',
      'prices:\n  aliases:\n    azur: { my-gpt4o: gpt-4o }\n',
      'ai-spend.yml:3:5 prices.aliases: unknown key "azur" (did you mean "azure"?)',
    ],
    [
      'a visibility that is not open or team',
      'visibility: teams\n',
      'ai-spend.yml:1:13 visibility: expected one of "open", "team", got string "teams" (did you mean "team"?)',
    ],
    [
      'a backfill of 0 days',
      'sources:\n  anthropic: { backfill_days: 0 }\n',
      'ai-spend.yml:2:31 sources.anthropic.backfill_days: expected a number at least 1',
    ],
    [
      'a YAML syntax error',
      'teams:\n  search: { slack_channel: C0SEARCH\nadmins: []\n',
      'ai-spend.yml:3:1 YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
    ],
    [
      'an unquoted cron expression',
      'schedule:\n  collect: */5 * * * *\n',
      'ai-spend.yml:2:16 YAML syntax: Unexpected alias at node end (quote values that start with "*", e.g. "*/5 * * * *")',
    ],
    [
      'a duplicate key',
      'admins: [a]\nadmins: [b]\n',
      'ai-spend.yml:2:1 YAML syntax: Map keys must be unique',
    ],
    [
      'an alias without its anchor',
      'admins: *nobody\n',
      'ai-spend.yml:1:1 YAML: Unresolved alias (the anchor must be set before the alias): nobody',
    ],
    [
      'a list at the top level',
      '- teams\n',
      'ai-spend.yml:1:1 expected a map of settings (teams:, attribution:, sources:, ...), got a list',
    ],
  ])('%s', (_name, text, expected) => {
    expect(problems(text)).toContain(expected);
  });

  it('lists all 4 problems of one file in file order, one per line', () => {
    const text = [
      'teams:',
      '  search: { monthly_budget_usd: -1 }',
      'attribution:',
      '  - match: { workspce_id: w }',
      '    team: search',
      'schedule: { timezone: Nowhere/City }',
      'visibility: closed',
    ].join('\n');
    const lines = problems(text);
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.split(' ')[0])).toEqual([
      'ai-spend.yml:2:33',
      'ai-spend.yml:4:14',
      'ai-spend.yml:6:23',
      'ai-spend.yml:7:13',
    ]);
  });

  it('reports a misspelt match key even when another value of the same rule has the wrong type', () => {
    const lines = problems(
      'attribution:\n  - match: { workspce_id: w, account_id: 123456789012 }\n    team: search\n',
    );
    expect(lines).toEqual([
      'ai-spend.yml:2:14 attribution[0].match: unknown key "workspce_id" (did you mean "workspace_id"?)',
      'ai-spend.yml:2:42 attribution[0].match.account_id: expected a string, got number 123456789012; quote it ("123456789012") so leading zeros survive',
    ]);
  });

  it('names the example file in the hint', () => {
    try {
      loadConfig({ text: 'visibility: closed' });
    } catch (error) {
      expect((error as AiSpendError).hint).toContain('ai-spend.example.yml');
      return;
    }
    throw new Error('expected the config to be rejected');
  });
});

describe('formatPath', () => {
  it.each([
    [['attribution', 2, 'match', 'workspce_id'], 'attribution[2].match.workspce_id'],
    [['attribution', 0, 'match', 'tag.team'], 'attribution[0].match["tag.team"]'],
    [['teams', 'search', 'monthly_budget_usd'], 'teams.search.monthly_budget_usd'],
    [[], ''],
  ])('%j → %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

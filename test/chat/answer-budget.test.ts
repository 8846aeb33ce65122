import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/chat/block-kit-limits.js';
import { renderBlockKit } from '../../src/chat/render-block-kit.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { createBudgetStore, storedBudgets } from '../../src/store/budget-store.js';

const DAY = 86_400;
let clock = Date.UTC(2026, 10, 16, 12) / 1000;
const app = createApp({
  config: loadConfig({
    path: 'team-visibility.yml',
    text: `${demoConfigYaml()}\nvisibility: team\nadmins: [U0ADMIN]\n`,
    env: {},
  }),
  environment: readEnvironment({
    AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-budget-')), 'b.db'),
  }),
  sources: [],
  clock: () => clock,
});
afterAll(() => app.close());

// search spends $200 a day from 2026-09-01 through 2026-11-15: $3,000 by the 16th of November.
const insert = app.db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
  estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
  VALUES ('search', ?, 'anthropic', 'ask-docs', 'claude-sonnet-4-5', 'claude-sonnet-4-5', 200000000, 0, 0, 0, 0, 0)`);
for (let day = Date.UTC(2026, 8, 1) / 1000; day < Date.UTC(2026, 10, 16) / 1000; day += DAY) insert.run(day);

describe('budget <team>', () => {
  it('shows $3,000 of the $10,000 config budget spent (30%) and a $6,000 forecast (60%)', () => {
    const reply = app.answer('budget search', 'U0SEARCHMGR');
    expect(reply.data).toMatchObject({
      kind: 'budget',
      month: '2026-11',
      team: 'search',
      teams: [
        {
          team: 'search',
          budget_micros: 10_000_000_000,
          origin: 'config',
          month_to_date_micros: 3_000_000_000,
          through: '2026-11-15',
          forecast_micros: 6_000_000_000,
          forecast_trusted: true,
          used_percent: 30,
          forecast_percent: 60,
        },
      ],
    });
    expect(reply.message.summary).toBe(
      'Team *search* has spent $3,000.00 of its $10,000.00 November 2026 budget (30%, through 2026-11-15); forecast $6,000.00 ($6,000.00–$6,000.00), 60% of the budget.',
    );
  });

  it('shows October whole with last-month: 31 days of $200 = $6,200', () => {
    const reply = app.answer('budget search last-month');
    expect(reply.data).toMatchObject({ month: '2026-10', teams: [{ month_to_date_micros: 6_200_000_000 }] });
  });

  it('refuses another team under visibility: team', () => {
    expect(app.answer('budget support', 'U0SEARCHMGR').data.kind).toBe('refused');
  });

  it('answers an unknown team with the nearest one', () => {
    const reply = app.answer('budget serch');
    expect(reply.data).toMatchObject({ kind: 'unknown_team', team: 'serch' });
    expect(reply.message.summary).toContain('Did you mean *search*?');
  });

  it('lists all 6 budgeted teams for an admin asking `budget`', () => {
    const reply = app.answer('budget', 'U0ADMIN');
    const teams = (reply.data.teams as Array<{ team: string }>).map((entry) => entry.team);
    expect(teams).toEqual(['data', 'growth', 'mobile', 'platform', 'search', 'support']);
    expect(reply.message.summary).toBe('6 teams with a budget; none is forecast to reach it.');
  });
});

describe('budget <team> set <usd>', () => {
  it('refuses a team manager: only admins change budgets', () => {
    const reply = app.answer('budget search set 5000', 'U0SEARCHMGR');
    expect(reply.data.kind).toBe('refused');
    expect(reply.message.summary).toBe('Only admins (<@U0ADMIN>) can run `budget set`.');
    expect(storedBudgets(app.db).size).toBe(0);
  });

  it('stores $5,000 set by an admin with who and when, confirming $10,000 → $5,000', () => {
    clock = Date.UTC(2026, 10, 16, 13) / 1000;
    const reply = app.answer('budget search set $5,000', 'U0ADMIN');
    expect(reply.data).toEqual({
      kind: 'budget_set',
      team: 'search',
      budget_micros: 5_000_000_000,
      previous_micros: 10_000_000_000,
      previous_origin: 'config',
      changed_by: 'U0ADMIN',
      changed_at: clock,
    });
    expect(reply.message.summary).toBe(
      'The monthly budget of *search* is now $5,000.00 (was $10,000.00, from ai-spend.yml), set by <@U0ADMIN>.',
    );
    expect(storedBudgets(app.db).get('search')).toBe(5_000_000_000);
  });

  it('then reports the chat budget: 60% used, forecast 120%, set in chat by the admin', () => {
    const reply = app.answer('budget search', 'U0SEARCHMGR');
    expect(reply.data).toMatchObject({
      teams: [
        {
          budget_micros: 5_000_000_000,
          origin: 'chat',
          changed_by: 'U0ADMIN',
          changed_at: '2026-11-16T13:00:00Z',
          used_percent: 60,
          forecast_percent: 120,
        },
      ],
    });
    expect(reply.message.sections[0]?.facts).toContainEqual({
      label: 'Set',
      value: 'in chat by <@U0ADMIN> on 2026-11-16 13:00 UTC',
    });
  });

  it('records the command line without --as as `cli`, keeping the history of both changes', () => {
    expect(app.answer('budget search set 7500').data).toMatchObject({
      changed_by: 'cli',
      previous_micros: 5_000_000_000,
      previous_origin: 'chat',
    });
    expect(
      createBudgetStore(app.db)
        .history('search')
        .map((change) => [change.micros, change.changedBy]),
    ).toEqual([
      [5_000_000_000, 'U0ADMIN'],
      [7_500_000_000, 'cli'],
    ]);
  });

  it('refuses an unknown team with a suggestion and stores nothing for it', () => {
    const reply = app.answer('budget serch set 100', 'U0ADMIN');
    expect(reply.data).toMatchObject({ kind: 'unknown_team', team: 'serch' });
    expect(storedBudgets(app.db).has('serch')).toBe(false);
  });

  it('fits every Block Kit limit', () => {
    expect(blockKitProblems(renderBlockKit(app.answer('budget', 'U0ADMIN').message))).toEqual([]);
  });
});

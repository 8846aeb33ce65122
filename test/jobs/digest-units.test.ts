import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { buildDigest } from '../../src/jobs/digest.js';
import { createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';

const DAY = 86_400;
// Monday: the digest week is 2026-11-23..29, against 2026-11-16..22.
const NOW = Date.UTC(2026, 10, 30, 14) / 1000;
const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
const app = createApp({
  config,
  environment: readEnvironment({
    AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-digest-units-')), 'd.db'),
  }),
  sources: [],
  clock: () => NOW,
});
afterAll(() => app.close());

// support-bot: $30 a day; search: $50 a day with no units at all.
const insert = app.db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
  estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
  VALUES (?, ?, 'openai', ?, 'gpt-5.4', 'gpt-5.4', ?, 0, 0, 0, 0, 0)`);
for (let day = Date.UTC(2026, 10, 16) / 1000; day < Date.UTC(2026, 10, 30) / 1000; day += DAY) {
  insert.run('support', day, 'support-bot', 30_000_000);
  insert.run('search', day, 'ask-docs', 50_000_000);
}
// 1,000 tickets a day the week before, 2,000 a day in the digest week.
const rows = ['team,feature,unit,day,value'];
for (let date = 16; date <= 29; date++) {
  rows.push(`support,support-bot,tickets_resolved,2026-11-${date},${date < 23 ? 1000 : 2000}`);
}
app.pushMetrics(rows.join('\n'));

const digest = (team?: string) =>
  buildDigest({ db: app.db, config, sources: [] }, NOW, team === undefined ? {} : { team });

describe('cost per unit in the weekly digest', () => {
  it('gives support $0.015 a ticket this week, down 50% from $0.03', () => {
    const { view, message } = digest('support');
    expect(view.unit_costs).toEqual([
      {
        team: 'support',
        feature: 'support-bot',
        unit: 'tickets_resolved',
        units: 14_000,
        spend_micros: 210_000_000,
        micros_per_unit: 15_000,
        previous_units: 7_000,
        previous_spend_micros: 210_000_000,
        change_ratio: -0.5,
      },
    ]);
    const section = message.sections.find((entry) => entry.title === 'Cost per unit');
    expect(section?.rows).toEqual([
      { label: 'support-bot · tickets_resolved', value: '$0.015 per unit (-50.0% on the week before)' },
    ]);
  });

  it('leaves the section out for search, which reported no units', () => {
    const { view, message } = digest('search');
    expect(view.unit_costs).toBeUndefined();
    expect(message.sections.some((entry) => entry.title === 'Cost per unit')).toBe(false);
  });

  it('names the team in the organisation digest: support/support-bot', () => {
    const section = digest().message.sections.find((entry) => entry.title === 'Cost per unit');
    expect(section?.rows?.map((row) => row.label)).toEqual(['support/support-bot · tickets_resolved']);
  });

  it('uses a budget set from chat ($1,234) over the config ($10,000) in the budget line', () => {
    app.answer('budget search set 1234');
    expect(digest('search').view.budgets.map((budget) => budget.budget_micros)).toEqual([1_234_000_000]);
  });
});

import { describe, expect, it } from 'vitest';
import { createDigestQueries } from '../../src/store/digest-queries.js';
import { openDatabase } from '../../src/store/open-database.js';

const DAY = 86_400;
const NOV_23 = Date.UTC(2026, 10, 23) / 1000;

function store() {
  const db = openDatabase({ path: ':memory:' });
  const insert = db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
      estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
    VALUES (@team, @day, @source, @feature, @model, @model, @estimated, @unpriced, @tokens, 0, @billed, @isBilled)`);
  const rollup = (
    team: string,
    day: number,
    source: string,
    feature: string,
    model: string,
    { estimated = 0, billed = 0, tokens = 0, unpriced = 0, isBilled = 0 },
  ) => insert.run({ team, day, source, feature, model, estimated, billed, tokens, unpriced, isBilled });
  // Billed day: the billed share counts, the estimate does not.
  rollup('search', NOV_23, 'anthropic', 'ask-docs', 'sonnet', {
    estimated: 90e6,
    billed: 100e6,
    tokens: 5e6,
    isBilled: 1,
  });
  // Unbilled day: the estimate counts, and its unpriced tokens.
  rollup('search', NOV_23 + DAY, 'anthropic', 'ask-docs', 'sonnet', {
    estimated: 40e6,
    tokens: 2e6,
    unpriced: 1_000,
  });
  rollup('search', NOV_23 + DAY, 'openai', 'ask-docs', 'gpt-5.4', { estimated: 10e6, tokens: 1e6 });
  rollup('support', NOV_23 + 2 * DAY, 'openai', 'support-bot', 'gpt-5.4', {
    billed: 70e6,
    tokens: 9e6,
    isBilled: 1,
  });
  rollup('unallocated', NOV_23 + 2 * DAY, 'openai', '(none)', '', { billed: -25e6, isBilled: 1 });
  // Outside the week.
  rollup('search', NOV_23 + 7 * DAY, 'anthropic', 'ask-docs', 'sonnet', { estimated: 999e6, tokens: 1e6 });
  const alert =
    db.prepare(`INSERT INTO alerts (fingerprint, rule, team, severity, state, title, details, opened_at, updated_at)
    VALUES (?, 'spike', ?, 'warning', ?, 't', '{}', 0, 0)`);
  for (const [fingerprint, team, state] of [
    ['a', 'search', 'open'],
    ['b', 'search', 'open'],
    ['c', 'search', 'acknowledged'],
    ['d', 'search', 'resolved'],
    ['e', 'support', 'open'],
    ['f', 'support', 'snoozed'],
  ]) {
    alert.run(fingerprint, team, state);
  }
  return createDigestQueries(db);
}

const week = { start: NOV_23, end: NOV_23 + 7 * DAY };

describe('createDigestQueries', () => {
  const queries = store();

  it("sums a team's week per (source, feature, model): billed where billed, estimated elsewhere", () => {
    expect(queries.rows({ team: 'search', ...week })).toEqual([
      {
        team: 'search',
        source: 'anthropic',
        feature: 'ask-docs',
        model: 'sonnet',
        micros: 140e6,
        billedMicros: 100e6,
        estimatedMicros: 40e6,
        unpricedTokens: 1_000,
        tokens: 7e6,
        firstDay: NOV_23,
      },
      {
        team: 'search',
        source: 'openai',
        feature: 'ask-docs',
        model: 'gpt-5.4',
        micros: 10e6,
        billedMicros: 0,
        estimatedMicros: 10e6,
        unpricedTokens: 0,
        tokens: 1e6,
        firstDay: NOV_23 + DAY,
      },
    ]);
  });

  it('reads every team, unallocated included, for `all`', () => {
    const rows = queries.rows({ team: 'all', ...week });
    expect(rows.map((row) => [row.team, row.micros / 1e6]).sort()).toEqual([
      ['search', 10],
      ['search', 140],
      ['support', 70],
      ['unallocated', -25],
    ]);
  });

  it('gives the spend per day and source for the chart', () => {
    expect(queries.dailyBySource({ team: 'all', ...week })).toEqual([
      { day: NOV_23, source: 'anthropic', micros: 100e6 },
      { day: NOV_23 + DAY, source: 'anthropic', micros: 40e6 },
      { day: NOV_23 + DAY, source: 'openai', micros: 10e6 },
      { day: NOV_23 + 2 * DAY, source: 'openai', micros: 45e6 },
    ]);
    expect(queries.dailyBySource({ team: 'support', ...week })).toEqual([
      { day: NOV_23 + 2 * DAY, source: 'openai', micros: 70e6 },
    ]);
  });

  it('totals the spend per team over [start, end)', () => {
    expect(Object.fromEntries(queries.spendByTeam(week.start, week.end))).toEqual({
      search: 150e6,
      support: 70e6,
      unallocated: -25e6,
    });
    expect(queries.spendByTeam(week.end, week.end + DAY).get('search')).toBe(999e6);
  });

  it('counts open and acknowledged alerts per team: search 2 and 1, everyone 3 and 1', () => {
    expect(queries.alertCounts('search')).toEqual({ open: 2, acknowledged: 1 });
    expect(queries.alertCounts('all')).toEqual({ open: 3, acknowledged: 1 });
    expect(queries.alertCounts('growth')).toEqual({ open: 0, acknowledged: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/core/period.js';
import { unitMessage } from '../../../src/core/views/unit-message.js';
import { buildUnitView, formatUnitCost } from '../../../src/core/views/unit-view.js';

const DAY = 86_400;
const NOW = Date.UTC(2026, 10, 29, 12) / 1000;
const period = parsePeriod('2026-11-16..2026-11-29', NOW);
if ('error' in period) throw new Error(period.error);
const at = (date: number) => Date.UTC(2026, 10, date) / 1000;

describe('formatUnitCost', () => {
  it.each([
    [4_200, 1, '$0.0042'],
    [42_000_000, 10_000, '$0.0042'],
    [1_234_567, 1, '$1.23'],
    [12_345_678_900, 1, '$12,345.68'],
    [1, 3, '$0.000000333'],
    [42_300, 1, '$0.0423'],
    [30_000, 1, '$0.03'],
    [0, 5, '$0.00'],
    [5_000_000, 0, 'no units reported'],
  ])('%i micro-dollars over %i units → %s', (micros, units, text) => {
    expect(formatUnitCost(micros, units)).toBe(text);
  });
});

describe('buildUnitView', () => {
  const spend = [
    // Previous week: $40 on support-bot, this period: $60 + $30 on two models, $10 elsewhere.
    { day: at(10), source: 'openai', feature: 'support-bot', model: 'gpt-5.4', micros: 40_000_000 },
    { day: at(17), source: 'openai', feature: 'support-bot', model: 'gpt-5.4', micros: 60_000_000 },
    {
      day: at(24),
      source: 'anthropic',
      feature: 'support-bot',
      model: 'claude-haiku-4-5',
      micros: 30_000_000,
    },
    { day: at(24), source: 'openai', feature: 'triage', model: 'gpt-5.4', micros: 10_000_000 },
  ];
  const units = [
    { day: at(10), feature: 'support-bot', unit: 'tickets', value: 1_000 },
    { day: at(17), feature: 'support-bot', unit: 'tickets', value: 10_000 },
    { day: at(24), feature: 'support-bot', unit: 'tickets', value: 20_000 },
  ];
  const view = buildUnitView({ team: 'support', period, spend, units, freshness: [] });
  const [cost] = view.costs;

  it('divides $90 of support-bot spend by 30,000 tickets: 3,000 micro-dollars a ticket', () => {
    expect(cost).toMatchObject({
      feature: 'support-bot',
      unit: 'tickets',
      units: 30_000,
      spend_micros: 90_000_000,
    });
    expect(cost?.micros_per_unit).toBe(3_000);
  });

  it('compares with $40 / 1,000 tickets before: 92.5% cheaper per ticket', () => {
    expect(cost?.previous).toEqual({ units: 1_000, spend_micros: 40_000_000, micros_per_unit: 40_000 });
    expect(cost?.change_ratio).toBeCloseTo(-0.925, 10);
  });

  it('splits the unit cost by model: $60 → 2,000 and $30 → 1,000 micro-dollars a ticket', () => {
    expect(cost?.by_model.map((entry) => [entry.key, entry.source, entry.micros_per_unit])).toEqual([
      ['gpt-5.4', 'openai', 2_000],
      ['claude-haiku-4-5', 'anthropic', 1_000],
    ]);
    expect(cost?.by_provider.map((entry) => entry.key)).toEqual(['openai', 'anthropic']);
  });

  it('gives one cost per Monday week: 6,000 then 1,500 micro-dollars', () => {
    expect(cost?.weeks.map((week) => [week.start, week.micros_per_unit])).toEqual([
      ['2026-11-16', 6_000],
      ['2026-11-23', 1_500],
    ]);
  });

  it('lists triage ($10) as spending with no units reported', () => {
    expect(view.without_units).toEqual([{ feature: 'triage', spend_micros: 10_000_000 }]);
  });

  it('says "no units reported" when units stopped, never dividing by zero', () => {
    const stopped = buildUnitView({
      team: 'support',
      period,
      spend,
      units: units.slice(0, 1),
      freshness: [],
    });
    const [only] = stopped.costs;
    expect(only).toMatchObject({ units: 0, spend_micros: 90_000_000 });
    expect(only?.micros_per_unit).toBeUndefined();
    expect(only?.by_model.every((entry) => entry.micros_per_unit === undefined)).toBe(true);
    expect(unitMessage(stopped).summary).toContain('no units reported on support-bot (tickets) this period');
    expect(JSON.stringify(stopped)).not.toMatch(/Infinity|NaN/);
  });

  it('divides the whole team spend ($140) for a team-level unit *', () => {
    const team = buildUnitView({
      team: 'support',
      period,
      spend,
      units: [{ day: at(20), feature: '*', unit: 'customers', value: 7 }],
      freshness: [],
    });
    expect(team.costs[0]).toMatchObject({ feature: '*', spend_micros: 100_000_000, units: 7 });
    expect(team.without_units).toEqual([]);
  });

  it('reads as chat text: $0.003 per tickets on support-bot, down 92.5%', () => {
    const message = unitMessage(view);
    expect(message.summary).toBe(
      'Team *support*, 2026-11-16 to 2026-11-29: $0.003 per tickets on support-bot, down 92.5% on the previous period ($0.04).',
    );
    expect(message.sections[0]?.rows?.[0]).toEqual({
      label: 'gpt-5.4 (openai)',
      value: '$0.002 · $60.00',
      share: 60 / 90,
    });
  });

  it('answers "No units reported" for a team with none', () => {
    const none = unitMessage(buildUnitView({ team: 'support', period, spend, units: [], freshness: [] }));
    expect(none.summary).toMatch(/^No units reported for team \*support\*/);
  });

  it('covers the 14 days from 2026-11-16', () => {
    expect(period.end - period.start).toBe(14 * DAY);
  });
});

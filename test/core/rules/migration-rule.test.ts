import { describe, expect, it } from 'vitest';
import { migrationRule, type TeamDailyMix } from '../../../src/core/rules/migration-rule.js';

const DAY = 86_400;
const USD = 1_000_000;
const M = 1_000_000;
/** Wednesday 2026-11-25 10:00 UTC: the last week is 11-18..11-24, the week before 11-11..11-17. */
const TODAY = Date.UTC(2026, 10, 25, 10) / 1000;
const LAST_WEEK = Date.UTC(2026, 10, 18) / 1000;
const WEEK_BEFORE = Date.UTC(2026, 10, 11) / 1000;
const KNOWN_FROM = Date.UTC(2026, 10, 1) / 1000;

/** Blended $ per million tokens. */
const ROUTES = {
  sonnet: {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5-20250929',
    modelFamily: 'claude-sonnet-4-5',
    price: 6,
  },
  sonnetBedrock: {
    provider: 'bedrock',
    model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    modelFamily: 'claude-sonnet-4-5',
    price: 6,
  },
  haiku: {
    provider: 'anthropic',
    model: 'claude-haiku-4-5-20251001',
    modelFamily: 'claude-haiku-4-5',
    price: 2,
  },
  opus: {
    provider: 'anthropic',
    model: 'claude-opus-4-1-20250805',
    modelFamily: 'claude-opus-4-1',
    price: 30,
  },
  gpt: { provider: 'openai', model: 'gpt-5.4-2026-03-05', modelFamily: 'gpt-5.4', price: 4 },
  gemini: { provider: 'vertex', model: 'gemini-2.5-pro', modelFamily: 'gemini-2.5-pro', price: 3.5 },
} as const;
type Route = keyof typeof ROUTES;

/** One row a day for 7 days from `from`, `millions` of tokens a day per route. */
function week(team: string, from: number, millions: Partial<Record<Route, number>>): TeamDailyMix[] {
  return Array.from({ length: 7 }, (_, index) =>
    Object.entries(millions).map(([name, tokens = 0]) => {
      const { price, ...route } = ROUTES[name as Route];
      return {
        team,
        day: from + index * DAY,
        ...route,
        tokens: Math.round(tokens * M),
        micros: Math.round(tokens * price * USD),
      };
    }),
  ).flat();
}

function twoWeeks(
  team: string,
  before: Partial<Record<Route, number>>,
  after: Partial<Record<Route, number>>,
): TeamDailyMix[] {
  return [...week(team, WEEK_BEFORE, before), ...week(team, LAST_WEEK, after)];
}

const run = (rows: TeamDailyMix[], knownFrom = KNOWN_FROM) =>
  migrationRule({ rows, today: TODAY, knownFrom });

describe('migrationRule (20 points and $100 a week both required)', () => {
  it('flags support moving 70% of its tokens from claude-sonnet-4-5 to gpt-5.4: the same volume costs $980 less', () => {
    const rows = twoWeeks('support', { sonnet: 90, haiku: 10 }, { sonnet: 20, gpt: 70, haiku: 10 });
    const [candidate, ...rest] = run(rows);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: 'migration|support|model|claude-sonnet-4-5→gpt-5.4',
      rule: 'migration',
      team: 'support',
      severity: 'warning',
      title: 'support moved 70% of its tokens from claude-sonnet-4-5 to gpt-5.4',
      magnitude: 70,
      observedAt: Date.UTC(2026, 10, 24) / 1000,
      details: {
        dimension: 'model',
        fromProvider: 'anthropic',
        toProvider: 'openai',
        fromShare: { before: 0.9, after: 0.2 },
        toShare: { before: 0, after: 0.7 },
        movedPoints: 70,
        beforeFrom: '2026-11-11',
        afterFrom: '2026-11-18',
        through: '2026-11-25',
        tokensBefore: 700 * M,
        tokensAfter: 700 * M,
        spendBefore: 3_920 * USD,
        spendAfter: 2_940 * USD,
        sameVolumeBefore: 3_920 * USD,
        mixChange: -980 * USD,
        actualChange: -980 * USD,
      },
    });
    expect(candidate?.summary).toBe(
      'support moved 70% of its tokens from claude-sonnet-4-5 (anthropic) to gpt-5.4 (openai) this week: the same volume now costs $2,940.00/week instead of $3,920.00 (−$980.00). Its spend went from $3,920.00 to $2,940.00 (−$980.00) with the same tokens.',
    );
    expect(candidate?.view?.contributors?.rows).toEqual([
      { label: 'claude-sonnet-4-5', value: '90% → 20%', share: 0.5 },
      { label: 'gpt-5.4', value: '0% → 70%', share: 0.5 },
      { label: 'claude-haiku-4-5', value: '10% → 10%', share: 0 },
    ]);
  });

  it('prices the same volume apart from growth: 50% more tokens moved to a cheaper model', () => {
    const rows = twoWeeks('support', { sonnet: 100 }, { sonnet: 60, haiku: 90 });
    const [candidate] = run(rows);
    expect(candidate?.details).toMatchObject({
      movedPoints: 60,
      sameVolumeBefore: 6_300 * USD,
      spendAfter: 3_780 * USD,
      mixChange: -2_520 * USD,
      actualChange: -420 * USD,
    });
    expect(candidate?.summary).toMatch(/\(−\$420\.00\) with 50% more tokens\.$/);
  });

  it('names a move of the same model to another provider by provider: bedrock → anthropic', () => {
    const rows = twoWeeks('search', { sonnetBedrock: 100 }, { sonnetBedrock: 50, sonnet: 50 });
    const [candidate, ...rest] = run(rows);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: 'migration|search|provider|bedrock→anthropic',
      details: { dimension: 'provider', movedPoints: 50, mixChange: 0 },
    });
    expect(candidate?.details).not.toHaveProperty('fromProvider');
  });

  it('names a move between two models of one provider by model only', () => {
    const rows = twoWeeks('data', { sonnet: 80, gpt: 20 }, { sonnet: 30, haiku: 50, gpt: 20 });
    expect(run(rows).map((candidate) => candidate.fingerprint)).toEqual([
      'migration|data|model|claude-sonnet-4-5→claude-haiku-4-5',
    ]);
  });

  it('raises two alerts when the model move and the provider move differ', () => {
    // sonnet → haiku inside anthropic (45 points) while openai's gpt gives 30 points to vertex.
    const rows = twoWeeks('mobile', { sonnet: 60, gpt: 40 }, { sonnet: 15, haiku: 45, gpt: 10, gemini: 30 });
    expect(run(rows).map((candidate) => candidate.fingerprint)).toEqual([
      'migration|mobile|model|claude-sonnet-4-5→claude-haiku-4-5',
      'migration|mobile|provider|openai→vertex',
    ]);
  });

  it.each([
    ['a 19-point move', 0, { sonnet: 100 }, { sonnet: 81, gpt: 19 }],
    ['a 20-point move', 1, { sonnet: 100 }, { sonnet: 80, gpt: 20 }],
    ['a new model at 5%', 0, { sonnet: 100 }, { sonnet: 95, gemini: 5 }],
    [
      'an 80-point move of $14 a day at most (under $100 a week)',
      0,
      { haiku: 1 },
      { haiku: 0.2, sonnet: 0.8 },
    ],
  ])('%s raises %i alert(s)', (_, expected, before, after) => {
    expect(run(twoWeeks('growth', before, after))).toHaveLength(expected);
  });

  it('needs both weeks known: nothing when history starts a day into the week before', () => {
    const rows = twoWeeks('support', { sonnet: 100 }, { gpt: 100 });
    expect(run(rows, WEEK_BEFORE + DAY)).toEqual([]);
    expect(run(rows, WEEK_BEFORE)).toHaveLength(1);
  });

  it("reads only the two weeks: today's partial day and older days change nothing", () => {
    const rows = twoWeeks('support', { sonnet: 100 }, { sonnet: 100 });
    const today = week('support', Date.UTC(2026, 10, 25) / 1000, { gpt: 1_000 }).slice(0, 1);
    const older = week('support', WEEK_BEFORE - 7 * DAY, { gemini: 1_000 });
    expect(run([...rows, ...today, ...older])).toEqual([]);
  });

  it('raises nothing for a team that only started (or stopped) using AI', () => {
    expect(run(week('new', LAST_WEEK, { sonnet: 100 }))).toEqual([]);
    expect(run(week('gone', WEEK_BEFORE, { sonnet: 100 }))).toEqual([]);
  });

  it('is a warning at $980 a week more for the same volume, critical from $1,000: haiku → opus', () => {
    const [warning] = run(twoWeeks('legal', { haiku: 10 }, { haiku: 5, opus: 5 }));
    expect(warning).toMatchObject({
      severity: 'warning',
      details: { sameVolumeBefore: 140 * USD, spendAfter: 1_120 * USD, mixChange: 980 * USD },
    });
    expect(warning?.summary).toContain('instead of $140.00 (+$980.00)');
    const [critical] = run(twoWeeks('legal', { haiku: 10 }, { haiku: 4, opus: 6 }));
    expect(critical).toMatchObject({ severity: 'critical', details: { mixChange: 1_176 * USD } });
  });
});

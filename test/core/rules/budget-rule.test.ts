import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../../src/core/facts.js';
import { type BudgetRuleTeam, budgetRule } from '../../../src/core/rules/budget-rule.js';

const USD = 1_000_000;
const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const nov = (date: number) => NOV_1 + (date - 1) * SECONDS_PER_DAY;
const KNOWN_FROM = nov(1) - 70 * SECONDS_PER_DAY;
const NOW = nov(16) + 9 * 3_600;

function team(usd: (day: number) => number, overrides: Partial<BudgetRuleTeam> = {}): BudgetRuleTeam {
  const days: BudgetRuleTeam['days'][number][] = [];
  for (let day = KNOWN_FROM; day < nov(16); day += SECONDS_PER_DAY)
    days.push({ day, micros: usd(day) * USD });
  return { team: 'search', budgetMicros: 25_000 * USD, days, ...overrides };
}

const run = (teams: BudgetRuleTeam[], now = NOW) => budgetRule({ teams, knownFrom: KNOWN_FROM, now });

describe('budgetRule on a $25,000 November budget, evaluated on Nov 16 at 09:00', () => {
  it.each([
    [600, []],
    [700, ['budget|search|2026-11|80']],
    [1_000, ['budget|search|2026-11|100']],
  ])('at a flat $%i a day fires %j', (usd, expected) => {
    expect(run([team(() => usd)]).map((candidate) => candidate.fingerprint)).toEqual(expected);
  });

  it('warns at 84% with the forecast, range, spend so far and the next step', () => {
    const [candidate] = run([team(() => 700)]);
    expect(candidate).toMatchObject({
      rule: 'budget',
      team: 'search',
      severity: 'warning',
      title: 'search on course for 84% of its November budget',
      summary:
        'search is on course to spend $21,000 in November (forecast, $21,000–$21,000), 84% of its $25,000 budget; $10,500 spent through Nov 15.',
      observedAt: nov(15),
      magnitude: 84,
      details: {
        month: '2026-11',
        threshold: 80,
        budgetMicros: 25_000 * USD,
        monthToDateMicros: 10_500 * USD,
        forecastMicros: 21_000 * USD,
        forecastPercent: 84,
        monthToDatePercent: 42,
        through: '2026-11-15',
        alreadyOver: false,
      },
      view: {
        facts: [
          { label: 'Budget', value: '$25,000' },
          { label: 'Spent so far', value: '$10,500 (42%)' },
          { label: 'Forecast (range)', value: '$21,000 ($21,000–$21,000), 84%' },
          { label: 'Basis', value: expect.stringContaining('level $700.00/day') },
        ],
        next: 'Ask `budget search` or `team search mtd` to see what grew.',
      },
    });
    expect(candidate?.implies).toBeUndefined();
  });

  it('is critical at 120%, implying the 80% alert', () => {
    const [candidate] = run([team(() => 1_000)]);
    expect(candidate).toMatchObject({
      severity: 'critical',
      magnitude: 120,
      implies: ['budget|search|2026-11|80'],
      title: 'search on course for 120% of its November budget',
    });
  });

  it('says "already over" once $30,000 spent passes the $25,000 budget', () => {
    const [candidate] = run([team(() => 2_000)]);
    expect(candidate).toMatchObject({
      fingerprint: 'budget|search|2026-11|100',
      severity: 'critical',
      title: 'search is already over its November budget (120%)',
      summary:
        'search has already spent $30,000 of its $25,000 November budget (120%) and is on course for $60,000 ($60,000–$60,000) by the end of the month.',
      details: { alreadyOver: true },
    });
  });

  it('fires for a launch on Nov 12 ($500 → $1,500 a day) that a month average would miss', () => {
    // Spent $5,500 + $6,000 = $11,500; to come 15 × $1,500 = $22,500: $34,000, 136%.
    const [candidate] = run([team((day) => (day < nov(12) ? 500 : 1_500))]);
    expect(candidate?.fingerprint).toBe('budget|search|2026-11|100');
    expect(candidate?.details.forecastMicros).toBe(34_000 * USD);
  });

  it('keeps the 80% alert while the forecast stays at 79.2% (≥ 72%) and drops it at 70.8%', () => {
    // $800 a day (96%) through Nov 9, then $600: 10,800 + 15 × 600 = $19,800 = 79.2%.
    expect(run([team((day) => (day < nov(10) ? 800 : 600))]).map((c) => c.fingerprint)).toEqual([
      'budget|search|2026-11|80',
    ]);
    // Then $500: 10,200 + 15 × 500 = $17,700 = 70.8%.
    expect(run([team((day) => (day < nov(10) ? 800 : 500))])).toEqual([]);
  });

  it('starts a new fingerprint in December (once per threshold per month)', () => {
    const days: BudgetRuleTeam['days'][number][] = [];
    for (let day = KNOWN_FROM; day < nov(32); day += SECONDS_PER_DAY) days.push({ day, micros: 1_000 * USD });
    const [candidate] = run([{ team: 'search', budgetMicros: 25_000 * USD, days }], nov(32) + 3_600);
    expect(candidate?.fingerprint).toBe('budget|search|2026-12|100');
    expect(candidate?.details.forecastMicros).toBe(31_000 * USD);
  });

  it('skips teams without a budget', () => {
    expect(run([team(() => 5_000, { budgetMicros: 0 })])).toEqual([]);
  });

  it('with 5 days known trusts month-to-date spend only: $5,000 of a $6,000 budget fires 80%', () => {
    const recent = team(() => 1_000).days.filter((entry) => entry.day >= nov(11));
    const short = (budgetUsd: number) =>
      budgetRule({
        teams: [{ team: 'search', budgetMicros: budgetUsd * USD, days: recent }],
        knownFrom: nov(11),
        now: NOW,
      }).map((candidate) => candidate.fingerprint);
    expect(short(25_000)).toEqual([]);
    expect(short(6_000)).toEqual(['budget|search|2026-11|80']);
  });

  it('predicts the days after knownThrough instead of counting them as $0', () => {
    const lagging = team(() => 700);
    const days = lagging.days.filter((entry) => entry.day < nov(14));
    const [candidate] = run([{ ...lagging, days, knownThrough: nov(14) }]);
    expect(candidate?.details).toMatchObject({
      monthToDateMicros: 9_100 * USD,
      forecastMicros: 21_000 * USD,
      through: '2026-11-13',
    });
  });

  it('judges each team on its own budget', () => {
    const fingerprints = run([
      team(() => 1_000),
      team(() => 1_000, { team: 'data', budgetMicros: 50_000 * USD }),
    ]);
    expect(fingerprints.map((candidate) => candidate.fingerprint)).toEqual(['budget|search|2026-11|100']);
  });
});

import { SECONDS_PER_DAY } from '../../core/facts.js';
import { type BudgetRuleTeam, budgetRule } from '../../core/rules/budget-rule.js';
import { mulberry32 } from '../../sim/scenario/rng.js';
import type { DetectionCase } from './detection-case.js';

const DAY = SECONDS_PER_DAY;
const USD = 1_000_000;
/** Evaluated months: September to November 2026 (Labor Day, Thanksgiving inside). */
const MONTH_STARTS = [
  Date.UTC(2026, 8, 1),
  Date.UTC(2026, 9, 1),
  Date.UTC(2026, 10, 1),
  Date.UTC(2026, 11, 1),
].map((millis) => millis / 1000);
const EVAL_START = MONTH_STARTS[0] ?? 0;
const EVAL_END = MONTH_STARTS[3] ?? 0;
/** Ten weeks of history before the evaluation: the rule wants at least five. */
const KNOWN_FROM = EVAL_START - 70 * DAY;
/** Days passed to the rule on each step, as the store does (the month plus eight weeks and more). */
const WINDOW_DAYS = 100;
/** The replay runs once a day, after the billed day closes. */
const STEP_OFFSET = 6 * 3_600;
/** A launch is detected within 10 days; a slow trend shows in the forecast gradually: 20 days. */
const LAUNCH_WITHIN = 10 * DAY;
const RAMP_WITHIN = 20 * DAY;
const HOLIDAYS = new Set([
  '2026-07-03',
  '2026-09-07',
  '2026-10-12',
  '2026-11-11',
  '2026-11-26',
  '2026-11-27',
]);

interface TeamSpec {
  team: string;
  /** Dollars on an ordinary weekday before any incident. */
  baseUsd: number;
  weekendFactor: number;
  /** Log-normal sigma of one day. */
  noise: number;
  /** Days the billed data lags behind the clock (0: yesterday is known). */
  lagDays: number;
}

interface TeamSeries {
  spec: TeamSpec;
  budgetMicros: number;
  days: Array<{ day: number; micros: number }>;
}

/**
 * Labelled daily spend for the budget rule, September–November 2026 with ten weeks of history:
 * weekday shape, holidays, three noise levels (5–15% a day), billed data lagging up to two days.
 * Incidents are launches mid-month that take the month to 85%–160% of the budget, and slow trends
 * up (starting 1–5 weeks before the month) that end it at 85%–120%; quiet controls are four teams
 * each ending every month at 60–75% of their budget, some with a one-day batch job. An incident is a
 * team-month whose actual spend ended at ≥ 80% of the budget, from the launch or the ramp (or the
 * month's first day when it began before), detected within 10 days (ramps: 20). The replay reports
 * each team-month's first alert: its 100% alert is the escalation of the same overspend.
 */
export function budgetCases(seed: number): DetectionCase[] {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const noises = [0.05, 0.1, 0.15];
  const spec = (team: string, noise = pick(noises)): TeamSpec => ({
    team,
    baseUsd: Math.round(between(200, 3_000)),
    weekendFactor: between(0.35, 0.85),
    noise,
    lagDays: pick([0, 0, 1, 2]),
  });
  const cases: DetectionCase[] = [];

  for (let index = 0; index < 24; index++) {
    const noise = noises[index % 3] ?? 0.1;
    const month = 1 + (index % 2);
    const monthStart = MONTH_STARTS[month] ?? 0;
    const launch = monthStart + Math.floor(between(3, 20)) * DAY;
    const target = pick([0.85, 0.95, 1.05, 1.2, 1.6]);
    const team = spec('search', noise);
    const usage = between(0.55, 0.72);
    const shocks = dayShocks(random, team.noise);
    const plain = spendSeries(team, shocks, () => 1);
    const budget = maxMonth(plain) / usage;
    const before = monthSpend(plain, monthStart, launch);
    const after = monthSpend(plain, launch, MONTH_STARTS[month + 1] ?? 0);
    const multiplier = Math.max(1.2, (target * budget - before) / after);
    const series = spendSeries(team, shocks, (day) => (day >= launch ? multiplier : 1));
    cases.push(
      budgetCase({
        name: `budget/launch/×${multiplier.toFixed(2)}/target-${Math.round(target * 100)}%/noise-${noise * 100}%/${index}`,
        tags: [
          'launch',
          'level-shift',
          `noise-${noise * 100}%`,
          ...(team.lagDays > 0 ? ['missing-data'] : []),
        ],
        teams: [{ spec: team, budgetMicros: Math.round(budget), days: series }],
        causeAt: launch,
        detectWithinSeconds: LAUNCH_WITHIN,
        end: MONTH_STARTS[Math.min(3, month + 2)] ?? EVAL_END,
      }),
    );
  }

  for (let index = 0; index < 16; index++) {
    const noise = noises[index % 3] ?? 0.1;
    const month = 1 + (index % 2);
    const monthStart = MONTH_STARTS[month] ?? 0;
    const monthEnd = MONTH_STARTS[month + 1] ?? 0;
    const rampStart = monthStart - Math.floor(between(7, 35)) * DAY;
    const target = pick([0.85, 0.95, 1.05, 1.2]);
    const team = spec('data', noise);
    const usage = between(0.55, 0.7);
    const shocks = dayShocks(random, team.noise);
    const plain = spendSeries(team, shocks, () => 1);
    const budget = maxMonth(plain) / usage;
    const ramp = (growth: number) => (day: number) =>
      day < rampStart ? 1 : (1 + growth) ** ((day - rampStart) / DAY);
    // The daily growth that brings the month to `target` of the budget (bisection; 0.1%–6% a day).
    let low = 0.001;
    let high = 0.06;
    for (let step = 0; step < 30; step++) {
      const middle = (low + high) / 2;
      if (monthSpend(spendSeries(team, shocks, ramp(middle)), monthStart, monthEnd) < target * budget)
        low = middle;
      else high = middle;
    }
    const series = spendSeries(team, shocks, ramp(low));
    cases.push(
      budgetCase({
        name: `budget/ramp/+${(low * 100).toFixed(1)}%-a-day/target-${Math.round(target * 100)}%/noise-${noise * 100}%/${index}`,
        tags: ['ramp', `noise-${noise * 100}%`, ...(team.lagDays > 0 ? ['missing-data'] : [])],
        teams: [{ spec: team, budgetMicros: Math.round(budget), days: series }],
        causeAt: rampStart,
        detectWithinSeconds: RAMP_WITHIN,
        end: monthEnd,
      }),
    );
  }

  for (let index = 0; index < 9; index++) {
    const teams = ['web', 'mobile', 'support', 'growth'].map((name) => {
      const team = spec(name, noises[(index + name.length) % 3]);
      const shocks = dayShocks(random, team.noise);
      // A one-day batch job (×3) in some teams: it adds to the month but says nothing of the rest.
      const batch = random() < 0.5 ? EVAL_START + Math.floor(between(5, 85)) * DAY : undefined;
      const days = spendSeries(team, shocks, (day) => (day === batch ? 3 : 1));
      return { spec: team, budgetMicros: Math.round(maxMonth(days) / between(0.6, 0.75)), days };
    });
    cases.push(
      budgetCase({
        name: `budget/quiet/${index}`,
        tags: [
          'quiet',
          'seasonality',
          'holiday',
          ...(teams.some((team) => team.spec.lagDays > 0) ? ['missing-data'] : []),
        ],
        teams,
        causeAt: undefined,
        detectWithinSeconds: LAUNCH_WITHIN,
        end: EVAL_END,
      }),
    );
  }
  return cases;
}

function budgetCase({
  name,
  tags,
  teams,
  causeAt,
  detectWithinSeconds,
  end,
}: {
  name: string;
  tags: string[];
  teams: TeamSeries[];
  causeAt: number | undefined;
  detectWithinSeconds: number;
  end: number;
}): DetectionCase {
  const incidents: Array<{ at: number; label: string }> = [];
  for (const team of teams) {
    for (const [index, monthStart] of MONTH_STARTS.entries()) {
      const monthEnd = MONTH_STARTS[index + 1];
      if (monthEnd === undefined || monthEnd > end) continue;
      const spent = monthSpend(team.days, monthStart, monthEnd);
      if (spent < 0.8 * team.budgetMicros) continue;
      const at = Math.max(monthStart, causeAt ?? monthStart);
      incidents.push({
        at,
        label: `${team.spec.team} ended the month at ${Math.round((spent / team.budgetMicros) * 100)}%`,
      });
    }
  }
  return {
    name,
    rule: 'budget',
    tags,
    incidents,
    detectWithinSeconds,
    evaluatedSeconds: end - EVAL_START,
    teams: teams.length,
    replay: () => replayBudget(teams, end),
  };
}

function replayBudget(
  teams: readonly TeamSeries[],
  end: number,
): Array<{ fingerprint: string; firstAt: number }> {
  const first = new Map<string, number>();
  for (let clock = EVAL_START + STEP_OFFSET; clock < end; clock += DAY) {
    const input: BudgetRuleTeam[] = teams.map(({ spec, budgetMicros, days }) => {
      const knownThrough = clock - (clock % DAY) - spec.lagDays * DAY;
      return {
        team: spec.team,
        budgetMicros,
        days: days.filter((entry) => entry.day < knownThrough && entry.day >= clock - WINDOW_DAYS * DAY),
        knownThrough,
      };
    });
    for (const candidate of budgetRule({ teams: input, knownFrom: KNOWN_FROM, now: clock })) {
      // `budget|team|month|percent`: a team-month's later threshold is the escalation of its first alert.
      const teamMonth = candidate.fingerprint.split('|').slice(0, 3).join('|');
      if (!first.has(teamMonth)) first.set(teamMonth, clock);
    }
  }
  return [...first].map(([teamMonth, firstAt]) => ({ fingerprint: teamMonth, firstAt }));
}

/** One log-normal multiplier per day of the whole span, drawn once so variants share their noise. */
function dayShocks(random: () => number, sigma: number): number[] {
  const shocks: number[] = [];
  for (let day = KNOWN_FROM; day < EVAL_END; day += DAY) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    shocks.push(Math.exp(sigma * normal - (sigma * sigma) / 2));
  }
  return shocks;
}

function spendSeries(spec: TeamSpec, shocks: readonly number[], level: (day: number) => number) {
  const days: Array<{ day: number; micros: number }> = [];
  shocks.forEach((shock, index) => {
    const day = KNOWN_FROM + index * DAY;
    const weekday = (Math.floor(day / DAY) + 4) % 7;
    const weekend = weekday === 0 || weekday === 6 ? spec.weekendFactor : 1;
    const holiday = HOLIDAYS.has(new Date(day * 1000).toISOString().slice(0, 10)) ? 0.4 : 1;
    days.push({ day, micros: Math.round(spec.baseUsd * USD * weekend * holiday * shock * level(day)) });
  });
  return days;
}

function monthSpend(
  days: ReadonlyArray<{ day: number; micros: number }>,
  start: number,
  end: number,
): number {
  return days.reduce((sum, entry) => (entry.day >= start && entry.day < end ? sum + entry.micros : sum), 0);
}

/** The largest evaluated month's spend. */
function maxMonth(days: ReadonlyArray<{ day: number; micros: number }>): number {
  return Math.max(
    ...[0, 1, 2].map((index) => monthSpend(days, MONTH_STARTS[index] ?? 0, MONTH_STARTS[index + 1] ?? 0)),
  );
}

import { UTCDate } from '@date-fns/utc';
import { addMonths, format, startOfMonth } from 'date-fns';
import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_DAY } from '../facts.js';
import { MICROS_PER_USD } from '../money.js';
import { forecastMonth, type MonthForecast } from './month-forecast.js';

/** A team with a monthly budget and its daily spend. */
export interface BudgetRuleTeam {
  team: string;
  /** Monthly budget, micro-dollars; teams without one (≤ 0) are skipped. */
  budgetMicros: number;
  /**
   * Spend per UTC day (`day` = midnight, epoch seconds), micro-dollars, at least 5 weeks back when
   * known. Days from `knownFrom` to `knownThrough` missing here had no spend.
   */
  days: ReadonlyArray<{ day: number; micros: number }>;
  /** End (exclusive) of the spend known, e.g. the billed data's freshness; default `now`. Later days are predicted, never zero. */
  knownThrough?: number;
}

/** The thresholds, percent of the monthly budget the forecast reaches. */
export const DEFAULT_BUDGET_PERCENTS: readonly number[] = [80, 100];
/** An alert keeps firing while the forecast stays at or above this share of its threshold. */
export const BUDGET_HYSTERESIS = 0.9;
/** Fewer known days than this give no forecast: only month-to-date spend can fire. */
export const MIN_FORECAST_DAYS = 7;

/** The figures of a budget alert (`AlertCandidate.details`); amounts in micro-dollars. */
export interface BudgetAlertDetails {
  /** `YYYY-MM`, UTC. */
  month: string;
  threshold: number;
  budgetMicros: number;
  monthToDateMicros: number;
  /** `YYYY-MM-DD`, the last whole day counted; absent before the month's first day is known. */
  through?: string;
  forecastMicros: number;
  lowMicros: number;
  highMicros: number;
  /** Forecast ÷ budget and month to date ÷ budget, percent with one decimal. */
  forecastPercent: number;
  monthToDatePercent: number;
  /** Month-to-date spend alone passed the budget. */
  alreadyOver: boolean;
  basis: string;
}

/**
 * Budget conditions firing at `now`, per team with a budget: the month-end forecast (see
 * `forecastMonth`) reached a percent of the budget. One candidate for the highest threshold firing,
 * fingerprinted `budget|team|YYYY-MM|percent` (once per threshold per month), implying the lower
 * ones. A threshold keeps firing while the forecast stays ≥ 90% of it: the rule replays the
 * month's earlier daily forecasts, so it needs no memory. 100% and up is critical; so is spend
 * already past the budget ("already over").
 */
export function budgetRule({
  teams,
  knownFrom,
  now,
  percents = DEFAULT_BUDGET_PERCENTS,
}: {
  teams: readonly BudgetRuleTeam[];
  /** Start of the known history (UTC epoch seconds): earlier days are unknown, not zero. */
  knownFrom: number;
  now: number;
  percents?: readonly number[];
}): AlertCandidate[] {
  const ascending = [...new Set(percents)].filter((percent) => percent > 0).sort((a, b) => a - b);
  const monthStart = toSeconds(startOfMonth(new UTCDate(now * 1000)));
  const monthEnd = toSeconds(addMonths(new UTCDate(monthStart * 1000), 1));
  const candidates: AlertCandidate[] = [];
  for (const team of teams) {
    if (team.budgetMicros <= 0) continue;
    const through = Math.min(now, team.knownThrough ?? now);
    const memo = new Map<number, { forecast: MonthForecast; percent: number }>();
    const percentAsOf = (asOf: number) => {
      const cached = memo.get(asOf);
      if (cached) return cached;
      const forecast = forecastMonth({ days: team.days, knownFrom, monthStart, monthEnd, asOf });
      const trusted = (forecast.historyDays ?? 0) >= MIN_FORECAST_DAYS;
      const spend = trusted ? forecast.forecastMicros : forecast.monthToDateMicros;
      const result = { forecast, percent: (spend / team.budgetMicros) * 100 };
      memo.set(asOf, result);
      return result;
    };
    const latest = percentAsOf(through);
    const firing = ascending.filter((threshold) => stillFiring(threshold, monthStart, through, percentAsOf));
    const threshold = firing.at(-1);
    if (threshold === undefined) continue;
    const details = budgetDetails(team, threshold, latest.forecast, monthStart, through);
    const fingerprint = (value: number) => `budget|${team.team}|${details.month}|${value}`;
    const lower = ascending.filter((value) => value < threshold);
    candidates.push({
      fingerprint: fingerprint(threshold),
      rule: 'budget',
      team: team.team,
      severity: threshold >= 100 || details.alreadyOver ? 'critical' : 'warning',
      title: details.alreadyOver
        ? `${team.team} is already over its ${monthName(monthStart)} budget (${Math.round(details.monthToDatePercent)}%)`
        : `${team.team} on course for ${Math.round(details.forecastPercent)}% of its ${monthName(monthStart)} budget`,
      summary: budgetSummary(team.team, details, monthStart),
      details: { ...details },
      observedAt: Math.max(monthStart, floorDay(through) - SECONDS_PER_DAY),
      magnitude: details.forecastPercent,
      view: {
        facts: [
          { label: 'Budget', value: dollars(details.budgetMicros) },
          {
            label: 'Spent so far',
            value: `${dollars(details.monthToDateMicros)} (${details.monthToDatePercent}%)`,
          },
          {
            label: 'Forecast (range)',
            value: `${rounded(details.forecastMicros)} (${rounded(details.lowMicros)}–${rounded(details.highMicros)}), ${details.forecastPercent}%`,
          },
          { label: 'Basis', value: details.basis },
        ],
        next: `Ask \`budget ${team.team}\` or \`team ${team.team} mtd\` to see what grew.`,
      },
      ...(lower.length > 0 ? { implies: lower.map(fingerprint) } : {}),
    });
  }
  return candidates;
}

/**
 * Whether `threshold` fires at `through`: replaying the forecast made at each midnight of the month
 * so far, it opens when the percent reaches the threshold and closes only below 90% of it.
 */
function stillFiring(
  threshold: number,
  monthStart: number,
  through: number,
  percentAsOf: (asOf: number) => { percent: number },
): boolean {
  // Only a forecast inside the hysteresis band depends on the month's earlier forecasts.
  const now = percentAsOf(through).percent;
  if (now >= threshold) return true;
  if (now < threshold * BUDGET_HYSTERESIS) return false;
  let open = false;
  const asOfs: number[] = [];
  for (let day = monthStart; day < through; day += SECONDS_PER_DAY) asOfs.push(day);
  if (asOfs.at(-1) !== floorDay(through)) asOfs.push(through);
  for (const asOf of asOfs) {
    const { percent } = percentAsOf(asOf);
    if (percent >= threshold) open = true;
    else if (percent < threshold * BUDGET_HYSTERESIS) open = false;
  }
  return open;
}

function budgetDetails(
  team: BudgetRuleTeam,
  threshold: number,
  forecast: MonthForecast,
  monthStart: number,
  through: number,
): BudgetAlertDetails {
  const lastDay = floorDay(through) - SECONDS_PER_DAY;
  const percentOf = (micros: number) => Math.round((micros / team.budgetMicros) * 1000) / 10;
  return {
    month: format(new UTCDate(monthStart * 1000), 'yyyy-MM'),
    threshold,
    budgetMicros: team.budgetMicros,
    monthToDateMicros: forecast.monthToDateMicros,
    ...(lastDay >= monthStart ? { through: format(new UTCDate(lastDay * 1000), 'yyyy-MM-dd') } : {}),
    forecastMicros: forecast.forecastMicros,
    lowMicros: forecast.lowMicros,
    highMicros: forecast.highMicros,
    forecastPercent: percentOf(forecast.forecastMicros),
    monthToDatePercent: percentOf(forecast.monthToDateMicros),
    alreadyOver: forecast.monthToDateMicros > team.budgetMicros,
    basis: forecast.basis,
  };
}

function budgetSummary(team: string, details: BudgetAlertDetails, monthStart: number): string {
  const month = monthName(monthStart);
  const range = `${rounded(details.lowMicros)}–${rounded(details.highMicros)}`;
  const spent = details.through
    ? `${dollars(details.monthToDateMicros)} spent through ${format(new UTCDate(`${details.through}T00:00:00Z`), 'MMM d')}`
    : 'nothing known of the month yet';
  if (details.alreadyOver) {
    return `${team} has already spent ${dollars(details.monthToDateMicros)} of its ${dollars(details.budgetMicros)} ${month} budget (${Math.round(details.monthToDatePercent)}%) and is on course for ${rounded(details.forecastMicros)} (${range}) by the end of the month.`;
  }
  return `${team} is on course to spend ${rounded(details.forecastMicros)} in ${month} (forecast, ${range}), ${Math.round(details.forecastPercent)}% of its ${dollars(details.budgetMicros)} budget; ${spent}.`;
}

/** Whole dollars: "$14,213". */
function dollars(micros: number): string {
  return `$${Math.round(micros / MICROS_PER_USD).toLocaleString('en-US')}`;
}

/** Three significant figures for a forecast, whose cents mean nothing: "$27,400". */
function rounded(micros: number): string {
  const usd = micros / MICROS_PER_USD;
  if (usd < 1_000) return dollars(micros);
  const step = 10 ** (Math.floor(Math.log10(usd)) - 2);
  return `$${(Math.round(usd / step) * step).toLocaleString('en-US')}`;
}

function monthName(monthStart: number): string {
  return format(new UTCDate(monthStart * 1000), 'MMMM');
}

function floorDay(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

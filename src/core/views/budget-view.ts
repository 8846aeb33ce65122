import { UTCDate } from '@date-fns/utc';
import { addMonths, format, startOfMonth } from 'date-fns';
import { SECONDS_PER_DAY } from '../facts.js';
import { isoDay, isoTime, type Period } from '../period.js';
import { MIN_FORECAST_DAYS } from '../rules/budget-rule.js';
import { forecastMonth } from '../rules/month-forecast.js';
import { freshnessOf, type SourceFreshness, type TeamSpendView } from './team-spend-view.js';

/** A team's monthly budget and where it comes from: `config` (ai-spend.yml) or `chat` (`budget set`). */
export interface BudgetSetting {
  micros: number;
  origin: 'config' | 'chat';
  /** Who set it from chat (chat user id or `cli`) and when (epoch seconds); only for `chat`. */
  changedBy?: string;
  changedAt?: number;
}

/** One team's month: spent so far, the month-end forecast and its budget. Micro-dollars, UTC. */
export interface TeamBudgetStatus {
  team: string;
  /** Absent when the team has no budget. */
  budget_micros?: number;
  origin?: 'config' | 'chat';
  changed_by?: string;
  changed_at?: string;
  month_to_date_micros: number;
  /** The last whole UTC day counted in `month_to_date_micros`, `YYYY-MM-DD`; absent before the first. */
  through?: string;
  forecast_micros: number;
  low_micros: number;
  high_micros: number;
  /** False with under 7 known days: the forecast is then month to date only. */
  forecast_trusted: boolean;
  basis: string;
  /** Month to date and forecast in % of the budget, one decimal; absent without a budget. */
  used_percent?: number;
  forecast_percent?: number;
}

/** The answer to `budget [team] [period]`: the JSON contract of `ai-spend ask --json "budget …"`. */
export interface BudgetView {
  kind: 'budget';
  /** `YYYY-MM`, the UTC month shown: the one holding the period's last day (never after today). */
  month: string;
  month_start: string;
  month_end: string;
  /** One team, or every team with a budget when none was named. */
  team?: string;
  teams: TeamBudgetStatus[];
  freshness: TeamSpendView['freshness'];
}

export interface BudgetInput {
  team?: string;
  period: Period;
  now: number;
  /** First day any spend is known (earlier days are unknown, not zero); `null` with no data. */
  knownFrom: number | null;
  teams: ReadonlyArray<{
    team: string;
    budget?: BudgetSetting;
    /** Spend per UTC day from at least 8 weeks before the month through `now`. */
    days: ReadonlyArray<{ day: number; micros: number }>;
  }>;
  freshness: readonly SourceFreshness[];
}

/** History the forecast reads before the month: its weekday shape and trend need 8 weeks. */
export const BUDGET_HISTORY_SECONDS = 63 * SECONDS_PER_DAY;

/** The month a `budget` answer shows for `period` at `now`: `[start, end)`, UTC epoch seconds. */
export function budgetMonth(period: Pick<Period, 'end'>, now: number): { start: number; end: number } {
  const anchor = Math.min(period.end - 1, now);
  const start = Math.floor(startOfMonth(new UTCDate(anchor * 1000)).getTime() / 1000);
  return { start, end: Math.floor(addMonths(new UTCDate(start * 1000), 1).getTime() / 1000) };
}

/** Month to date, month-end forecast (see `forecastMonth`) and budget for each team. */
export function buildBudgetView({ team, period, now, knownFrom, teams, freshness }: BudgetInput): BudgetView {
  const month = budgetMonth(period, now);
  const asOf = Math.min(now, month.end);
  const lastDay = Math.floor(asOf / SECONDS_PER_DAY) * SECONDS_PER_DAY - SECONDS_PER_DAY;
  return {
    kind: 'budget',
    month: format(new UTCDate(month.start * 1000), 'yyyy-MM'),
    month_start: isoTime(month.start),
    month_end: isoTime(month.end),
    ...(team === undefined ? {} : { team }),
    teams: teams.map(({ team: name, budget, days }) => {
      const forecast = forecastMonth({
        days,
        knownFrom: knownFrom ?? asOf,
        monthStart: month.start,
        monthEnd: month.end,
        asOf,
      });
      const trusted = (forecast.historyDays ?? 0) >= MIN_FORECAST_DAYS || asOf >= month.end;
      const expected = trusted ? forecast : { ...forecast, forecastMicros: forecast.monthToDateMicros };
      const percentOf = (micros: number) =>
        budget === undefined || budget.micros <= 0
          ? undefined
          : Math.round((micros / budget.micros) * 1000) / 10;
      const used = percentOf(forecast.monthToDateMicros);
      const projected = percentOf(expected.forecastMicros);
      return {
        team: name,
        ...(budget === undefined
          ? {}
          : {
              budget_micros: budget.micros,
              origin: budget.origin,
              ...(budget.changedBy === undefined ? {} : { changed_by: budget.changedBy }),
              ...(budget.changedAt === undefined ? {} : { changed_at: isoTime(budget.changedAt) }),
            }),
        month_to_date_micros: forecast.monthToDateMicros,
        ...(lastDay >= month.start ? { through: isoDay(lastDay) } : {}),
        forecast_micros: expected.forecastMicros,
        low_micros: trusted ? forecast.lowMicros : forecast.monthToDateMicros,
        high_micros: trusted ? forecast.highMicros : forecast.monthToDateMicros,
        forecast_trusted: trusted,
        basis: trusted
          ? forecast.basis
          : `${forecast.historyDays ?? 0} days of history, ${MIN_FORECAST_DAYS} needed: month to date only`,
        ...(used === undefined ? {} : { used_percent: used }),
        ...(projected === undefined ? {} : { forecast_percent: projected }),
      };
    }),
    freshness: freshnessOf(freshness),
  };
}

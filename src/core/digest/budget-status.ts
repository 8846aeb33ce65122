import { SECONDS_PER_DAY } from '../facts.js';
import { isoDay } from '../period.js';

/** `over`: spent more than the budget; `at_risk`: the projection passes it; `on_track`: neither. */
export type BudgetState = 'on_track' | 'at_risk' | 'over';

/** A team's month against its monthly budget, as the digest reports it. Amounts in micro-USD. */
export interface BudgetStatus {
  team: string;
  /** `YYYY-MM` of the month, UTC. */
  month: string;
  budget_micros: number;
  /** Spend from the first of the month through `through`. */
  month_to_date_micros: number;
  /** The last UTC day counted, `YYYY-MM-DD`. */
  through: string;
  /** Month-to-date spend plus the digest week's daily run rate over the days left in the month. */
  projected_micros: number;
  days_elapsed: number;
  days_in_month: number;
  status: BudgetState;
}

export interface BudgetInput {
  team: string;
  budgetMicros: number;
  monthToDateMicros: number;
  /** Spend of the digest week, whose daily average is the run rate. */
  weekMicros: number;
  monthStart: number;
  monthEnd: number;
  /** End of the spend counted, a UTC midnight in `(monthStart, monthEnd]`. */
  asOf: number;
}

/**
 * Where a team stands against its monthly budget. The projection is linear in the latest run
 * rate, not the month's average, so a launch late in the month shows up before the month ends.
 */
export function budgetStatus({
  team,
  budgetMicros,
  monthToDateMicros,
  weekMicros,
  monthStart,
  monthEnd,
  asOf,
}: BudgetInput): BudgetStatus {
  const daysLeft = Math.max(0, (monthEnd - asOf) / SECONDS_PER_DAY);
  const projected = monthToDateMicros + Math.round((weekMicros / 7) * daysLeft);
  const status: BudgetState =
    monthToDateMicros > budgetMicros ? 'over' : projected > budgetMicros ? 'at_risk' : 'on_track';
  return {
    team,
    month: isoDay(monthStart).slice(0, 7),
    budget_micros: budgetMicros,
    month_to_date_micros: monthToDateMicros,
    through: isoDay(asOf - SECONDS_PER_DAY),
    projected_micros: projected,
    days_elapsed: Math.round((asOf - monthStart) / SECONDS_PER_DAY),
    days_in_month: Math.round((monthEnd - monthStart) / SECONDS_PER_DAY),
    status,
  };
}

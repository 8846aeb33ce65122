import { SECONDS_PER_DAY } from '../facts.js';
import { isoDay } from '../period.js';
import type { BacktestAlert } from './backtest-alert.js';

/** Alerts per ISO week (Monday, UTC) and per scope, most first, for tuning thresholds. */
export interface BacktestSummary {
  total: number;
  critical: number;
  /** Weeks of the replayed span, so a quiet week counts as zero. */
  weeks: number;
  perWeek: Array<{ week: string; alerts: number }>;
  perScope: Array<{ scope: string; alerts: number }>;
}

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: number): number {
  const day = at - (((at % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY);
  // 1970-01-01 was a Thursday: days since then, shifted so Monday is 0.
  const weekday = (Math.floor(day / SECONDS_PER_DAY) + 3) % 7;
  return day - weekday * SECONDS_PER_DAY;
}

/** Counts `alerts` per week and scope over the replayed span `[since, until)`. */
export function summarizeBacktest(
  alerts: readonly BacktestAlert[],
  { since, until }: { since: number; until: number },
): BacktestSummary {
  const weeks = new Map<number, number>();
  for (let week = weekStart(since); week < until; week += 7 * SECONDS_PER_DAY) weeks.set(week, 0);
  const scopes = new Map<string, number>();
  for (const alert of alerts) {
    const week = weekStart(alert.at);
    weeks.set(week, (weeks.get(week) ?? 0) + 1);
    scopes.set(alert.scope, (scopes.get(alert.scope) ?? 0) + 1);
  }
  return {
    total: alerts.length,
    critical: alerts.filter((alert) => alert.severity === 'critical').length,
    weeks: weeks.size,
    perWeek: [...weeks]
      .sort(([a], [b]) => a - b)
      .map(([week, count]) => ({ week: isoDay(week), alerts: count })),
    perScope: [...scopes]
      .map(([scope, count]) => ({ scope, alerts: count }))
      .sort((a, b) => b.alerts - a.alerts || (a.scope < b.scope ? -1 : 1)),
  };
}

import type Database from 'better-sqlite3';

/** One team's spend on one UTC day (`day` = midnight, epoch seconds), micro-dollars. */
export interface DailyTeamSpend {
  team: string;
  day: number;
  micros: number;
}

/**
 * Spend per team and UTC day over `[start, end)` from the daily rollups: the billed amount where
 * the day is billed, the estimate where it is not yet (as every spend answer counts it).
 */
export function dailyTeamSpend(db: Database.Database, start: number, end: number): DailyTeamSpend[] {
  return db
    .prepare(`SELECT team, day, sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END) AS micros
      FROM rollup_daily WHERE day >= ? AND day < ? GROUP BY team, day ORDER BY team, day`)
    .all(start, end) as DailyTeamSpend[];
}

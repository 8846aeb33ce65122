import type Database from 'better-sqlite3';
import type { MetricRow } from '../core/metrics/check-metric-rows.js';

/** Units of one (feature, unit) on one UTC day (`day` = midnight, epoch seconds). */
export interface UnitDay {
  feature: string;
  unit: string;
  day: number;
  value: number;
}

/** A team's spend of one (source, feature, model) on one UTC day: billed where billed, else estimated. */
export interface SpendDay {
  day: number;
  source: string;
  feature: string;
  model: string;
  micros: number;
}

/** Business metrics (units of value per team, feature, unit and day) and the daily spend they divide. */
export function createBusinessMetricsStore(db: Database.Database) {
  const upsert = db.prepare(`INSERT INTO business_metrics (team, feature, unit, day, value)
    VALUES (@team, @feature, @unit, @day, @value)
    ON CONFLICT (team, feature, unit, day) DO UPDATE SET value = excluded.value`);
  const units = db.prepare(`SELECT feature, unit, day, value FROM business_metrics
    WHERE team = ? AND day >= ? AND day < ? ORDER BY day, feature, unit`);
  const teams = db
    .prepare('SELECT DISTINCT team FROM business_metrics WHERE day >= ? AND day < ? ORDER BY team')
    .pluck();
  const spend = db.prepare(`SELECT day, source, feature, model,
      sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END) AS micros
    FROM rollup_daily WHERE team = ? AND day >= ? AND day < ?
    GROUP BY day, source, feature, model ORDER BY day`);
  const storeAll = db.transaction((rows: readonly MetricRow[]) => {
    for (const row of rows) upsert.run(row);
  });

  return {
    /** Stores rows, replacing any stored for the same (team, feature, unit, day), in one transaction. */
    replace(rows: readonly MetricRow[]): number {
      storeAll(rows);
      return rows.length;
    },

    /** A team's units per feature, unit and day over `[start, end)`. */
    units(team: string, start: number, end: number): UnitDay[] {
      return units.all(team, start, end) as UnitDay[];
    },

    /** Teams with at least one unit row over `[start, end)`. */
    teamsWithUnits(start: number, end: number): string[] {
      return teams.all(start, end).map(String);
    },

    /** A team's daily spend per source, feature and model over `[start, end)`, from the rollups. */
    spendDays(team: string, start: number, end: number): SpendDay[] {
      return spend.all(team, start, end) as SpendDay[];
    },
  };
}

export type BusinessMetricsStore = ReturnType<typeof createBusinessMetricsStore>;

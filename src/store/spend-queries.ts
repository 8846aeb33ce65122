import type Database from 'better-sqlite3';
import { SECONDS_PER_DAY } from '../core/facts.js';
import type { SourceFreshness, SpendAggregate } from '../core/views/team-spend-view.js';

/** `all` is the whole organisation; any other name is one team (`unallocated` included). */
export interface SpendScope {
  team: string;
  start: number;
  end: number;
}

const SPEND_COLUMNS = `sum(CASE WHEN billed = 1 THEN billed_micros ELSE 0 END) AS billedMicros,
  sum(CASE WHEN billed = 1 THEN 0 ELSE estimated_micros END) AS estimatedMicros,
  sum(CASE WHEN billed = 1 THEN 0 ELSE unpriced_tokens END) AS unpricedTokens`;

/** Read-only answers from the daily rollups. Statements are prepared once per database. */
export function createSpendQueries(db: Database.Database) {
  const teamRows = db.prepare(`SELECT source, feature, model, team, ${SPEND_COLUMNS}
    FROM rollup_daily WHERE team = ? AND day >= ? AND day < ? GROUP BY source, feature, model`);
  const allRows = db.prepare(`SELECT source, feature, model, team, ${SPEND_COLUMNS}
    FROM rollup_daily WHERE day >= ? AND day < ? GROUP BY team, source, feature, model`);
  const teamTotal = db
    .prepare(`SELECT coalesce(sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END), 0)
      FROM rollup_daily WHERE team = ? AND day >= ? AND day < ?`)
    .pluck();
  const allTotal = db
    .prepare(`SELECT coalesce(sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END), 0)
      FROM rollup_daily WHERE day >= ? AND day < ?`)
    .pluck();
  const usageCursors = db.prepare(
    "SELECT source, max(position) AS position FROM cursors WHERE stream = 'usage' GROUP BY source",
  );
  const billedDays = db.prepare('SELECT source, max(day) AS day FROM billed_coverage GROUP BY source');
  const teams = db.prepare('SELECT DISTINCT team FROM dims ORDER BY team').pluck();

  return {
    spend({ team, start, end }: SpendScope): SpendAggregate[] {
      const rows = team === 'all' ? allRows.all(start, end) : teamRows.all(team, start, end);
      return rows as SpendAggregate[];
    },

    total({ team, start, end }: SpendScope): number {
      return Number(team === 'all' ? allTotal.get(start, end) : teamTotal.get(team, start, end));
    },

    /** Per source: usage complete up to, and the last day billed. */
    freshness(sources: readonly string[]): SourceFreshness[] {
      const usage = new Map(
        (usageCursors.all() as Array<{ source: string; position: number }>).map((row) => [
          row.source,
          row.position,
        ]),
      );
      const billed = new Map(
        (billedDays.all() as Array<{ source: string; day: number }>).map((row) => [row.source, row.day]),
      );
      return sources.map((source) => ({
        source,
        usageThrough: usage.get(source) ?? null,
        billedThrough: billed.get(source) ?? null,
      }));
    },

    /** Teams that own at least one fact, `unallocated` included when something is. */
    teamsWithData(): string[] {
      return teams.all().map(String);
    },
  };
}

export type SpendQueries = ReturnType<typeof createSpendQueries>;

export const dayStart = (time: number) => time - (time % SECONDS_PER_DAY);

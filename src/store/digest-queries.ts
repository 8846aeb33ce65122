import type Database from 'better-sqlite3';
import type { DigestRow } from '../core/digest/top-movers.js';

/** A team, or `all` for every team (unallocated included), over `[start, end)`. */
export interface DigestScope {
  team: string;
  start: number;
  end: number;
}

// A day covered by a bill counts its billed share; other days their estimate.
const MICROS = 'CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END';
// `@team = 'all' OR team = @team` lets one statement serve a team and the organisation.
const SCOPE = "(@team = 'all' OR team = @team) AND day >= @start AND day < @end";

/** Read-only queries behind the weekly digest: rollups with tokens, daily series, budgets, alerts. */
export function createDigestQueries(db: Database.Database) {
  const rows = db.prepare(`SELECT team, source, feature, model,
      sum(${MICROS}) AS micros,
      sum(CASE WHEN billed = 1 THEN billed_micros ELSE 0 END) AS billedMicros,
      sum(CASE WHEN billed = 1 THEN 0 ELSE estimated_micros END) AS estimatedMicros,
      sum(CASE WHEN billed = 1 THEN 0 ELSE unpriced_tokens END) AS unpricedTokens,
      sum(tokens) AS tokens,
      min(day) AS firstDay
    FROM rollup_daily WHERE ${SCOPE} GROUP BY team, source, feature, model ORDER BY team, source, feature, model`);
  const daily = db.prepare(`SELECT day, source, sum(${MICROS}) AS micros
    FROM rollup_daily WHERE ${SCOPE} GROUP BY day, source ORDER BY day, source`);
  const byTeam = db.prepare(`SELECT team, sum(${MICROS}) AS micros
    FROM rollup_daily WHERE day >= ? AND day < ? GROUP BY team`);
  const alerts = db.prepare(`SELECT state, count(*) AS n FROM alerts
    WHERE (@team = 'all' OR team = @team) AND state IN ('open', 'acknowledged') GROUP BY state`);

  return {
    /** Spend and tokens per (team, source, feature, model): what the digest and its movers read. */
    rows({ team, start, end }: DigestScope): DigestRow[] {
      return rows.all({ team, start, end }) as DigestRow[];
    },

    /** Spend per (UTC day, source), for the chart. */
    dailyBySource({ team, start, end }: DigestScope): Array<{ day: number; source: string; micros: number }> {
      return daily.all({ team, start, end }) as Array<{ day: number; source: string; micros: number }>;
    },

    /** Spend per team over `[start, end)`, unallocated included. */
    spendByTeam(start: number, end: number): Map<string, number> {
      const result = byTeam.all(start, end) as Array<{ team: string; micros: number }>;
      return new Map(result.map((row) => [row.team, row.micros]));
    },

    /** Alerts of a team (`all`: every team) that are open or acknowledged now. */
    alertCounts(team: string): { open: number; acknowledged: number } {
      const counts = new Map(
        (alerts.all({ team }) as Array<{ state: string; n: number }>).map((row) => [row.state, row.n]),
      );
      return { open: counts.get('open') ?? 0, acknowledged: counts.get('acknowledged') ?? 0 };
    },
  };
}

export type DigestQueries = ReturnType<typeof createDigestQueries>;

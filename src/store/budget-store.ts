import type Database from 'better-sqlite3';

/** Monthly budgets set from chat (they win over the config's), micro-dollars per team. */
export function storedBudgets(db: Database.Database): Map<string, number> {
  const rows = db.prepare('SELECT team, monthly_micros AS micros FROM budgets').all() as Array<{
    team: string;
    micros: number;
  }>;
  return new Map(rows.map((row) => [row.team, row.micros]));
}

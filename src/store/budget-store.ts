import type Database from 'better-sqlite3';

/** Monthly budgets set from chat (they win over the config's), micro-dollars per team. */
export function storedBudgets(db: Database.Database): Map<string, number> {
  const rows = db.prepare('SELECT team, monthly_micros AS micros FROM budgets').all() as Array<{
    team: string;
    micros: number;
  }>;
  return new Map(rows.map((row) => [row.team, row.micros]));
}

/** A monthly budget set from chat: micro-dollars, who set it (chat user id or `cli`) and when (epoch seconds). */
export interface StoredBudget {
  team: string;
  micros: number;
  changedBy: string;
  changedAt: number;
}

/** One change of a team's budget; `previousMicros` is the budget in force before, `null` for none. */
export interface BudgetChange extends StoredBudget {
  previousMicros: number | null;
}

/** Budgets set from chat with their history, and the daily team spend a budget answer forecasts from. */
export function createBudgetStore(db: Database.Database) {
  const current = db.prepare(
    'SELECT team, monthly_micros AS micros, changed_by AS changedBy, changed_at AS changedAt FROM budgets',
  );
  const upsert = db.prepare(`INSERT INTO budgets (team, monthly_micros, changed_by, changed_at)
    VALUES (@team, @micros, @changedBy, @changedAt)
    ON CONFLICT (team) DO UPDATE SET monthly_micros = excluded.monthly_micros,
      changed_by = excluded.changed_by, changed_at = excluded.changed_at`);
  const record =
    db.prepare(`INSERT INTO budget_changes (team, monthly_micros, previous_micros, changed_by, changed_at)
    VALUES (@team, @micros, @previousMicros, @changedBy, @changedAt)`);
  const history = db.prepare(`SELECT team, monthly_micros AS micros, previous_micros AS previousMicros,
      changed_by AS changedBy, changed_at AS changedAt
    FROM budget_changes WHERE team = ? ORDER BY changed_at, id`);
  const daily =
    db.prepare(`SELECT day, sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END) AS micros
    FROM rollup_daily WHERE team = ? AND day >= ? AND day < ? GROUP BY day ORDER BY day`);
  const firstDay = db.prepare('SELECT min(day) FROM rollup_daily').pluck();
  const set = db.transaction((change: BudgetChange) => {
    upsert.run(change);
    record.run(change);
  });

  return {
    /** The latest budget set from chat per team. */
    current(): Map<string, StoredBudget> {
      return new Map((current.all() as StoredBudget[]).map((row) => [row.team, row]));
    },

    /** Stores a new budget and its history row in one transaction. */
    set(change: BudgetChange): void {
      set(change);
    },

    /** Every change of a team's budget, oldest first. */
    history(team: string): BudgetChange[] {
      return history.all(team) as BudgetChange[];
    },

    /** A team's spend per UTC day over `[start, end)`: billed where billed, else estimated. */
    dailySpend(team: string, start: number, end: number): Array<{ day: number; micros: number }> {
      return daily.all(team, start, end) as Array<{ day: number; micros: number }>;
    },

    /** The first day any spend is known (UTC midnight), or `null` with no data. */
    knownFrom(): number | null {
      const day = firstDay.get();
      return day === null || day === undefined ? null : Number(day);
    },
  };
}

export type BudgetStore = ReturnType<typeof createBudgetStore>;

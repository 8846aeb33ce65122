import type Database from 'better-sqlite3';
import { SECONDS_PER_DAY } from '../core/facts.js';
import type { SourceFreshness, SpendAggregate, SpendSubject } from '../core/views/team-spend-view.js';

/** Whose spend, over `[start, end)`: a team (`all` = everyone, `unallocated` included), a provider or a model family. */
export interface SpendScope {
  subject: SpendSubject;
  start: number;
  end: number;
}

const SPEND_COLUMNS = `sum(CASE WHEN billed = 1 THEN billed_micros ELSE 0 END) AS billedMicros,
  sum(CASE WHEN billed = 1 THEN 0 ELSE estimated_micros END) AS estimatedMicros,
  sum(CASE WHEN billed = 1 THEN 0 ELSE unpriced_tokens END) AS unpricedTokens`;

/** Read-only answers from the daily rollups. Statements are prepared once per database. */
export function createSpendQueries(db: Database.Database) {
  const SPEND = `SELECT source, feature, model, team, ${SPEND_COLUMNS} FROM rollup_daily`;
  const TOTAL = `SELECT coalesce(sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END), 0)
    FROM rollup_daily`;
  // One statement per subject so each uses its index: (team, day), (day, source), (model_family, day).
  const statements = {
    team: {
      spend: db.prepare(`${SPEND} WHERE team = ? AND day >= ? AND day < ? GROUP BY source, feature, model`),
      total: db.prepare(`${TOTAL} WHERE team = ? AND day >= ? AND day < ?`).pluck(),
    },
    all: {
      spend: db.prepare(
        `${SPEND} WHERE ? IS NOT NULL AND day >= ? AND day < ? GROUP BY team, source, feature, model`,
      ),
      total: db.prepare(`${TOTAL} WHERE ? IS NOT NULL AND day >= ? AND day < ?`).pluck(),
    },
    provider: {
      spend: db.prepare(`${SPEND} WHERE source = ? AND day >= ? AND day < ? GROUP BY team, feature, model`),
      total: db.prepare(`${TOTAL} WHERE source = ? AND day >= ? AND day < ?`).pluck(),
    },
    model: {
      spend: db.prepare(
        `${SPEND} WHERE model_family = ? AND day >= ? AND day < ? GROUP BY team, source, feature, model`,
      ),
      total: db.prepare(`${TOTAL} WHERE model_family = ? AND day >= ? AND day < ?`).pluck(),
    },
  };
  const pick = (subject: SpendSubject) =>
    subject.kind === 'team' && subject.name === 'all' ? statements.all : statements[subject.kind];
  // A source read per region (Bedrock: `usage:us-east-1`, ...) is as fresh as its stalest region.
  const usageCursors = db.prepare(
    "SELECT source, min(position) AS position FROM cursors WHERE stream = 'usage' OR stream LIKE 'usage:%' GROUP BY source",
  );
  const billedDays = db.prepare('SELECT source, max(day) AS day FROM billed_coverage GROUP BY source');
  const teams = db.prepare('SELECT DISTINCT team FROM dims ORDER BY team').pluck();
  const sources = db.prepare('SELECT DISTINCT source FROM dims ORDER BY source').pluck();
  const families = db.prepare('SELECT DISTINCT model_family FROM rollup_daily ORDER BY model_family').pluck();

  return {
    spend({ subject, start, end }: SpendScope): SpendAggregate[] {
      return pick(subject).spend.all(subject.name, start, end) as SpendAggregate[];
    },

    total({ subject, start, end }: SpendScope): number {
      return Number(pick(subject).total.get(subject.name, start, end));
    },

    /** Providers and model families that have spend, for "did you mean" answers. */
    known(kind: 'provider' | 'model'): string[] {
      return (kind === 'provider' ? sources : families).all().map(String);
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

import type Database from 'better-sqlite3';
import { SECONDS_PER_DAY, type SourceId } from '../core/facts.js';
import type { MixRow } from '../core/whatif/reprice-mix.js';

const TOKENS = 'f.uncached_input + f.cache_write_5m + f.cache_write_1h + f.cache_read + f.output';

/** A team's or feature's token mix per UTC day, model and price dimensions, from the usage facts. */
export function createWhatIfQueries(db: Database.Database) {
  const mixSql = (column: 'team' | 'feature') => `
    SELECT f.bucket_start - f.bucket_start % ${SECONDS_PER_DAY} AS day, d.source,
      coalesce(d.model, '') AS model, coalesce(d.service_tier, '') AS serviceTier,
      coalesce(d.context_window, '') AS contextWindow,
      sum(f.uncached_input) AS uncachedInput, sum(f.cache_write_5m) AS cacheWrite5m,
      sum(f.cache_write_1h) AS cacheWrite1h, sum(f.cache_read) AS cacheRead, sum(f.output) AS output,
      sum(coalesce(f.estimated_micros, 0)) AS estimatedMicros,
      sum(CASE WHEN f.price_status = 'priced' THEN 0 ELSE ${TOKENS} END) AS unpricedTokens
    FROM usage_facts f JOIN dims d ON d.id = f.dim_id
    WHERE d.${column} = ? AND f.bucket_start >= ? AND f.bucket_start < ?
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
  const mix = { team: db.prepare(mixSql('team')), feature: db.prepare(mixSql('feature')) };
  const teams = db.prepare('SELECT DISTINCT team FROM dims ORDER BY team').pluck();
  const features = db
    .prepare("SELECT DISTINCT feature FROM dims WHERE feature != '(none)' ORDER BY feature")
    .pluck();

  return {
    /** Teams and features that have usage, for telling which one a name is and for suggestions. */
    known(): { teams: string[]; features: string[] } {
      return { teams: teams.all().map(String), features: features.all().map(String) };
    },

    /** The mix of `team` or `feature` `name` over `[start, end)`, one row per day and price dimensions. */
    mix(kind: 'team' | 'feature', name: string, start: number, end: number): MixRow[] {
      type Row = {
        day: number;
        source: SourceId;
        model: string;
        serviceTier: string;
        contextWindow: string;
        uncachedInput: number;
        cacheWrite5m: number;
        cacheWrite1h: number;
        cacheRead: number;
        output: number;
        estimatedMicros: number;
        unpricedTokens: number;
      };
      return (mix[kind].all(name, start, end) as Row[]).map((row) => ({
        day: row.day,
        source: row.source,
        model: row.model,
        ...(row.serviceTier === '' ? {} : { serviceTier: row.serviceTier }),
        ...(row.contextWindow === '' ? {} : { contextWindow: row.contextWindow }),
        tokens: {
          uncachedInput: row.uncachedInput,
          cacheWrite5m: row.cacheWrite5m,
          cacheWrite1h: row.cacheWrite1h,
          cacheRead: row.cacheRead,
          output: row.output,
        },
        estimatedMicros: row.estimatedMicros,
        unpricedTokens: row.unpricedTokens,
      }));
    },
  };
}

export type WhatIfQueries = ReturnType<typeof createWhatIfQueries>;

import type Database from 'better-sqlite3';
import { SECONDS_PER_DAY } from '../core/facts.js';
import { modelFamily } from '../core/model-family.js';
import { type BilledShare, splitBilled } from '../core/split-billed.js';

interface RollupRow {
  team: string;
  feature: string;
  model: string;
  estimated: number;
  unpricedTokens: number;
  tokens: number;
  requests: number;
  billed: number;
}

export interface RebuildProgress {
  done: number;
  total: number;
}

/**
 * Rebuilds the daily rollups of every (source, day) marked dirty: usage summed per team, feature
 * and model, and each billed line split over that usage (the split is stored in billed_shares).
 * Returns the number of (source, day) pairs rebuilt.
 */
export function rebuildDirtyRollups(
  db: Database.Database,
  { onProgress }: { onProgress?: (progress: RebuildProgress) => void } = {},
): number {
  const dirty = db.prepare('SELECT source, day FROM rollup_dirty ORDER BY day, source').all() as Array<{
    source: string;
    day: number;
  }>;
  const statements = prepare(db);
  const rebuild = db.transaction((source: string, day: number) => {
    statements.deleteRollup.run(source, day);
    statements.deleteHourly.run(source, day, day + SECONDS_PER_DAY);
    statements.insertHourly.run(day, day + SECONDS_PER_DAY, source);
    const rows = new Map<string, RollupRow>();
    const rowFor = (team: string, feature: string, model: string) => {
      const key = JSON.stringify([team, feature, model]);
      let row = rows.get(key);
      if (row === undefined) {
        row = { team, feature, model, estimated: 0, unpricedTokens: 0, tokens: 0, requests: 0, billed: 0 };
        rows.set(key, row);
      }
      return row;
    };
    const usage = statements.usage.all(day, day + SECONDS_PER_DAY, source) as UsageAggregate[];
    for (const aggregate of usage) {
      const row = rowFor(aggregate.team, aggregate.feature, aggregate.model);
      row.estimated += aggregate.estimated;
      row.unpricedTokens += aggregate.unpriced_tokens;
      row.tokens += aggregate.tokens;
      row.requests += aggregate.requests;
    }
    statements.deleteShares.run(day, source);
    const lines = statements.billed.all(day, source) as Array<{
      id: number;
      scope: string;
      model: string;
      amountMicros: number;
      team: string;
      feature: string;
    }>;
    const shares: BilledShare[] = splitBilled(
      lines,
      usage.map((aggregate) => ({
        scope: aggregate.scope,
        model: aggregate.model,
        team: aggregate.team,
        feature: aggregate.feature,
        estimatedMicros: aggregate.estimated,
        tokens: aggregate.tokens,
      })),
    );
    for (const share of mergeShares(shares)) {
      statements.insertShare.run(share.billedId, share.team, share.feature, share.model, share.micros);
      rowFor(share.team, share.feature, share.model).billed += share.micros;
    }
    const covered = statements.covered.get(source, day) !== undefined ? 1 : 0;
    for (const row of rows.values()) {
      statements.insertRollup.run(
        row.team,
        day,
        source,
        row.feature,
        row.model,
        modelFamily(row.model),
        row.estimated,
        row.unpricedTokens,
        row.tokens,
        row.requests,
        row.billed,
        covered,
      );
    }
    statements.clean.run(source, day);
  });
  for (const [index, { source, day }] of dirty.entries()) {
    rebuild(source, day);
    onProgress?.({ done: index + 1, total: dirty.length });
  }
  return dirty.length;
}

/** Marks every day that has facts for a rebuild (after the attribution rules changed). */
export function markAllDirty(db: Database.Database): void {
  db.exec(`INSERT OR IGNORE INTO rollup_dirty (source, day)
    SELECT DISTINCT source, day FROM rollup_daily
    UNION SELECT DISTINCT d.source, b.day FROM billed_facts b JOIN dims d ON d.id = b.dim_id`);
  db.exec(`INSERT OR IGNORE INTO rollup_dirty (source, day)
    SELECT DISTINCT d.source, u.bucket_start - (u.bucket_start % 86400)
    FROM usage_facts u JOIN dims d ON d.id = u.dim_id`);
}

interface UsageAggregate {
  scope: string;
  team: string;
  feature: string;
  model: string;
  estimated: number;
  unpriced_tokens: number;
  tokens: number;
  requests: number;
}

function mergeShares(shares: readonly BilledShare[]): BilledShare[] {
  const merged = new Map<string, BilledShare>();
  for (const share of shares) {
    const key = JSON.stringify([share.billedId, share.team, share.feature, share.model]);
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { ...share });
    else seen.micros += share.micros;
  }
  return [...merged.values()];
}

function prepare(db: Database.Database) {
  db.function('model_family', { deterministic: true }, (model: unknown) => modelFamily(String(model)));
  return {
    deleteRollup: db.prepare('DELETE FROM rollup_daily WHERE source = ? AND day = ?'),
    usage: db.prepare(`SELECT d.scope, d.team, d.feature, coalesce(d.model, '') AS model,
        coalesce(sum(u.estimated_micros), 0) AS estimated,
        sum(CASE WHEN u.estimated_micros IS NULL
          THEN u.uncached_input + u.cache_write_5m + u.cache_write_1h + u.cache_read + u.output ELSE 0 END)
          AS unpriced_tokens,
        sum(u.uncached_input + u.cache_write_5m + u.cache_write_1h + u.cache_read + u.output) AS tokens,
        coalesce(sum(u.requests), 0) AS requests
      FROM usage_facts u JOIN dims d ON d.id = u.dim_id
      WHERE u.bucket_start >= ? AND u.bucket_start < ? AND d.source = ?
      GROUP BY d.scope, d.team, d.feature, d.model`),
    deleteHourly: db.prepare('DELETE FROM rollup_hourly WHERE source = ? AND hour >= ? AND hour < ?'),
    insertHourly: db.prepare(`INSERT INTO rollup_hourly (hour, source, team, feature, model_family,
        estimated_micros, tokens, requests)
      SELECT u.bucket_start - (u.bucket_start % 3600), d.source, d.team, d.feature,
        model_family(coalesce(d.model, '')), coalesce(sum(u.estimated_micros), 0),
        sum(u.uncached_input + u.cache_write_5m + u.cache_write_1h + u.cache_read + u.output),
        coalesce(sum(u.requests), 0)
      FROM usage_facts u JOIN dims d ON d.id = u.dim_id
      WHERE u.bucket_start >= ? AND u.bucket_start < ? AND d.source = ?
      GROUP BY 1, 2, 3, 4, 5`),
    deleteShares: db.prepare(`DELETE FROM billed_shares WHERE billed_id IN (SELECT b.id FROM billed_facts b
      JOIN dims d ON d.id = b.dim_id WHERE b.day = ? AND d.source = ?)`),
    billed: db.prepare(`SELECT b.id, d.scope, coalesce(d.model, '') AS model, b.amount_micros AS amountMicros,
        d.team, d.feature
      FROM billed_facts b JOIN dims d ON d.id = b.dim_id WHERE b.day = ? AND d.source = ? ORDER BY b.id`),
    insertShare: db.prepare(
      'INSERT INTO billed_shares (billed_id, team, feature, model, micros) VALUES (?, ?, ?, ?, ?)',
    ),
    covered: db.prepare('SELECT 1 FROM billed_coverage WHERE source = ? AND day = ?'),
    insertRollup: db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
      estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    clean: db.prepare('DELETE FROM rollup_dirty WHERE source = ? AND day = ?'),
  };
}

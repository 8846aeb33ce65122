import type Database from 'better-sqlite3';
import { SECONDS_PER_DAY } from '../core/facts.js';
import {
  computeDrift,
  type Drift,
  type DriftCause,
  type DriftInput,
} from '../core/reconcile/compute-drift.js';
import { foldNestedScopes } from '../core/reconcile/fold-nested-scopes.js';

const TOKENS = 'f.uncached_input + f.cache_write_5m + f.cache_write_1h + f.cache_read + f.output';
const HALF_PRICE = "lower(coalesce(d.service_tier, '')) IN ('batch', 'flex')";
const LIST_PRICE = "lower(coalesce(d.service_tier, '')) IN ('', 'standard', 'default', 'auto')";

/**
 * Estimate vs bill per (source, day, billing scope), for days a bill covers (`billed_coverage`):
 * usage facts give the estimate and the token mix, billed facts the amount. Both sides meet on
 * `dims.scope`, the scope billed lines are split over.
 */
const COMPUTE = `
WITH usage AS (
  SELECT d.source, f.bucket_start - f.bucket_start % ${SECONDS_PER_DAY} AS day, d.scope,
    sum(coalesce(f.estimated_micros, 0)) AS estimated, sum(${TOKENS}) AS tokens,
    sum(CASE WHEN f.price_status = 'priced' THEN 0 ELSE ${TOKENS} END) AS unpriced,
    sum(f.cache_write_5m + f.cache_write_1h + f.cache_read) AS cache,
    sum(CASE WHEN ${HALF_PRICE} THEN ${TOKENS} ELSE 0 END) AS batch,
    sum(CASE WHEN ${HALF_PRICE} OR ${LIST_PRICE} THEN 0 ELSE ${TOKENS} END) AS priority
  FROM usage_facts f JOIN dims d ON d.id = f.dim_id
  WHERE f.bucket_start >= ? AND f.bucket_start < ? AND (? IS NULL OR d.source = ?)
  GROUP BY 1, 2, 3
), billed AS (
  SELECT d.source, b.day, d.scope, sum(b.amount_micros) AS billed,
    sum(CASE WHEN b.amount_micros < 0 THEN b.amount_micros ELSE 0 END) AS credit, min(b.final) AS final
  FROM billed_facts b JOIN dims d ON d.id = b.dim_id
  WHERE b.day >= ? AND b.day < ? AND (? IS NULL OR d.source = ?)
  GROUP BY 1, 2, 3
), keys AS (SELECT source, day, scope FROM usage UNION SELECT source, day, scope FROM billed)
SELECT k.source, k.day, k.scope, coalesce(u.estimated, 0) AS estimatedMicros,
  coalesce(b.billed, 0) AS billedMicros, coalesce(b.credit, 0) AS creditMicros, coalesce(b.final, 1) AS final,
  coalesce(u.tokens, 0) AS totalTokens, coalesce(u.unpriced, 0) AS unpricedTokens,
  coalesce(u.cache, 0) AS cacheTokens, coalesce(u.batch, 0) AS batchTokens, coalesce(u.priority, 0) AS priorityTokens
FROM keys k
JOIN billed_coverage c ON c.source = k.source AND c.day = k.day
LEFT JOIN usage u ON u.source = k.source AND u.day = k.day AND u.scope = k.scope
LEFT JOIN billed b ON b.source = k.source AND b.day = k.day AND b.scope = k.scope
ORDER BY k.source, k.day, k.scope`;

interface DriftRow extends Omit<DriftInput, 'final'> {
  final: number;
}

/** Reconciliation rows: computed from the facts, stored per pass, read back for answers and history. */
export function createReconcileStore(db: Database.Database) {
  const compute = db.prepare(COMPUTE);
  const upsert = db.prepare(`INSERT INTO reconcile_drift (source, day, scope, estimated_micros, billed_micros,
      credit_micros, drift_micros, final, total_tokens, unpriced_tokens, cache_tokens, batch_tokens,
      priority_tokens, causes, computed_at)
    VALUES (@source, @day, @scope, @estimatedMicros, @billedMicros, @creditMicros, @driftMicros, @final,
      @totalTokens, @unpricedTokens, @cacheTokens, @batchTokens, @priorityTokens, @causes, @computedAt)
    ON CONFLICT (source, day, scope) DO UPDATE SET estimated_micros = excluded.estimated_micros,
      billed_micros = excluded.billed_micros, credit_micros = excluded.credit_micros,
      drift_micros = excluded.drift_micros, final = excluded.final, total_tokens = excluded.total_tokens,
      unpriced_tokens = excluded.unpriced_tokens, cache_tokens = excluded.cache_tokens,
      batch_tokens = excluded.batch_tokens, priority_tokens = excluded.priority_tokens,
      causes = excluded.causes, computed_at = excluded.computed_at`);
  const clear = db.prepare(
    'DELETE FROM reconcile_drift WHERE day >= ? AND day < ? AND (? IS NULL OR source = ?)',
  );
  const read = db.prepare(`SELECT source, day, scope, estimated_micros AS estimatedMicros,
      billed_micros AS billedMicros, credit_micros AS creditMicros, final, total_tokens AS totalTokens,
      unpriced_tokens AS unpricedTokens, cache_tokens AS cacheTokens, batch_tokens AS batchTokens,
      priority_tokens AS priorityTokens
    FROM reconcile_drift WHERE day >= ? AND day < ? AND (? IS NULL OR source = ?) ORDER BY source, day, scope`);

  const lastComputed = db.prepare('SELECT max(computed_at) AS at FROM reconcile_drift');

  const toDrift = (row: DriftRow): Drift => computeDrift({ ...row, final: row.final === 1 });

  return {
    /** The drift of every billed (source, day, scope) in `[start, end)`, from the facts as they are now. */
    compute(start: number, end: number, source?: string): Drift[] {
      const s = source ?? null;
      return foldNestedScopes(compute.all(start, end, s, s, start, end, s, s) as DriftRow[]).map(toDrift);
    },

    /** Recomputes `[start, end)` and replaces the stored rows (idempotent: same facts, same rows). */
    refresh(start: number, end: number, now: number, source?: string): Drift[] {
      const drifts = this.compute(start, end, source);
      db.transaction(() => {
        clear.run(start, end, source ?? null, source ?? null);
        for (const drift of drifts) {
          upsert.run({
            ...drift,
            final: drift.final ? 1 : 0,
            causes: JSON.stringify(drift.causes satisfies DriftCause[]),
            computedAt: now,
          });
        }
      })();
      return drifts;
    },

    /** When the stored rows were last recomputed, or `undefined` before the first time. */
    lastComputedAt(): number | undefined {
      return (lastComputed.get() as { at: number | null }).at ?? undefined;
    },

    /** Stored rows of `[start, end)` as the last pass computed them. */
    stored(start: number, end: number, source?: string): Drift[] {
      const s = source ?? null;
      return (read.all(start, end, s, s) as DriftRow[]).map(toDrift);
    },
  };
}

export type ReconcileStore = ReturnType<typeof createReconcileStore>;

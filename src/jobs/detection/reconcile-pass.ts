import type Database from 'better-sqlite3';
import type { AlertCandidate } from '../../core/alerts/alert.js';
import { SECONDS_PER_DAY } from '../../core/facts.js';
import type { DriftThresholds } from '../../core/reconcile/compute-drift.js';
import { reconcileRule } from '../../core/rules/reconcile-rule.js';
import { createReconcileStore } from '../../store/reconcile-store.js';

/** Days re-reconciled: providers restate billed days for weeks (OpenAI, Cost Explorer). */
export const RECONCILE_DAYS = 35;
/**
 * Bills arrive daily: recomputing 35 days of facts more than hourly only costs time on every
 * 5-minute pass. Between recomputations the stored drifts are judged again.
 */
export const RECOMPUTE_SECONDS = 3_600;

/**
 * Recomputes and stores, at most every `RECOMPUTE_SECONDS`, the drift of the last
 * `RECONCILE_DAYS` UTC days (today included) from the facts as they are now, so restated bills and
 * late usage replace the earlier rows; returns the drift alerts of the settled days.
 */
export function reconcileCandidates({
  db,
  thresholds,
  now,
}: {
  db: Database.Database;
  thresholds: DriftThresholds;
  now: number;
}): AlertCandidate[] {
  const end = now - (now % SECONDS_PER_DAY) + SECONDS_PER_DAY;
  const start = end - RECONCILE_DAYS * SECONDS_PER_DAY;
  const store = createReconcileStore(db);
  const last = store.lastComputedAt();
  const recent = last !== undefined && now >= last && now - last < RECOMPUTE_SECONDS;
  const drifts = recent ? store.stored(start, end) : store.refresh(start, end, now);
  return reconcileRule({ drifts, now, thresholds });
}

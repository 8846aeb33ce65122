import type Database from 'better-sqlite3';
import type { AlertCandidate } from '../../core/alerts/alert.js';
import { SECONDS_PER_DAY } from '../../core/facts.js';
import type { DriftThresholds } from '../../core/reconcile/compute-drift.js';
import { reconcileRule } from '../../core/rules/reconcile-rule.js';
import { createReconcileStore } from '../../store/reconcile-store.js';

/** Days re-reconciled on every pass: providers restate billed days for weeks (OpenAI, Cost Explorer). */
export const RECONCILE_DAYS = 35;

/**
 * Recomputes and stores the drift of the last `RECONCILE_DAYS` UTC days (today included) from the
 * facts as they are now, so restated bills and late usage replace the earlier rows, and returns
 * the drift alerts of the settled days.
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
  const drifts = createReconcileStore(db).refresh(end - RECONCILE_DAYS * SECONDS_PER_DAY, end, now);
  return reconcileRule({ drifts, now, thresholds });
}

-- Reconciliation: per provider, UTC day and billing scope, the estimate built from usage facts next
-- to the billed amount, recomputed on every analysis pass for recent days (idempotent upsert).
CREATE TABLE reconcile_drift (
  source           TEXT NOT NULL,
  day              INTEGER NOT NULL,           -- UTC midnight
  scope            TEXT NOT NULL,              -- dims.scope: source|account|workspace-or-project
  estimated_micros INTEGER NOT NULL,
  billed_micros    INTEGER NOT NULL,
  credit_micros    INTEGER NOT NULL,           -- negative billed lines, <= 0
  drift_micros     INTEGER NOT NULL,           -- billed - estimated
  final            INTEGER NOT NULL,           -- 1 when every billed line of the day is final
  total_tokens     INTEGER NOT NULL,
  unpriced_tokens  INTEGER NOT NULL,
  cache_tokens     INTEGER NOT NULL,
  batch_tokens     INTEGER NOT NULL,
  priority_tokens  INTEGER NOT NULL,
  causes           TEXT NOT NULL,              -- JSON array of likely causes, most likely first
  computed_at      INTEGER NOT NULL,
  PRIMARY KEY (source, day, scope)
) WITHOUT ROWID;
CREATE INDEX reconcile_drift_by_day ON reconcile_drift (day, source);

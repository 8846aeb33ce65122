-- The ledger. Money is integer micro-USD (*_micros), time is UTC epoch seconds, ranges are [start, end).

-- One row per distinct set of source dimensions; facts point here. Attribution is resolved per
-- row, so changing the rules re-attributes history by updating this small table.
CREATE TABLE dims (
  id                INTEGER PRIMARY KEY,
  key               TEXT NOT NULL UNIQUE,      -- canonical form of the dimensions
  source            TEXT NOT NULL,
  scope             TEXT NOT NULL,             -- billing scope: source|account|workspace-or-project
  account_id        TEXT,
  workspace_id      TEXT,
  project_id        TEXT,
  api_key_id        TEXT,
  user_id           TEXT,
  model             TEXT,
  region            TEXT,
  service_tier      TEXT,
  context_window    TEXT,
  inference_geo     TEXT,
  inference_profile TEXT,
  deployment        TEXT,
  tags              TEXT,                      -- JSON object or NULL
  labels            TEXT,
  team              TEXT NOT NULL DEFAULT 'unallocated',
  feature           TEXT NOT NULL DEFAULT '(none)',
  rule_index        INTEGER NOT NULL DEFAULT -1
);

-- Usage (fast, estimated): tokens by kind per bucket. NULL estimated_micros means unpriced, never $0.
CREATE INDEX dims_by_team ON dims (team);

CREATE TABLE usage_facts (
  bucket_start     INTEGER NOT NULL,
  dim_id           INTEGER NOT NULL,            -- dims.id (no FK: checked by the writer, hot path)
  bucket_seconds   INTEGER NOT NULL,
  uncached_input   INTEGER NOT NULL,
  cache_write_5m   INTEGER NOT NULL,
  cache_write_1h   INTEGER NOT NULL,
  cache_read       INTEGER NOT NULL,
  output           INTEGER NOT NULL,
  requests         INTEGER,
  estimated_micros INTEGER,
  price_status     TEXT NOT NULL,              -- priced | partially_priced | unpriced
  price_card_id    INTEGER,                    -- price_cards.id: which rates were used
  PRIMARY KEY (bucket_start, dim_id, bucket_seconds)
) WITHOUT ROWID;

-- Billed (slow): the provider's own amount per billing scope, line item and UTC day.
CREATE TABLE billed_facts (
  id            INTEGER PRIMARY KEY,
  day           INTEGER NOT NULL,
  dim_id        INTEGER NOT NULL REFERENCES dims (id),
  line_item     TEXT NOT NULL,
  amount_micros INTEGER NOT NULL,
  final         INTEGER NOT NULL,              -- 0 while the provider may still restate it
  UNIQUE (day, dim_id, line_item)
);

-- Days whose bill a source has delivered completely: there, billed amounts replace estimates.
CREATE TABLE billed_coverage (
  source TEXT NOT NULL,
  day    INTEGER NOT NULL,
  PRIMARY KEY (source, day)
) WITHOUT ROWID;

-- How each billed amount was split over teams and features (stored so totals reconcile exactly).
CREATE TABLE billed_shares (
  billed_id INTEGER NOT NULL REFERENCES billed_facts (id),
  team      TEXT NOT NULL,
  feature   TEXT NOT NULL,
  model     TEXT NOT NULL,
  micros    INTEGER NOT NULL,
  PRIMARY KEY (billed_id, team, feature, model)
) WITHOUT ROWID;

-- Answers read these, never the raw facts. `billed` = 1 where (source, day) is covered by a bill.
CREATE TABLE rollup_daily (
  team             TEXT NOT NULL,
  day              INTEGER NOT NULL,
  source           TEXT NOT NULL,
  feature          TEXT NOT NULL,
  model            TEXT NOT NULL,
  model_family     TEXT NOT NULL,              -- the same model bought anywhere (claude-sonnet-4-5)
  estimated_micros INTEGER NOT NULL,
  unpriced_tokens  INTEGER NOT NULL,
  tokens           INTEGER NOT NULL,
  requests         INTEGER NOT NULL,
  billed_micros    INTEGER NOT NULL,
  billed           INTEGER NOT NULL,
  PRIMARY KEY (team, day, source, feature, model)
) WITHOUT ROWID;
CREATE INDEX rollup_daily_by_day ON rollup_daily (day, source);
CREATE INDEX rollup_daily_by_family ON rollup_daily (model_family, day);

-- (source, day) pairs whose rollups must be rebuilt; written in the same transaction as the facts.
CREATE TABLE rollup_dirty (
  source TEXT NOT NULL,
  day    INTEGER NOT NULL,
  PRIMARY KEY (source, day)
) WITHOUT ROWID;

-- Fast signals (latency, throttles, quota usage) and the quota limits they are compared with.
CREATE TABLE metric_points (
  source         TEXT NOT NULL,
  metric         TEXT NOT NULL,                -- TimeToFirstToken, EstimatedTPMQuotaUsage, ...
  stat           TEXT NOT NULL,                -- p50, p90, Sum, Average, ...
  region         TEXT NOT NULL,
  model          TEXT NOT NULL,
  bucket_start   INTEGER NOT NULL,
  bucket_seconds INTEGER NOT NULL,
  value          REAL NOT NULL,                -- a missing datapoint is no row, never 0
  PRIMARY KEY (source, metric, stat, region, bucket_start, model, bucket_seconds)
) WITHOUT ROWID;

CREATE TABLE quota_limits (
  source         TEXT NOT NULL,
  region         TEXT NOT NULL,
  model          TEXT NOT NULL,
  inference_type TEXT NOT NULL,                -- on_demand | cross_region | global
  unit           TEXT NOT NULL,                -- tokens_per_minute | requests_per_minute
  value          INTEGER NOT NULL,
  origin         TEXT NOT NULL,                -- service_quotas | config
  quota_code     TEXT,
  quota_name     TEXT,
  refreshed_at   INTEGER NOT NULL,
  PRIMARY KEY (source, region, model, inference_type, unit)
) WITHOUT ROWID;

-- Per source and stream: everything before `position` is complete.
CREATE TABLE cursors (
  source     TEXT NOT NULL,
  stream     TEXT NOT NULL,
  position   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (source, stream)
) WITHOUT ROWID;

CREATE TABLE job_runs (
  id          INTEGER PRIMARY KEY,
  job         TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  status      TEXT NOT NULL,                   -- running | ok | partial | failed
  summary     TEXT                             -- JSON
);
CREATE INDEX job_runs_by_job ON job_runs (job, started_at);

CREATE TABLE alerts (
  id            INTEGER PRIMARY KEY,
  fingerprint   TEXT NOT NULL UNIQUE,          -- the same condition never posts twice
  rule          TEXT NOT NULL,
  team          TEXT NOT NULL,
  severity      TEXT NOT NULL,
  state         TEXT NOT NULL,                 -- open | acknowledged | snoozed | expected | resolved
  title         TEXT NOT NULL,
  details       TEXT NOT NULL,                 -- JSON view
  opened_at     INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  snoozed_until INTEGER,
  resolved_at   INTEGER
);

CREATE TABLE alert_events (
  id       INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts (id),
  kind     TEXT NOT NULL,                      -- posted | acknowledged | snoozed | expected | escalated | resolved
  actor    TEXT,
  at       INTEGER NOT NULL,
  detail   TEXT,
  UNIQUE (alert_id, kind, actor)
);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  dedupe_key      TEXT NOT NULL UNIQUE,        -- nothing posts twice
  platform        TEXT NOT NULL,               -- slack | msteams | console
  channel         TEXT NOT NULL,
  payload         TEXT NOT NULL,               -- JSON neutral view
  state           TEXT NOT NULL,               -- pending | sent | failed
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  message_ref     TEXT,                        -- platform id of the posted message, for updates
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);

CREATE TABLE budgets (
  team          TEXT NOT NULL PRIMARY KEY,
  monthly_micros INTEGER NOT NULL,
  changed_by    TEXT NOT NULL,
  changed_at    INTEGER NOT NULL
);

CREATE TABLE business_metrics (
  team    TEXT NOT NULL,
  feature TEXT NOT NULL,
  unit    TEXT NOT NULL,
  day     INTEGER NOT NULL,
  value   INTEGER NOT NULL,
  PRIMARY KEY (team, feature, unit, day)
) WITHOUT ROWID;

-- Rate cards used for estimates, so an estimate can always say which price it used.
CREATE TABLE price_cards (
  id               INTEGER PRIMARY KEY,
  key              TEXT NOT NULL UNIQUE,       -- source|catalog model|origin|rates per MTok|multiplier
  source           TEXT NOT NULL,
  catalog_model_id TEXT,
  first_used_at    INTEGER NOT NULL
);

-- Small key/value state: the fingerprint of the attribution rules the dims were resolved with.
CREATE TABLE settings (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Detection: hourly rollups for the minutes-fresh rules, and what an alert last told people.

-- Estimated spend per hour, team, feature, source and model family (usage facts only: billing is daily).
CREATE TABLE rollup_hourly (
  hour             INTEGER NOT NULL,           -- UTC epoch seconds of the hour's start
  source           TEXT NOT NULL,
  team             TEXT NOT NULL,
  feature          TEXT NOT NULL,
  model_family     TEXT NOT NULL,
  estimated_micros INTEGER NOT NULL,
  tokens           INTEGER NOT NULL,
  requests         INTEGER NOT NULL,
  PRIMARY KEY (hour, source, team, feature, model_family)
) WITHOUT ROWID;

-- Existing days get their hourly rollups on the next rebuild.
INSERT OR IGNORE INTO rollup_dirty (source, day) SELECT DISTINCT source, day FROM rollup_daily;

-- The size and severity of the condition when people were last told: a later pass re-notifies only
-- when it escalates or grows materially.
ALTER TABLE alerts ADD COLUMN notified_magnitude REAL;
ALTER TABLE alerts ADD COLUMN notified_severity TEXT;
-- A condition marked expected stays quiet until then, even if it resolves and comes back.
ALTER TABLE alerts ADD COLUMN expected_until INTEGER;
CREATE INDEX alerts_by_opened ON alerts (opened_at);

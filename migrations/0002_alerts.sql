-- Alerts as facts with a lifecycle (open → acknowledged / snoozed / expected → resolved), and the
-- outbox rows that carry them to chat. Times are UTC epoch seconds.

ALTER TABLE alerts ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN observed_at INTEGER NOT NULL DEFAULT 0;
-- Since when the alert has been open (opened, reopened, woken from a snooze): escalation counts from here.
ALTER TABLE alerts ADD COLUMN open_since INTEGER NOT NULL DEFAULT 0;
-- The last rule pass that found the condition firing: resolution waits for it to be old enough.
ALTER TABLE alerts ADD COLUMN last_firing_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN acknowledged_by TEXT;
ALTER TABLE alerts ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE alerts ADD COLUMN expected_reason TEXT;
ALTER TABLE alerts ADD COLUMN expected_by TEXT;
ALTER TABLE alerts ADD COLUMN escalated_at INTEGER;
CREATE INDEX alerts_by_rule_state ON alerts (rule, state);

-- The same person may snooze an alert again, or acknowledge it again after it reopened: events
-- are a history, so (alert, kind, actor) is not unique. Double presses are absorbed by the state
-- machine, in the same transaction as the event.
CREATE TABLE alert_events_history (
  id       INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts (id),
  kind     TEXT NOT NULL,                      -- opened | reopened | acknowledged | snoozed | expected | woke | escalated | resolved
  actor    TEXT,
  at       INTEGER NOT NULL,
  detail   TEXT
);
INSERT INTO alert_events_history (id, alert_id, kind, actor, at, detail)
  SELECT id, alert_id, kind, actor, at, detail FROM alert_events;
DROP TABLE alert_events;
ALTER TABLE alert_events_history RENAME TO alert_events;
CREATE INDEX alert_events_by_alert ON alert_events (alert_id, at);

-- Which alert a delivery belongs to, and whether it posts a message or edits the alert's message.
ALTER TABLE outbox ADD COLUMN alert_id INTEGER REFERENCES alerts (id);
ALTER TABLE outbox ADD COLUMN mode TEXT NOT NULL DEFAULT 'post';  -- post | update
CREATE INDEX outbox_by_alert ON outbox (alert_id, platform, mode);

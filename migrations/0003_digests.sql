-- One row per weekly digest and recipient (a team's channel, a manager's DM, the org channel), so
-- each is sent once even across restarts and retries. Times are UTC epoch seconds.
CREATE TABLE digest_deliveries (
  team            TEXT NOT NULL,                 -- team slug, or 'all' for the organisation
  week_start      INTEGER NOT NULL,              -- Monday 00:00 UTC of the digest week
  recipient       TEXT NOT NULL,                 -- configured channel id or manager user id
  channel         TEXT,                          -- the conversation posted to (a manager's D… id)
  state           TEXT NOT NULL DEFAULT 'pending', -- pending | posted (message, no chart yet) | sent | failed
  message_ts      TEXT,
  file_id         TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  PRIMARY KEY (team, week_start, recipient)
);

-- Every monthly budget set from chat, with who and when: `budgets` keeps the latest per team
-- (it wins over teams.<name>.monthly_budget_usd), this table the history.
CREATE TABLE budget_changes (
  id              INTEGER PRIMARY KEY,
  team            TEXT NOT NULL,
  monthly_micros  INTEGER NOT NULL,
  previous_micros INTEGER,                     -- the budget in force before (config or chat), NULL for none
  changed_by      TEXT NOT NULL,               -- chat user id, or `cli`
  changed_at      INTEGER NOT NULL
);
CREATE INDEX budget_changes_by_team ON budget_changes (team, changed_at);

-- Unit costs read a team's units per day: (team, day) without the feature and unit in between.
CREATE INDEX business_metrics_by_day ON business_metrics (team, day);

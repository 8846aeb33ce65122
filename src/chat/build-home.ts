import { UTCDate } from '@date-fns/utc';
import type Database from 'better-sqlite3';
import { startOfMonth } from 'date-fns';
import type { AiSpendConfig } from '../config/config-types.js';
import { SECONDS_PER_DAY } from '../core/facts.js';
import { freshnessLine } from '../core/views/team-spend-message.js';
import { freshnessOf } from '../core/views/team-spend-view.js';
import { createAlertStore } from '../store/alert-store.js';
import type { SpendQueries } from '../store/spend-queries.js';
import { type HomeView, homeView } from './slack/home-view.js';
import { userTeams } from './user-teams.js';

/**
 * The Home tab of one user: their teams (every team for an admin), each team's month-to-date spend
 * against its budget, and the open alerts of those teams with their buttons.
 */
export function buildHome(
  {
    db,
    config,
    queries,
    sources,
  }: { db: Database.Database; config: AiSpendConfig; queries: SpendQueries; sources: readonly string[] },
  userId: string,
  now: number,
): HomeView {
  const teams = config.admins.includes(userId) ? Object.keys(config.teams) : userTeams(config, userId);
  const today = now - (now % SECONDS_PER_DAY);
  const monthStart = Math.floor(startOfMonth(new UTCDate(now * 1000)).getTime() / 1000);
  const spend = teams.map((team) => {
    const subject = { kind: 'team' as const, name: team };
    const budget = config.teams[team]?.monthlyBudgetMicros;
    return {
      team,
      monthToDateMicros: queries.total({ subject, start: monthStart, end: today + SECONDS_PER_DAY }),
      weekMicros: queries.total({
        subject,
        start: today - 6 * SECONDS_PER_DAY,
        end: today + SECONDS_PER_DAY,
      }),
      ...(budget === undefined ? {} : { budgetMicros: budget }),
    };
  });
  const freshness = freshnessLine({ freshness: freshnessOf(queries.freshness(sources)) });
  const monthEnd = Math.floor(
    startOfMonth(new UTCDate((monthStart + 40 * SECONDS_PER_DAY) * 1000)).getTime() / 1000,
  );
  return homeView({
    userId,
    teams,
    spend,
    openAlerts: createAlertStore(db).open(),
    freshness,
    month: { start: monthStart, end: monthEnd, asOf: today + SECONDS_PER_DAY },
    admins: config.admins,
  });
}

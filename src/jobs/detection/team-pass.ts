import type Database from 'better-sqlite3';
import type { AiSpendConfig } from '../../config/config-types.js';
import type { AlertCandidate } from '../../core/alerts/alert.js';
import { SECONDS_PER_DAY } from '../../core/facts.js';
import { type BudgetRuleTeam, budgetRule } from '../../core/rules/budget-rule.js';
import { type LatencyShiftDetails, latencyFollowupRule } from '../../core/rules/latency-followup-rule.js';
import { latencyShiftLookbackSeconds, latencyShiftRule } from '../../core/rules/latency-shift-rule.js';
import { migrationRule } from '../../core/rules/migration-rule.js';
import { createAlertStore } from '../../store/alert-store.js';
import { storedBudgets } from '../../store/budget-store.js';
import type { DetectionQueries } from '../../store/detection-queries.js';
import { latencySeries, modelLabeller, SIGNAL_SOURCES } from './signal-pass.js';

/** Budget forecasts read this much history for their weekday shape and trend. */
const BUDGET_HISTORY = 63 * SECONDS_PER_DAY;
/** Migration compares the last 7 complete days with the 7 before. */
const MIGRATION_HISTORY = 15 * SECONDS_PER_DAY;
/** Follow-ups are due 7 days after a shift and told within the following week. */
const FOLLOWUP_HORIZON = 15 * SECONDS_PER_DAY;
/** A gap this long since the previous pass may hide latency shifts nobody was told about. */
const CATCH_UP_AFTER = 12 * 3_600;
/** Shifts are announced for 24 hours: scanning twice a day finds every one. */
const SCAN_STEP = 12 * 3_600;
/** How long a latency shift is announced. */
const ANNOUNCE = 24 * 3_600;

/**
 * The rules over each team's days: month-end budget forecasts, migrations between providers or
 * model families, and the spend follow-up 7 days after a first-token latency shift. Days are
 * evaluated through `dayThrough`, the last UTC midnight every fresh source has completed.
 */
export function teamCandidates({
  db,
  queries,
  config,
  now,
  dayThrough,
  lastPassAt,
  live,
}: {
  db: Database.Database;
  queries: DetectionQueries;
  config: AiSpendConfig;
  now: number;
  dayThrough: number | null;
  /** When the previous analyze pass ran; `null` on the first. */
  lastPassAt: number | null;
  /** Fingerprints the other rules found firing in this pass. */
  live: ReadonlySet<string>;
}): AlertCandidate[] {
  const known = queries.knownFrom().day;
  if (dayThrough === null || known === null) return [];
  const candidates: AlertCandidate[] = [];

  const budgets = teamBudgets(db, config);
  if (budgets.size > 0) {
    const days = new Map<string, Map<number, number>>();
    for (const cell of queries.dailySpend(dayThrough - BUDGET_HISTORY, dayThrough)) {
      if (!budgets.has(cell.team)) continue;
      const team = days.get(cell.team) ?? new Map<number, number>();
      team.set(cell.at, (team.get(cell.at) ?? 0) + cell.micros);
      days.set(cell.team, team);
    }
    const teams: BudgetRuleTeam[] = [...budgets].map(([team, budgetMicros]) => ({
      team,
      budgetMicros,
      knownThrough: dayThrough,
      days: [...(days.get(team) ?? new Map<number, number>())]
        .map(([day, micros]) => ({ day, micros }))
        .sort((a, b) => a.day - b.day),
    }));
    candidates.push(
      ...budgetRule({ teams, knownFrom: known, now: dayThrough, percents: config.alerts.budgetPercent }),
    );
  }

  const migrations = migrationRule({
    rows: queries.teamModelDays(dayThrough - MIGRATION_HISTORY, dayThrough),
    today: dayThrough,
    knownFrom: known,
    settings: {
      minSharePoints: config.alerts.migration.minSharePoints,
      minWeeklyMicros: config.alerts.migration.minMicrosPerWeek,
    },
  });
  // Shifts announced while no pass ran (a first start, an outage) are found in the signals and
  // kept as past alerts, so their follow-up still comes.
  if (lastPassAt === null || now - lastPassAt > CATCH_UP_AFTER) {
    const alerts = createAlertStore(db);
    for (const { candidate, at } of pastLatencyShifts(
      queries,
      Math.max(lastPassAt ?? 0, now - FOLLOWUP_HORIZON),
      now,
    )) {
      // Still announced now: the live rule posts it.
      if (live.has(candidate.fingerprint)) continue;
      alerts.recordPast(candidate, at, Math.min(at + ANNOUNCE, now));
    }
  }
  const shifts = latencyShifts(db, now - FOLLOWUP_HORIZON, now);
  const followups: AlertCandidate[] = [];
  if (shifts.length > 0) {
    const from = Math.min(...shifts.map((shift) => shift.shiftAt)) - 8 * SECONDS_PER_DAY;
    followups.push(
      ...latencyFollowupRule({
        shifts,
        spend: queries.teamModelDays(from - (from % SECONDS_PER_DAY), dayThrough),
        now,
      }),
    );
  }
  // A team's move right after a latency shift is told once, by the follow-up that names its cause.
  const explained = new Set(followups.map((candidate) => candidate.team));
  candidates.push(...followups, ...migrations.filter((candidate) => !explained.has(candidate.team)));
  return candidates;
}

/**
 * Latency shifts announced within `[since, now - 24 h]` (later ones are the live rule's), found by
 * running the latency rule every half day, and 24 h before `now`, on the signals it would have seen
 * then (a shift is announced for 24 hours, so no step misses one). Each with the step that found it.
 */
function pastLatencyShifts(
  queries: DetectionQueries,
  since: number,
  now: number,
): Array<{ candidate: AlertCandidate; at: number }> {
  const lookback = latencyShiftLookbackSeconds();
  const last = now - ANNOUNCE;
  if (last <= since) return [];
  const found = new Map<string, { candidate: AlertCandidate; at: number }>();
  for (const source of SIGNAL_SOURCES) {
    const all = latencySeries(queries, source, since - lookback, last, modelLabeller(queries, source));
    if (all.length === 0) continue;
    const users = queries.modelUsers(source, since - 7 * SECONDS_PER_DAY, now);
    const steps: number[] = [];
    for (let at = since + SCAN_STEP; at < last; at += SCAN_STEP) steps.push(at);
    steps.push(last);
    for (const at of steps) {
      const series = all.map((entry) => ({
        ...entry,
        points: entry.points.filter(
          (point) => point.at >= at - lookback && point.at + point.bucketSeconds <= at,
        ),
      }));
      for (const candidate of latencyShiftRule({ series, users, now: at })) {
        if (!found.has(candidate.fingerprint)) found.set(candidate.fingerprint, { candidate, at });
      }
    }
  }
  return [...found.values()];
}

/** Monthly budgets in micro-dollars: a budget set from chat wins over `teams.<name>.monthly_budget_usd`. */
function teamBudgets(db: Database.Database, config: AiSpendConfig): Map<string, number> {
  const budgets = new Map<string, number>();
  for (const team of Object.values(config.teams)) {
    if (team.monthlyBudgetMicros !== undefined) budgets.set(team.name, team.monthlyBudgetMicros);
  }
  for (const [team, micros] of storedBudgets(db)) budgets.set(team, micros);
  return budgets;
}

/** Latency shift alerts opened within `[since, now]`, with the figures their follow-up needs. */
function latencyShifts(
  db: Database.Database,
  since: number,
  now: number,
): Array<LatencyShiftDetails & { fingerprint: string }> {
  return createAlertStore(db)
    .openedIn('latency_shift', since, now + 1)
    .map((alert) => ({
      ...(alert.details as unknown as LatencyShiftDetails),
      fingerprint: alert.fingerprint,
    }));
}

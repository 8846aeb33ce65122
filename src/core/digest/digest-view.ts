import { SECONDS_PER_DAY } from '../facts.js';
import { isoDay, isoTime, type Period } from '../period.js';
import type { QuotaRow } from '../views/quota-view.js';
import {
  buildTeamSpendView,
  type Ranked,
  type SourceFreshness,
  type TeamSpendView,
} from '../views/team-spend-view.js';
import type { DigestUnitCost } from '../views/unit-message.js';
import { type BudgetStatus, budgetStatus } from './budget-status.js';
import type { DigestWeeks } from './digest-weeks.js';
import { type DigestMover, type DigestRow, topMovers } from './top-movers.js';

/** This week's spend of one key (provider, team, feature) next to the week before's. Micro-USD. */
export interface DigestComparison {
  key: string;
  micros: number;
  previous_micros: number;
  change_micros: number;
}

/** How close a token-per-minute quota came to its limit during the week. */
export interface QuotaHeadroom {
  region: string;
  name: string;
  inference_type: string;
  limit_tpm: number;
  /** The busiest minute's use in % of the quota, and when it was. */
  peak_percent: number;
  peak_at: string;
  /** `100 - peak_percent`, never below 0. */
  headroom_percent: number;
  teams: Array<{ team: string; share: number }>;
}

/**
 * The weekly digest of a team (or of the organisation, `team: 'all'`): the last complete week
 * against the week before, why spend moved, budgets, quotas, alerts, and the daily series the
 * chart is drawn from. The JSON contract of `ai-spend digest --json`.
 */
export interface DigestView {
  kind: 'digest';
  team: string;
  week: { start: string; end: string };
  previous_week: { start: string; end: string };
  total_micros: number;
  billed_micros: number;
  estimated_micros: number;
  unpriced_tokens: number;
  previous_total_micros: number;
  /** Against the week before; `ratio` is omitted when that week had no spend. */
  change: { micros: number; ratio?: number };
  by_provider: Array<DigestComparison & { basis: 'billed' | 'estimated' | 'mixed' }>;
  /** Keys are `team/feature` in the organisation's digest. */
  by_feature: DigestComparison[];
  /** Spend per team, unallocated included: the organisation's digest only. */
  by_team?: DigestComparison[];
  /** Spend no rule claimed this week, across the whole organisation, and its share of all spend. */
  unallocated: { micros: number; share: number };
  /** The features that moved most, largest dollar change first (at most `moverLimit`). */
  movers: DigestMover[];
  /** How many (team, feature) pairs changed spend at all. */
  moved_features: number;
  budgets: BudgetStatus[];
  /** Cost per business unit where the team (every team, for the organisation) reported units. */
  unit_costs?: DigestUnitCost[];
  quotas: QuotaHeadroom[];
  /** Alerts of the team (every team's for the organisation) in these states now. */
  alerts: { open: number; acknowledged: number };
  /** Spend per UTC day over both weeks, by provider: what the chart shows. */
  daily: Array<{ day: string; by_provider: Record<string, number> }>;
  freshness: TeamSpendView['freshness'];
}

export interface DigestInput {
  /** A team name, or `all` for the organisation. */
  team: string;
  weeks: DigestWeeks;
  current: readonly DigestRow[];
  previous: readonly DigestRow[];
  /** The whole organisation's spend this week and its unallocated part. */
  orgWeek: { totalMicros: number; unallocatedMicros: number };
  /** Spend per (UTC day, source) over `[weeks.previousStart, weeks.end)`. */
  daily: ReadonlyArray<{ day: number; source: string; micros: number }>;
  /** Teams with a monthly budget: month-to-date spend (to `weeks.end`) and this week's. */
  budgets: ReadonlyArray<{
    team: string;
    budgetMicros: number;
    monthToDateMicros: number;
    weekMicros: number;
  }>;
  quotas: readonly QuotaRow[];
  alerts: { open: number; acknowledged: number };
  freshness: readonly SourceFreshness[];
  moverLimit?: number;
}

export function buildDigestView(input: DigestInput): DigestView {
  const { team, weeks, current, previous, orgWeek } = input;
  const subject = { kind: 'team', name: team } as const;
  const period: Period = {
    label: 'week',
    start: weeks.start,
    end: weeks.end,
    previousStart: weeks.previousStart,
    previousEnd: weeks.start,
  };
  const spend = (rows: readonly DigestRow[], freshness: readonly SourceFreshness[]) =>
    buildTeamSpendView({ subject, period, current: rows, previousTotalMicros: 0, freshness });
  const now = spend(current, input.freshness);
  const before = spend(previous, []);
  const total = now.total_micros;
  const movers = topMovers(previous, current, { limit: Number.POSITIVE_INFINITY });
  const view: DigestView = {
    kind: 'digest',
    team,
    week: { start: isoTime(weeks.start), end: isoTime(weeks.end) },
    previous_week: { start: isoTime(weeks.previousStart), end: isoTime(weeks.start) },
    total_micros: total,
    billed_micros: now.billed_micros,
    estimated_micros: now.estimated_micros,
    unpriced_tokens: now.unpriced_tokens,
    previous_total_micros: before.total_micros,
    change:
      before.total_micros === 0
        ? { micros: total }
        : { micros: total - before.total_micros, ratio: (total - before.total_micros) / before.total_micros },
    by_provider: compare(now.by_provider, before.by_provider).map((entry) => ({
      ...entry,
      basis: now.by_provider.find((provider) => provider.key === entry.key)?.basis ?? 'billed',
    })),
    by_feature: compare(now.by_feature, before.by_feature),
    unallocated: {
      micros: orgWeek.unallocatedMicros,
      share: orgWeek.totalMicros > 0 ? orgWeek.unallocatedMicros / orgWeek.totalMicros : 0,
    },
    movers: movers.slice(0, input.moverLimit ?? 10),
    moved_features: movers.length,
    budgets: input.budgets.map((budget) =>
      budgetStatus({ ...budget, monthStart: weeks.monthStart, monthEnd: weeks.monthEnd, asOf: weeks.end }),
    ),
    quotas: headroom(input.quotas, team),
    alerts: input.alerts,
    daily: dailySeries(input.daily, weeks),
    freshness: now.freshness,
  };
  if (now.by_team) view.by_team = compare(now.by_team, before.by_team ?? []);
  return view;
}

/** This week's keys by spend, then keys only the week before had; each with both weeks. */
function compare(current: readonly Ranked[], previous: readonly Ranked[]): DigestComparison[] {
  const before = new Map(previous.map((entry) => [entry.key, entry.micros]));
  const seen = new Set(current.map((entry) => entry.key));
  return [
    ...current,
    ...previous.filter((entry) => !seen.has(entry.key)).map((e) => ({ ...e, micros: 0 })),
  ].map((entry) => {
    const previousMicros = before.get(entry.key) ?? 0;
    return {
      key: entry.key,
      micros: entry.micros,
      previous_micros: previousMicros,
      change_micros: entry.micros - previousMicros,
    };
  });
}

function headroom(quotas: readonly QuotaRow[], team: string): QuotaHeadroom[] {
  return quotas
    .filter((row) => team === 'all' || row.teams.some((share) => share.team === team))
    .flatMap((row) =>
      row.peak_percent === null || row.peak_at === null
        ? []
        : [
            {
              region: row.region,
              name: row.name,
              inference_type: row.inference_type,
              limit_tpm: row.limit_tpm,
              peak_percent: row.peak_percent,
              peak_at: row.peak_at,
              headroom_percent: Math.max(0, Math.round((100 - row.peak_percent) * 10) / 10),
              teams: row.teams,
            },
          ],
    )
    .sort((a, b) => b.peak_percent - a.peak_percent || (a.region + a.name < b.region + b.name ? -1 : 1));
}

function dailySeries(rows: DigestInput['daily'], weeks: DigestWeeks): DigestView['daily'] {
  const sources = [...new Set(rows.map((row) => row.source))].sort();
  const days: DigestView['daily'] = [];
  for (let day = weeks.previousStart; day < weeks.end; day += SECONDS_PER_DAY) {
    const values: Record<string, number> = {};
    for (const source of sources) {
      values[source] = rows
        .filter((row) => row.day === day && row.source === source)
        .reduce((sum, row) => sum + row.micros, 0);
    }
    days.push({ day: isoDay(day), by_provider: values });
  }
  return days;
}

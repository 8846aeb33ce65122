import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_DAY } from '../facts.js';
import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';
import type { LatencyShiftDetails } from './latency-shift-rule.js';
import type { TeamDailyMix } from './migration-rule.js';

export type { LatencyShiftDetails } from './latency-shift-rule.js';

/** What the follow-up reads: shifts already told and the spend of their teams. */
export interface LatencyFollowupInput {
  /** Latency shift alerts already raised (the lead reads them from the alerts table: details as LatencyShiftDetails). */
  shifts: ReadonlyArray<LatencyShiftDetails & { fingerprint: string }>;
  /**
   * Per team, daily spend rows from 7 days before each shift to now: provider = source id (anthropic,
   * openai, bedrock…), model, modelFamily, tokens, micros (billed where billed, else estimated).
   * day = UTC midnight. A day without a row for a route had no spend there (zero, not unknown).
   */
  spend: ReadonlyArray<TeamDailyMix>;
  /** Days before the UTC day of `now` are complete. */
  now: number;
  settings?: Partial<LatencyFollowupSettings>;
}

/** When a team's change after a shift is worth telling (any one of the first two, and the third). */
export interface LatencyFollowupSettings {
  /** Token share moved between routes (provider × model family), 0–1. Default 0.1 (10 points). */
  minShareMoved: number;
  /** Weekly spend change ÷ the week before. Default 0.1 (10%). */
  minRelativeChange: number;
  /** The larger of the two weeks' spend, micro-dollars: smaller teams are not told. Default $50. */
  minWeeklyMicros: number;
}

export const DEFAULT_LATENCY_FOLLOWUP_SETTINGS: LatencyFollowupSettings = {
  minShareMoved: 0.1,
  minRelativeChange: 0.1,
  minWeeklyMicros: 50_000_000,
};

/** One route's week before and after, micro-dollars and tokens; shares of the team's tokens, 0–1. */
export interface FollowupRoute {
  provider: string;
  modelFamily: string;
  beforeTokens: number;
  afterTokens: number;
  beforeShare: number;
  afterShare: number;
  beforeMicros: number;
  afterMicros: number;
}

/** The figures of a latency follow-up (`AlertCandidate.details`). Days are `YYYY-MM-DD`, UTC. */
export interface LatencyFollowupDetails {
  shiftFingerprint: string;
  region: string;
  model: string;
  label: string;
  shiftAt: number;
  team: string;
  /** The 7 complete days before the shift's day, and the 7 after it (both ends included). */
  before: { from: string; to: string };
  after: { from: string; to: string };
  beforeMicros: number;
  afterMicros: number;
  /** After − before: the weekly dollar change. */
  changeMicros: number;
  /** After ÷ before, two decimals; absent when the week before cost nothing. */
  ratio?: number;
  beforeTokens: number;
  afterTokens: number;
  /** Share of the team's tokens that changed route (half the sum of share changes), 0–1. */
  shareMoved: number;
  /** Largest weekly dollar change first. */
  routes: FollowupRoute[];
}

const WEEK = 7 * SECONDS_PER_DAY;
const PROVIDERS: Record<string, string> = {
  anthropic: 'direct Anthropic',
  openai: 'OpenAI',
  bedrock: 'Bedrock',
  vertex: 'Vertex AI',
  azure: 'Azure',
  focus: 'FOCUS',
};

/**
 * Seven days after a latency shift, what each team told about it did: for each shift with
 * `now ∈ [shiftAt + 7 d, shiftAt + 14 d)` whose 7 complete days after the shift's day are in, one
 * candidate per shift team, fingerprint `latency_followup|<shift fingerprint>`. It compares the
 * team's 7 days before the shift's day with the 7 days after it (the shift's own day is in
 * neither): token share moved between routes (provider × model family) and the weekly dollar
 * change. When nothing material changed (share moved and dollar change both under their
 * thresholds, or a small team) it stays quiet: the shift alert already said what happened.
 */
export function latencyFollowupRule({
  shifts,
  spend,
  now,
  settings = {},
}: LatencyFollowupInput): AlertCandidate[] {
  const s = { ...DEFAULT_LATENCY_FOLLOWUP_SETTINGS, ...settings };
  const today = now - (now % SECONDS_PER_DAY);
  const seen = new Set<string>();
  const candidates: AlertCandidate[] = [];
  for (const shift of shifts) {
    if (seen.has(shift.fingerprint)) continue;
    seen.add(shift.fingerprint);
    const shiftDay = shift.shiftAt - (shift.shiftAt % SECONDS_PER_DAY);
    const afterStart = shiftDay + SECONDS_PER_DAY;
    if (now < shift.shiftAt + WEEK || now >= shift.shiftAt + 2 * WEEK || today < afterStart + WEEK) continue;
    const details = compareWeeks(shift, spend, shiftDay - WEEK, afterStart);
    if (details === undefined) continue;
    const weekly = Math.max(details.beforeMicros, details.afterMicros);
    const relative =
      details.beforeMicros > 0 ? Math.abs(details.changeMicros) / details.beforeMicros : Infinity;
    const material = details.shareMoved >= s.minShareMoved || relative >= s.minRelativeChange;
    if (!material || weekly < s.minWeeklyMicros) continue;
    candidates.push(followupCandidate(details, afterStart + WEEK - SECONDS_PER_DAY, s.minShareMoved));
  }
  return candidates;
}

function compareWeeks(
  shift: LatencyShiftDetails & { fingerprint: string },
  spend: LatencyFollowupInput['spend'],
  beforeStart: number,
  afterStart: number,
): LatencyFollowupDetails | undefined {
  const routes = new Map<string, FollowupRoute>();
  for (const row of spend) {
    if (row.team !== shift.team) continue;
    const side =
      row.day >= beforeStart && row.day < beforeStart + WEEK
        ? 'before'
        : row.day >= afterStart && row.day < afterStart + WEEK
          ? 'after'
          : undefined;
    if (side === undefined) continue;
    const key = `${row.provider}|${row.modelFamily}`;
    const route = routes.get(key) ?? {
      provider: row.provider,
      modelFamily: row.modelFamily,
      beforeTokens: 0,
      afterTokens: 0,
      beforeShare: 0,
      afterShare: 0,
      beforeMicros: 0,
      afterMicros: 0,
    };
    route[`${side}Tokens`] += row.tokens;
    route[`${side}Micros`] += row.micros;
    routes.set(key, route);
  }
  const all = [...routes.values()];
  const sum = (pick: (route: FollowupRoute) => number) =>
    all.reduce((total, route) => total + pick(route), 0);
  const beforeTokens = sum((route) => route.beforeTokens);
  const afterTokens = sum((route) => route.afterTokens);
  // Without a week before there is nothing to compare: the team is not a user that moved.
  if (beforeTokens <= 0 || afterTokens <= 0) return undefined;
  for (const route of all) {
    route.beforeShare = round3(route.beforeTokens / beforeTokens);
    route.afterShare = round3(route.afterTokens / afterTokens);
  }
  const beforeMicros = sum((route) => route.beforeMicros);
  const afterMicros = sum((route) => route.afterMicros);
  const shareMoved = round3(
    all.reduce(
      (total, route) => total + Math.abs(route.afterTokens / afterTokens - route.beforeTokens / beforeTokens),
      0,
    ) / 2,
  );
  const change = (route: FollowupRoute) => route.afterMicros - route.beforeMicros;
  return {
    shiftFingerprint: shift.fingerprint,
    region: shift.region,
    model: shift.model,
    label: shift.label,
    shiftAt: shift.shiftAt,
    team: shift.team,
    before: { from: isoDay(beforeStart), to: isoDay(beforeStart + WEEK - SECONDS_PER_DAY) },
    after: { from: isoDay(afterStart), to: isoDay(afterStart + WEEK - SECONDS_PER_DAY) },
    beforeMicros,
    afterMicros,
    changeMicros: afterMicros - beforeMicros,
    ...(beforeMicros > 0 ? { ratio: Math.round((afterMicros / beforeMicros) * 100) / 100 } : {}),
    beforeTokens,
    afterTokens,
    shareMoved,
    routes: all.sort(
      (a, b) =>
        Math.abs(change(b)) - Math.abs(change(a)) ||
        (`${a.provider}|${a.modelFamily}` < `${b.provider}|${b.modelFamily}` ? -1 : 1),
    ),
  };
}

function followupCandidate(
  details: LatencyFollowupDetails,
  observedAt: number,
  minShareMoved: number,
): AlertCandidate {
  const delta = details.changeMicros;
  const weekly = `${signedUsd(delta)}/week`;
  const gain = (route: FollowupRoute) => route.afterShare - route.beforeShare;
  const byGain = [...details.routes].sort((a, b) => gain(b) - gain(a));
  const to = byGain[0];
  const from = byGain.at(-1);
  const moved =
    to !== undefined && from !== undefined && details.shareMoved >= minShareMoved
      ? `${details.team} moved ${pct(details.shareMoved)} of its tokens from ${routeName(from)} to ${routeName(to)}`
      : `${details.team} kept its token mix (${pct(details.shareMoved)} moved) and used ${moreOrFewer(details.afterTokens / details.beforeTokens - 1)} tokens`;
  const spendText =
    details.ratio === undefined
      ? `${weekly} (from nothing to ${formatUsd(details.afterMicros)} a week)`
      : `${weekly} (${formatUsd(details.beforeMicros)} → ${formatUsd(details.afterMicros)} a week, ${signedPct(details.ratio - 1)})`;
  const totalChange = details.routes.reduce(
    (total, route) => total + Math.abs(route.afterMicros - route.beforeMicros),
    0,
  );
  return {
    fingerprint: `latency_followup|${details.shiftFingerprint}`,
    rule: 'latency_followup',
    team: details.team,
    severity: 'warning',
    title: `${details.team} a week after the ${details.label} latency shift: ${weekly}`,
    summary: `After the first-token latency shift of ${details.label} in ${details.region} on ${isoDay(details.shiftAt)}, ${moved}: ${spendText}.`,
    details: { ...details },
    observedAt,
    view: {
      facts: [
        {
          label: `Week before (${details.before.from}..${details.before.to})`,
          value: formatUsd(details.beforeMicros),
        },
        {
          label: `Week after (${details.after.from}..${details.after.to})`,
          value: formatUsd(details.afterMicros),
        },
        { label: 'Change', value: weekly },
        { label: 'Tokens', value: signedPct(details.afterTokens / details.beforeTokens - 1) },
        { label: 'Token share moved', value: pct(details.shareMoved) },
      ],
      contributors: {
        title: 'Weekly change by provider and model',
        rows: details.routes.slice(0, 8).map((route) => ({
          label: routeName(route),
          value: `${signedUsd(route.afterMicros - route.beforeMicros)}/week (${pct(route.beforeShare)} → ${pct(route.afterShare)} of tokens)`,
          ...(totalChange > 0
            ? { share: round3(Math.abs(route.afterMicros - route.beforeMicros) / totalChange) }
            : {}),
        })),
      },
      next:
        delta > 0
          ? `Check whether the move (or retries) is meant to last; ask "compare ${details.team}" for the same workload on other models.`
          : `The change saved money; check the latency of ${details.label} before moving back.`,
    },
    magnitude: Math.round(Math.abs(delta) / 1_000_000),
  };
}

function routeName(route: FollowupRoute): string {
  return `${PROVIDERS[route.provider] ?? route.provider} ${route.modelFamily}`;
}

function signedUsd(micros: number): string {
  return micros >= 0 ? `+${formatUsd(micros)}` : formatUsd(micros);
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function signedPct(change: number): string {
  const rounded = Math.round(change * 100);
  return `${rounded >= 0 ? '+' : ''}${rounded}%`;
}

function moreOrFewer(change: number): string {
  const rounded = Math.round(Math.abs(change) * 100);
  return `${rounded}% ${change >= 0 ? 'more' : 'fewer'}`;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

import { isoDay, isoTime, type Period } from '../period.js';

/** One stored rollup aggregate for a period: spend of a (source, feature, model[, team]). */
export interface SpendAggregate {
  source: string;
  feature: string;
  model: string;
  team: string;
  /** Billed micro-USD on days whose bill has arrived. */
  billedMicros: number;
  /** Estimated micro-USD on days without a bill yet. */
  estimatedMicros: number;
  /** Tokens on unbilled days that have no price (their cost is missing from the estimate). */
  unpricedTokens: number;
}

export interface SourceFreshness {
  source: string;
  /** Usage is complete up to here (UTC epoch seconds), `null` before the first collection. */
  usageThrough: number | null;
  /** The last UTC day whose bill is in (epoch seconds of its midnight), or `null`. */
  billedThrough: number | null;
}

export interface Ranked {
  key: string;
  micros: number;
}

/** Whose spend a view shows: a team (`all` = the organisation), a provider, or a model family. */
export type SpendSubject =
  | { kind: 'team'; name: string }
  | { kind: 'provider'; name: string }
  | { kind: 'model'; name: string };

/**
 * The answer to `team <name>`, `provider <name>` or `model <family>` for a period: the JSON contract
 * of `ai-spend ask --json`. Exactly one of `team`, `provider`, `model` is set, matching `kind`.
 */
export interface TeamSpendView {
  kind: 'team_spend' | 'provider_spend' | 'model_spend';
  team?: string;
  provider?: string;
  model?: string;
  period: { label: string; start: string; end: string };
  total_micros: number;
  billed_micros: number;
  estimated_micros: number;
  unpriced_tokens: number;
  by_provider: Array<Ranked & { basis: 'billed' | 'estimated' | 'mixed' }>;
  by_feature: Ranked[];
  by_model: Ranked[];
  /** Spend per team, unallocated included: for `team all`, providers and models. */
  by_team?: Ranked[];
  /** The spend no rule claimed: for `team all`, providers and models. */
  unallocated_micros?: number;
  previous_period: { start: string; end: string };
  previous_total_micros: number;
  /** Change against the previous period; `ratio` is omitted when the previous total is zero. */
  change: { micros: number; ratio?: number };
  freshness: {
    usage_through: string | null;
    billed_through: string | null;
    sources: Array<{ source: string; usage_through: string | null; billed_through: string | null }>;
  };
}

export interface TeamSpendInput {
  subject: SpendSubject;
  period: Period;
  current: readonly SpendAggregate[];
  previousTotalMicros: number;
  freshness: readonly SourceFreshness[];
}

export function buildTeamSpendView({
  subject,
  period,
  current,
  previousTotalMicros,
  freshness,
}: TeamSpendInput): TeamSpendView {
  const oneTeam = subject.kind === 'team' && subject.name !== 'all';
  const billed = sum(current.map((row) => row.billedMicros));
  const estimated = sum(current.map((row) => row.estimatedMicros));
  const total = billed + estimated;
  const change = total - previousTotalMicros;
  const view: TeamSpendView = {
    kind: `${subject.kind}_spend`,
    [subject.kind]: subject.name,
    period: { label: period.label, start: isoTime(period.start), end: isoTime(period.end) },
    total_micros: total,
    billed_micros: billed,
    estimated_micros: estimated,
    unpriced_tokens: sum(current.map((row) => row.unpricedTokens)),
    by_provider: rankBy(current, (row) => row.source).map((entry) => ({
      ...entry,
      basis: basisOf(current.filter((row) => row.source === entry.key)),
    })),
    by_feature: rankBy(current, (row) => (oneTeam ? row.feature : `${row.team}/${row.feature}`)),
    by_model: rankBy(current, (row) => row.model || '(no model)'),
    previous_period: { start: isoTime(period.previousStart), end: isoTime(period.previousEnd) },
    previous_total_micros: previousTotalMicros,
    change:
      previousTotalMicros === 0
        ? { micros: change }
        : { micros: change, ratio: change / previousTotalMicros },
    freshness: freshnessOf(freshness),
  };
  if (!oneTeam) {
    view.by_team = rankBy(current, (row) => row.team);
    view.unallocated_micros = sum(
      current
        .filter((row) => row.team === 'unallocated')
        .map((row) => row.billedMicros + row.estimatedMicros),
    );
  }
  return view;
}

function basisOf(rows: readonly SpendAggregate[]): 'billed' | 'estimated' | 'mixed' {
  const hasBilled = rows.some((row) => row.billedMicros !== 0);
  const hasEstimated = rows.some((row) => row.estimatedMicros !== 0 || row.unpricedTokens > 0);
  if (hasBilled && hasEstimated) return 'mixed';
  return hasBilled ? 'billed' : 'estimated';
}

function rankBy(rows: readonly SpendAggregate[], keyOf: (row: SpendAggregate) => string): Ranked[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    totals.set(key, (totals.get(key) ?? 0) + row.billedMicros + row.estimatedMicros);
  }
  return [...totals]
    .map(([key, micros]) => ({ key, micros }))
    .sort((a, b) => b.micros - a.micros || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function freshnessOf(sources: readonly SourceFreshness[]): TeamSpendView['freshness'] {
  const usage = sources.map((entry) => entry.usageThrough).filter((value): value is number => value !== null);
  const billed = sources
    .map((entry) => entry.billedThrough)
    .filter((value): value is number => value !== null);
  return {
    // The oldest source sets the stamp: the answer is only as fresh as its stalest part.
    usage_through: usage.length > 0 ? isoTime(Math.min(...usage)) : null,
    billed_through: billed.length > 0 ? isoDay(Math.min(...billed)) : null,
    sources: sources.map((entry) => ({
      source: entry.source,
      usage_through: entry.usageThrough === null ? null : isoTime(entry.usageThrough),
      billed_through: entry.billedThrough === null ? null : isoDay(entry.billedThrough),
    })),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

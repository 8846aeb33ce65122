import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_DAY } from '../facts.js';
import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';

/**
 * One model of one team on one UTC day (`day` = its midnight, epoch seconds): tokens of every kind
 * and micro-dollars (billed where billed, else estimated). A known day without a row had no usage.
 */
export interface TeamDailyMix {
  team: string;
  day: number;
  provider: string;
  model: string;
  modelFamily: string;
  tokens: number;
  micros: number;
}

/** Thresholds of the migration rule; defaults in `DEFAULT_MIGRATION_SETTINGS`. */
export interface MigrationSettings {
  /** Percentage points of the team's tokens that must move from one provider or model family to another. Default 20. */
  minSharePoints: number;
  /** Weekly spend (the larger of the two weeks) below which a team is not watched, micro-dollars. Default $100. */
  minWeeklyMicros: number;
  /** A move that makes the same volume cost this much more per week is critical, micro-dollars. Default $1,000. */
  criticalWeeklyIncreaseMicros: number;
}

export const DEFAULT_MIGRATION_SETTINGS: MigrationSettings = {
  minSharePoints: 20,
  minWeeklyMicros: 100_000_000,
  criticalWeeklyIncreaseMicros: 1_000_000_000,
};

/** `provider` compares providers; `model` compares model families (whoever serves them). */
export type MigrationDimension = 'provider' | 'model';

/** The figures of a migration alert (`AlertCandidate.details`); money in micro-dollars per week. */
export interface MigrationDetails {
  team: string;
  dimension: MigrationDimension;
  /** Provider, or model family, that lost and that gained the most share. */
  from: string;
  to: string;
  /** The provider serving most of `from` in the week before and of `to` in the last week (model moves). */
  fromProvider?: string;
  toProvider?: string;
  /** Shares of the team's tokens, 0–1, three decimals. */
  fromShare: { before: number; after: number };
  toShare: { before: number; after: number };
  /** Points moved, one decimal: the smaller of `from`'s loss and `to`'s gain (a move seen in both dimensions: the larger dimension's). */
  movedPoints: number;
  /** ISO days: the week before is `[beforeFrom, afterFrom)`, the last week `[afterFrom, through)`. */
  beforeFrom: string;
  afterFrom: string;
  through: string;
  tokensBefore: number;
  tokensAfter: number;
  spendBefore: number;
  spendAfter: number;
  /** The last week's tokens priced at the week before's mix ($/token of the team then). */
  sameVolumeBefore: number;
  /** `spendAfter − sameVolumeBefore`: what the change of mix alone costs per week. */
  mixChange: number;
  /** `spendAfter − spendBefore`: volume and mix together. */
  actualChange: number;
}

const DAY = SECONDS_PER_DAY;

interface Week {
  tokens: number;
  micros: number;
  byProvider: Map<string, number>;
  byFamily: Map<string, number>;
  /** Tokens per family and provider, for naming who serves a family. */
  familyProviders: Map<string, Map<string, number>>;
}

interface Move {
  dimension: MigrationDimension;
  from: string;
  to: string;
  fromShare: { before: number; after: number };
  toShare: { before: number; after: number };
  movedPoints: number;
  /** Every key's share change, largest move first. */
  changes: Array<{ key: string; before: number; after: number }>;
}

/**
 * Teams whose token mix moved between providers or model families: the 7 complete UTC days before
 * `today`'s midnight against the 7 before those, both fully known (on or after `knownFrom`). The
 * biggest loser → biggest gainer move of each dimension counts when it is ≥ `minSharePoints` and
 * the team spent ≥ `minWeeklyMicros` in either week; a model move between the same providers as the
 * provider move, with ≥ 75% of its points, is one alert (the model one, when either crosses).
 * Fingerprint `migration|team|dimension|from→to`.
 */
export function migrationRule({
  rows,
  today,
  knownFrom,
  settings,
}: {
  rows: readonly TeamDailyMix[];
  today: number;
  knownFrom: number;
  settings?: Partial<MigrationSettings>;
}): AlertCandidate[] {
  const s = { ...DEFAULT_MIGRATION_SETTINGS, ...settings };
  const end = Math.floor(today / DAY) * DAY;
  const afterFrom = end - 7 * DAY;
  const beforeFrom = end - 14 * DAY;
  if (beforeFrom < knownFrom) return [];
  const teams = new Map<string, [Week, Week]>();
  for (const row of rows) {
    if (row.day < beforeFrom || row.day >= end) continue;
    const weeks = teams.get(row.team) ?? [emptyWeek(), emptyWeek()];
    teams.set(row.team, weeks);
    addRow(weeks[row.day < afterFrom ? 0 : 1], row);
  }
  const candidates: AlertCandidate[] = [];
  for (const [team, [before, after]] of [...teams].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (before.tokens <= 0 || after.tokens <= 0) continue;
    if (Math.max(before.micros, after.micros) < s.minWeeklyMicros) continue;
    const byModel = biggestMove('model', before.byFamily, before.tokens, after.byFamily, after.tokens);
    const byProvider = biggestMove(
      'provider',
      before.byProvider,
      before.tokens,
      after.byProvider,
      after.tokens,
    );
    const fromProvider = byModel && mainProvider(before, byModel.from);
    const toProvider = byModel && mainProvider(after, byModel.to);
    const fires = (move: Move | undefined): move is Move => (move?.movedPoints ?? 0) >= s.minSharePoints;
    // One move seen in both dimensions (same providers, most of the points) is one alert, named by the
    // model move whichever crossed the threshold, so noise between the two never makes a second one.
    const sameMove =
      byModel !== undefined &&
      byProvider !== undefined &&
      byProvider.from === fromProvider &&
      byProvider.to === toProvider &&
      byModel.movedPoints >= 0.75 * byProvider.movedPoints;
    const moves = sameMove
      ? [{ ...byModel, movedPoints: Math.max(byModel.movedPoints, byProvider.movedPoints) }].filter(fires)
      : [byModel, byProvider].filter(fires);
    for (const move of moves) {
      const sameVolumeBefore = Math.round((after.tokens * before.micros) / before.tokens);
      const details: MigrationDetails = {
        team,
        dimension: move.dimension,
        from: move.from,
        to: move.to,
        ...(move.dimension === 'model' && fromProvider && toProvider ? { fromProvider, toProvider } : {}),
        fromShare: move.fromShare,
        toShare: move.toShare,
        movedPoints: move.movedPoints,
        beforeFrom: isoDay(beforeFrom),
        afterFrom: isoDay(afterFrom),
        through: isoDay(end),
        tokensBefore: before.tokens,
        tokensAfter: after.tokens,
        spendBefore: before.micros,
        spendAfter: after.micros,
        sameVolumeBefore,
        mixChange: after.micros - sameVolumeBefore,
        actualChange: after.micros - before.micros,
      };
      candidates.push(migrationCandidate(details, move, end - DAY, s));
    }
  }
  return candidates;
}

function migrationCandidate(
  details: MigrationDetails,
  move: Move,
  latestDay: number,
  s: MigrationSettings,
): AlertCandidate {
  const name = (key: string, provider?: string) => (provider ? `${key} (${provider})` : key);
  const from = name(details.from, details.fromProvider);
  const to = name(details.to, details.toProvider);
  const what = details.dimension === 'model' ? 'model' : 'provider';
  const shareRows = move.changes.slice(0, 5);
  const totalChange = shareRows.reduce((sum, row) => sum + Math.abs(row.after - row.before), 0);
  return {
    fingerprint: `migration|${details.team}|${details.dimension}|${details.from}→${details.to}`,
    rule: 'migration',
    team: details.team,
    severity: details.mixChange >= s.criticalWeeklyIncreaseMicros ? 'critical' : 'warning',
    title: `${details.team} moved ${Math.round(details.movedPoints)}% of its tokens from ${details.from} to ${details.to}`,
    summary:
      `${details.team} moved ${Math.round(details.movedPoints)}% of its tokens from ${from} to ${to} this week: the same volume now costs ${formatUsd(details.spendAfter)}/week instead of ${formatUsd(details.sameVolumeBefore)} (${signedUsd(details.mixChange)}). ` +
      `Its spend went from ${formatUsd(details.spendBefore)} to ${formatUsd(details.spendAfter)} (${signedUsd(details.actualChange)}) with ${volumeChange(details)} tokens.`,
    details: { ...details },
    view: {
      facts: [
        { label: `Share on ${details.from}`, value: shareChange(move.fromShare) },
        { label: `Share on ${details.to}`, value: shareChange(move.toShare) },
        { label: 'Same volume, old mix', value: `${formatUsd(details.sameVolumeBefore)}/week` },
        { label: 'Same volume, new mix', value: `${formatUsd(details.spendAfter)}/week` },
        { label: 'Spend, week before', value: formatUsd(details.spendBefore) },
        { label: 'Spend, last week', value: formatUsd(details.spendAfter) },
      ],
      contributors: {
        title: `Share of ${details.team}'s tokens by ${what}`,
        rows: shareRows.map((row) => ({
          label: row.key,
          value: shareChange(row),
          share:
            totalChange > 0 ? Math.round((Math.abs(row.after - row.before) / totalChange) * 1000) / 1000 : 0,
        })),
      },
      next: `Ask ${details.team} which feature switched to ${details.to} and whether it was planned (then mark this expected); check ${details.to}'s quota, latency and quality for that workload.`,
    },
    magnitude: details.movedPoints,
    observedAt: latestDay,
  };
}

/** The loser → gainer move of one dimension; `undefined` when nothing moved. */
function biggestMove(
  dimension: MigrationDimension,
  before: Map<string, number>,
  beforeTotal: number,
  after: Map<string, number>,
  afterTotal: number,
): Move | undefined {
  const changes = [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .map((key) => ({
      key,
      before: round3((before.get(key) ?? 0) / beforeTotal),
      after: round3((after.get(key) ?? 0) / afterTotal),
    }))
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
  const delta = (row: { before: number; after: number }) => row.after - row.before;
  const loser = changes.reduce<(typeof changes)[number] | undefined>(
    (worst, row) => (worst === undefined || delta(row) < delta(worst) ? row : worst),
    undefined,
  );
  const gainer = changes.reduce<(typeof changes)[number] | undefined>(
    (best, row) => (best === undefined || delta(row) > delta(best) ? row : best),
    undefined,
  );
  if (loser === undefined || gainer === undefined || delta(loser) >= 0 || delta(gainer) <= 0)
    return undefined;
  return {
    dimension,
    from: loser.key,
    to: gainer.key,
    fromShare: { before: loser.before, after: loser.after },
    toShare: { before: gainer.before, after: gainer.after },
    movedPoints: Math.round(Math.min(-delta(loser), delta(gainer)) * 1000) / 10,
    changes,
  };
}

function mainProvider(week: Week, family: string): string | undefined {
  const providers = [...(week.familyProviders.get(family) ?? [])].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  return providers[0]?.[0];
}

function emptyWeek(): Week {
  return { tokens: 0, micros: 0, byProvider: new Map(), byFamily: new Map(), familyProviders: new Map() };
}

function addRow(week: Week, row: TeamDailyMix): void {
  week.tokens += row.tokens;
  week.micros += row.micros;
  week.byProvider.set(row.provider, (week.byProvider.get(row.provider) ?? 0) + row.tokens);
  week.byFamily.set(row.modelFamily, (week.byFamily.get(row.modelFamily) ?? 0) + row.tokens);
  const providers = week.familyProviders.get(row.modelFamily) ?? new Map<string, number>();
  providers.set(row.provider, (providers.get(row.provider) ?? 0) + row.tokens);
  week.familyProviders.set(row.modelFamily, providers);
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const percent = (share: number) => `${Math.round(share * 100)}%`;
const shareChange = (share: { before: number; after: number }) =>
  `${percent(share.before)} → ${percent(share.after)}`;
const signedUsd = (micros: number) => `${micros >= 0 ? '+' : '−'}${formatUsd(Math.abs(micros))}`;

function volumeChange(details: MigrationDetails): string {
  const change = Math.round((details.tokensAfter / details.tokensBefore - 1) * 100);
  return change === 0 ? 'the same' : `${Math.abs(change)}% ${change > 0 ? 'more' : 'fewer'}`;
}

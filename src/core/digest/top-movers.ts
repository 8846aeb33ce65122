import { classifyMove, type ModelWeek, type MoveReason } from './classify-move.js';

/** A rollup aggregate of one week: spend and tokens of a (team, feature, source, model). */
export interface DigestRow extends ModelWeek {
  team: string;
  feature: string;
  /** Tokens on unbilled days that have no price (their cost is missing from the estimate). */
  unpricedTokens: number;
}

/** A feature whose spend moved between the two weeks, with the reason read from the data. */
export interface DigestMover {
  team: string;
  feature: string;
  micros: number;
  previous_micros: number;
  change_micros: number;
  tokens: number;
  previous_tokens: number;
  reason: MoveReason;
  /** One line for people: what changed, in tokens, rates or models. */
  explanation: string;
  /** For `model switch`: the models (`model (source)`) that lost and gained most, and the share of tokens moved. */
  switch?: { from: string; to: string; share_moved: number };
}

/**
 * The (team, feature) pairs whose spend moved most in dollars between `previous` and `current`,
 * largest absolute change first (ties by name), each with its classified reason.
 */
export function topMovers(
  previous: readonly DigestRow[],
  current: readonly DigestRow[],
  { limit = 10 }: { limit?: number } = {},
): DigestMover[] {
  const features = new Map<
    string,
    { team: string; feature: string; before: DigestRow[]; after: DigestRow[] }
  >();
  const add = (row: DigestRow, side: 'before' | 'after') => {
    const key = JSON.stringify([row.team, row.feature]);
    let entry = features.get(key);
    if (entry === undefined) {
      entry = { team: row.team, feature: row.feature, before: [], after: [] };
      features.set(key, entry);
    }
    entry[side].push(row);
  };
  for (const row of previous) add(row, 'before');
  for (const row of current) add(row, 'after');

  const movers: DigestMover[] = [];
  for (const { team, feature, before, after } of features.values()) {
    const micros = sum(after.map((row) => row.micros));
    const previousMicros = sum(before.map((row) => row.micros));
    if (micros === previousMicros) continue;
    const { reason, explanation, switch: moved } = classifyMove(before, after);
    movers.push({
      team,
      feature,
      micros,
      previous_micros: previousMicros,
      change_micros: micros - previousMicros,
      tokens: sum(after.map((row) => row.tokens)),
      previous_tokens: sum(before.map((row) => row.tokens)),
      reason,
      explanation,
      ...(moved ? { switch: { from: moved.from, to: moved.to, share_moved: moved.shareMoved } } : {}),
    });
  }
  return movers
    .sort(
      (a, b) =>
        Math.abs(b.change_micros) - Math.abs(a.change_micros) ||
        compare(a.team, b.team) ||
        compare(a.feature, b.feature),
    )
    .slice(0, limit);
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';
import { formatTokens, percentChange } from './format-tokens.js';

/** One model's share of a feature in one week, from the daily rollups. */
export interface ModelWeek {
  source: string;
  model: string;
  /** Billed micro-USD where the bill is in, estimated micro-USD elsewhere. */
  micros: number;
  billedMicros: number;
  estimatedMicros: number;
  tokens: number;
  /** The first UTC day (epoch seconds) of the week with spend or tokens. */
  firstDay: number;
}

/**
 * Why a feature's spend moved between two weeks:
 * - `new feature`: nothing the week before;
 * - `volume`: tokens moved and the cost per token held (or the feature stopped);
 * - `price`: the cost per token moved while the tokens held (a rate change, billed replacing an
 *   estimate, or billed amounts with no tokens behind them such as credits);
 * - `mix`: about the same tokens, split differently over the feature's models;
 * - `model switch`: most of the feature's tokens moved from one model to another.
 */
export type MoveReason = 'new feature' | 'volume' | 'price' | 'mix' | 'model switch';

export interface MoveExplanation {
  reason: MoveReason;
  /** One line for people, without the feature's name or the dollar change. */
  explanation: string;
  /** For a model switch: the models that lost and gained most, as `model (source)`. */
  switch?: { from: string; to: string; shareMoved: number };
}

/** A switch moves at least this share of the tokens and changes which model carries most of them. */
const SWITCH_SHIFT = 0.3;

/**
 * Classifies a feature's change between two weeks from its per-model tokens and spend. The spend
 * ratio is split exactly into volume × mix × price factors (mix re-prices this week's split at
 * last week's per-model rates); the largest factor names the reason, unless most tokens changed model.
 */
export function classifyMove(previous: readonly ModelWeek[], current: readonly ModelWeek[]): MoveExplanation {
  const before = totals(previous);
  const after = totals(current);
  if (before.micros === 0 && before.tokens === 0 && after.tokens > 0) {
    const top = largest(current, (row) => row.tokens);
    const first = Math.min(...current.map((row) => row.firstDay));
    return {
      reason: 'new feature',
      explanation: `no spend the week before; first spend ${isoDay(first)}${top ? `, mostly on ${label(top)}` : ''}`,
    };
  }
  if (after.micros === 0 && after.tokens === 0 && before.tokens > 0) {
    return {
      reason: 'volume',
      explanation: `no spend this week, after ${formatUsd(before.micros)} on ${formatTokens(before.tokens)} tokens the week before`,
    };
  }
  if (before.tokens === 0 || after.tokens === 0 || before.micros <= 0 || after.micros <= 0) {
    return {
      reason: 'price',
      explanation: 'billed amounts with no tokens behind them (a credit, a fee or a restated bill)',
    };
  }

  const shares = tokenShares(previous, current);
  const shift = shares.reduce((sum, entry) => sum + Math.abs(entry.after - entry.before), 0) / 2;
  const leaderBefore = largest(shares, (entry) => entry.before);
  const leaderAfter = largest(shares, (entry) => entry.after);
  if (leaderBefore && leaderAfter && leaderBefore.key !== leaderAfter.key && shift >= SWITCH_SHIFT) {
    return {
      reason: 'model switch',
      explanation: `${percent(shift)} of its tokens moved from ${leaderBefore.key} to ${leaderAfter.key} (${leaderAfter.key}: ${percent(leaderAfter.before)} → ${percent(leaderAfter.after)} of tokens)`,
      switch: { from: leaderBefore.key, to: leaderAfter.key, shareMoved: Math.round(shift * 1000) / 1000 },
    };
  }

  const volume = after.tokens / before.tokens;
  const baseRate = shares.reduce((sum, entry) => sum + entry.before * entry.rateBefore, 0);
  const mixedRate = shares.reduce((sum, entry) => sum + entry.after * entry.rateBefore, 0);
  const mix = baseRate > 0 && mixedRate > 0 ? mixedRate / baseRate : 1;
  const price = after.micros / before.micros / volume / mix;
  const perMillion = (week: { micros: number; tokens: number }) =>
    formatUsd(Math.round((week.micros / week.tokens) * 1e6));
  const factors: Array<[MoveReason, number]> = [
    ['volume', volume],
    ['mix', mix],
    ['price', price],
  ];
  const [reason] = factors.reduce((best, factor) =>
    Math.abs(Math.log(factor[1])) > Math.abs(Math.log(best[1])) ? factor : best,
  );
  if (reason === 'volume') {
    return {
      reason,
      explanation: `tokens ${percentChange(volume)} (${formatTokens(before.tokens)} → ${formatTokens(after.tokens)}) at ${perMillion(before)} → ${perMillion(after)} per 1M tokens`,
    };
  }
  if (reason === 'mix') {
    const gainer = largest(shares, (entry) => entry.after - entry.before);
    return {
      reason,
      explanation: `about the same tokens (${percentChange(volume)}), split differently: ${gainer?.key} ${percent(gainer?.before ?? 0)} → ${percent(gainer?.after ?? 0)} of them`,
    };
  }
  return {
    reason,
    explanation: `cost per 1M tokens ${perMillion(before)} → ${perMillion(after)} on about the same tokens (${percentChange(volume)})${basisNote(previous, current)}`,
  };
}

interface Share {
  key: string;
  before: number;
  after: number;
  /** Micro-USD per token the week before (this week's for a model new this week). */
  rateBefore: number;
}

function tokenShares(previous: readonly ModelWeek[], current: readonly ModelWeek[]): Share[] {
  const byKey = new Map<string, { before: ModelWeek[]; after: ModelWeek[] }>();
  const add = (row: ModelWeek, side: 'before' | 'after') => {
    let entry = byKey.get(label(row));
    if (entry === undefined) {
      entry = { before: [], after: [] };
      byKey.set(label(row), entry);
    }
    entry[side].push(row);
  };
  for (const row of previous) add(row, 'before');
  for (const row of current) add(row, 'after');
  const beforeTokens = totals(previous).tokens;
  const afterTokens = totals(current).tokens;
  return [...byKey]
    .filter(([, entry]) => totals(entry.before).tokens > 0 || totals(entry.after).tokens > 0)
    .map(([key, entry]) => {
      const was = totals(entry.before);
      const is = totals(entry.after);
      const rated = was.tokens > 0 ? was : is;
      return {
        key,
        before: was.tokens / beforeTokens,
        after: is.tokens / afterTokens,
        rateBefore: rated.tokens > 0 ? rated.micros / rated.tokens : 0,
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function basisNote(previous: readonly ModelWeek[], current: readonly ModelWeek[]): string {
  const estimatedBefore = previous.some((row) => row.estimatedMicros !== 0);
  const estimatedNow = current.some((row) => row.estimatedMicros !== 0);
  if (estimatedNow && !estimatedBefore) return '; this week is partly estimated, the week before billed';
  if (estimatedBefore && !estimatedNow) return '; this week is billed, the week before partly estimated';
  return '';
}

function totals(rows: readonly ModelWeek[]): { micros: number; tokens: number } {
  return rows.reduce((sum, row) => ({ micros: sum.micros + row.micros, tokens: sum.tokens + row.tokens }), {
    micros: 0,
    tokens: 0,
  });
}

function largest<T>(items: readonly T[], size: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || size(item) > size(best) ? item : best),
    undefined,
  );
}

/** How a model is named in explanations: `claude-sonnet-4-5-20250929 (anthropic)`. */
function label(row: { source: string; model: string }): string {
  return `${row.model || '(no model)'} (${row.source})`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

import type { SourceId, TokenCounts } from '../facts.js';
import type { PriceBook, PriceQuery, PriceResolution } from '../pricing/types.js';
import type { RepriceTarget } from './capability-class.js';

/** One UTC day of usage with the same model and price dimensions, as stored (estimates frozen at ingestion). */
export interface MixRow {
  /** UTC midnight, epoch seconds: the day whose prices apply. */
  day: number;
  source: SourceId;
  model: string;
  serviceTier?: string;
  contextWindow?: string;
  tokens: TokenCounts;
  /** The stored estimate of these tokens (priced rows only). */
  estimatedMicros: number;
  /** Tokens whose stored estimate is missing (unpriced or partially priced rows). */
  unpricedTokens: number;
}

/** The four outcomes a re-pricing brackets; each is the whole mix's cost with the moved rows re-priced. */
export interface RepriceScenarios {
  /** Cache hit rate and batch share kept as they are. */
  kept: number;
  /** No prompt cache on the target: every cache read and write is paid as uncached input. */
  noCache: number;
  /** No batch on the target: batch and flex tokens paid at standard rates. */
  noBatch: number;
  /** Neither cache nor batch. */
  neither: number;
}

/** What the mix would have cost on one target. */
export type Repricing =
  | {
      kind: 'priced';
      target: RepriceTarget;
      catalogModelId: string;
      /** The mix as it was billed/estimated, all rows. */
      actualMicros: number;
      /** Actual cost of the rows that move to the target. */
      movedActualMicros: number;
      movedTokens: number;
      scenarios: RepriceScenarios;
      low: number;
      high: number;
      /** `list` (catalog), `negotiated` (`prices:` config changed the price) or `mixed` across days. */
      basis: 'list' | 'negotiated' | 'mixed';
      /** Assumptions the numbers rest on, one sentence each. */
      notes: string[];
    }
  | { kind: 'unpriced'; target: RepriceTarget; hint: string };

const HALF_PRICE_TIERS = new Set(['batch', 'flex']);
const CACHE_KINDS = ['cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const;

const tokenTotal = (tokens: TokenCounts) =>
  tokens.uncachedInput + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead + tokens.output;

/**
 * Re-prices the rows `moves` selects on `target`, each day at the target's price in force that day
 * (effective-dated catalog and `prices:` config), and keeps the stored estimate of every other row.
 * Integer micro-dollars with one rounding per re-priced row, so totals are exact sums.
 * `book` carries the configured (negotiated) prices, `listBook` the catalog alone.
 */
export function repriceMix(
  rows: readonly MixRow[],
  target: RepriceTarget,
  {
    book,
    listBook,
    moves = () => true,
  }: { book: PriceBook; listBook: PriceBook; moves?: (row: MixRow) => boolean },
): Repricing {
  const actualMicros = rows.reduce((sum, row) => sum + row.estimatedMicros, 0);
  const totals: RepriceScenarios = { kept: 0, noCache: 0, noBatch: 0, neither: 0 };
  const notes = new Set<string>();
  const bases = new Set<'list' | 'negotiated'>();
  let movedActualMicros = 0;
  let movedTokens = 0;
  let catalogModelId = '';
  let unmovedMicros = 0;

  for (const row of rows) {
    if (!moves(row)) {
      unmovedMicros += row.estimatedMicros;
      continue;
    }
    movedActualMicros += row.estimatedMicros;
    movedTokens += tokenTotal(row.tokens);
    if (row.unpricedTokens > 0) {
      notes.add('some current usage is unpriced, so the current cost is a lower bound');
    }
    const tier = (row.serviceTier ?? '').trim().toLowerCase();
    const base = { source: target.source, model: target.model, at: row.day } satisfies PriceQuery;
    const withContext =
      row.contextWindow === undefined ? base : { ...base, contextWindow: row.contextWindow };
    const keptQuery = tier === '' ? withContext : { ...withContext, serviceTier: tier };
    let kept = book.resolve(keptQuery);
    let keptTierQuery: PriceQuery = keptQuery;
    if (kept.kind === 'unpriced' && kept.reason === 'tier_not_priced') {
      notes.add(`${tier} tier has no price on ${target.model}: priced at standard`);
      keptTierQuery = withContext;
      kept = book.resolve(withContext);
    }
    if (kept.kind === 'unpriced') return { kind: 'unpriced', target, hint: kept.hint };
    catalogModelId = kept.catalogModelId;
    bases.add(sameResolution(kept, listBook.resolve(keptTierQuery)) ? 'list' : 'negotiated');
    const standardQuery = HALF_PRICE_TIERS.has(tier) ? withContext : keptTierQuery;
    const standard = HALF_PRICE_TIERS.has(tier) ? book.resolve(standardQuery) : kept;
    if (standard.kind === 'unpriced') return { kind: 'unpriced', target, hint: standard.hint };

    const cached = cacheKept(row.tokens, kept);
    if (cached.moved)
      notes.add(`${target.model} lists no rate for some cache tokens: those are paid as input`);
    const uncached = noCache(row.tokens);
    totals.kept += priced(book, keptTierQuery, cached.tokens, notes);
    totals.noCache += priced(book, keptTierQuery, uncached, notes);
    totals.noBatch += priced(book, standardQuery, cacheKept(row.tokens, standard).tokens, notes);
    totals.neither += priced(book, standardQuery, uncached, notes);
  }
  if (movedTokens === 0) {
    notes.add('no usage of this capability class in the period: nothing moves');
  }
  const scenarios: RepriceScenarios = {
    kept: unmovedMicros + totals.kept,
    noCache: unmovedMicros + totals.noCache,
    noBatch: unmovedMicros + totals.noBatch,
    neither: unmovedMicros + totals.neither,
  };
  const values = Object.values(scenarios);
  return {
    kind: 'priced',
    target,
    catalogModelId,
    actualMicros,
    movedActualMicros,
    movedTokens,
    scenarios,
    low: Math.min(...values),
    high: Math.max(...values),
    basis: bases.size === 2 ? 'mixed' : bases.has('negotiated') ? 'negotiated' : 'list',
    notes: [...notes],
  };
}

function priced(book: PriceBook, query: PriceQuery, tokens: TokenCounts, notes: Set<string>): number {
  const estimate = book.estimate(query, tokens);
  if (estimate.status !== 'priced') notes.add(`${query.model} lacks a rate for some tokens: a lower bound`);
  return estimate.estimatedMicros ?? 0;
}

/** The tokens as they are, except cache kinds the target has no rate for, which become uncached input. */
function cacheKept(
  tokens: TokenCounts,
  resolution: Extract<PriceResolution, { kind: 'priced' }>,
): { tokens: TokenCounts; moved: boolean } {
  const out = { ...tokens };
  let moved = false;
  for (const kind of CACHE_KINDS) {
    if (out[kind] > 0 && resolution.card[kind] === null) {
      out.uncachedInput += out[kind];
      out[kind] = 0;
      moved = true;
    }
  }
  return { tokens: out, moved };
}

function noCache(tokens: TokenCounts): TokenCounts {
  return {
    uncachedInput: tokens.uncachedInput + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: 0,
    output: tokens.output,
  };
}

function sameResolution(a: PriceResolution, b: PriceResolution): boolean {
  if (a.kind !== 'priced' || b.kind !== 'priced') return false;
  return (
    a.multiplier.numerator * b.multiplier.denominator === b.multiplier.numerator * a.multiplier.denominator &&
    JSON.stringify(a.card) === JSON.stringify(b.card)
  );
}

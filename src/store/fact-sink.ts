import type Database from 'better-sqlite3';
import type { BilledPage, FactSink, UsagePage } from '../collectors/collector.js';
import { AiSpendError } from '../core/errors.js';
import {
  type BilledFact,
  SECONDS_PER_DAY,
  type SourceId,
  type TokenCounts,
  type UsageFact,
} from '../core/facts.js';
import type { Estimate, PriceBook } from '../core/pricing/types.js';
import type { DimsRepository } from './dims-repository.js';
import { createSignalWriters } from './signal-writers.js';

export interface FactSinkOptions {
  db: Database.Database;
  dims: DimsRepository;
  priceBook: PriceBook;
  /** Wall-clock of the write, UTC epoch seconds, recorded on cursors. */
  clock: () => number;
}

const dayOf = (time: number) => time - (((time % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY);

/**
 * The store side of collection. Each page is one transaction: the page's buckets (or days) are
 * replaced as a whole, the affected days are marked for a rollup rebuild, and the cursor moves,
 * so a crash at any point leaves either the page or nothing.
 */
export function createFactSink({ db, dims, priceBook, clock }: FactSinkOptions): FactSink {
  const readCursor = db
    .prepare<[string, string], number>('SELECT position FROM cursors WHERE source = ? AND stream = ?')
    .pluck();
  const writeCursor =
    db.prepare(`INSERT INTO cursors (source, stream, position, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (source, stream) DO UPDATE SET position = max(position, excluded.position),
      updated_at = excluded.updated_at`);
  const markDirty = db.prepare('INSERT OR IGNORE INTO rollup_dirty (source, day) VALUES (?, ?)');
  const deleteUsage = db.prepare(`DELETE FROM usage_facts WHERE bucket_start >= ? AND bucket_start <= ?
    AND bucket_seconds = ? AND dim_id IN (SELECT id FROM dims WHERE source = ?)`);
  const deleteRegionUsage = db.prepare(`DELETE FROM usage_facts WHERE bucket_start >= ? AND bucket_start <= ?
    AND bucket_seconds = ? AND dim_id IN (SELECT id FROM dims WHERE source = ? AND region = ?)`);
  const insertUsage =
    db.prepare(`INSERT INTO usage_facts (bucket_start, dim_id, bucket_seconds, uncached_input,
      cache_write_5m, cache_write_1h, cache_read, output, requests, estimated_micros, price_status, price_card_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const recordCard = db.prepare(`INSERT INTO price_cards (key, source, catalog_model_id, first_used_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`);
  const deleteShares =
    db.prepare(`DELETE FROM billed_shares WHERE billed_id IN (SELECT b.id FROM billed_facts b
    JOIN dims d ON d.id = b.dim_id WHERE b.day = ? AND d.source = ?)`);
  const deleteBilled = db.prepare(
    'DELETE FROM billed_facts WHERE day = ? AND dim_id IN (SELECT id FROM dims WHERE source = ?)',
  );
  const deleteAccountShares =
    db.prepare(`DELETE FROM billed_shares WHERE billed_id IN (SELECT b.id FROM billed_facts b
    JOIN dims d ON d.id = b.dim_id WHERE b.day = ? AND d.source = ? AND d.account_id = ?)`);
  const deleteAccountBilled = db.prepare(
    'DELETE FROM billed_facts WHERE day = ? AND dim_id IN (SELECT id FROM dims WHERE source = ? AND account_id = ?)',
  );
  const insertBilled = db.prepare(
    'INSERT INTO billed_facts (day, dim_id, line_item, amount_micros, final) VALUES (?, ?, ?, ?, ?)',
  );
  const cover = db.prepare('INSERT OR IGNORE INTO billed_coverage (source, day) VALUES (?, ?)');
  // Per (dims, UTC day): the price does not change within a day, and a number keys faster than text.
  const estimators = new Map<number, (tokens: TokenCounts) => Estimate>();
  const estimatorFor = (source: SourceId, dimId: number, usage: UsageFact) => {
    const key = dimId * 100_000 + Math.floor(usage.bucketStart / SECONDS_PER_DAY);
    let estimator = estimators.get(key);
    if (estimator === undefined) {
      const { dims: factDims } = usage;
      estimator = priceBook.estimator({
        source,
        model: factDims.model ?? '',
        serviceTier: factDims.serviceTier,
        contextWindow: factDims.contextWindow,
        inferenceGeo: factDims.inferenceGeo,
        region: factDims.region,
        at: usage.bucketStart,
      });
      if (estimators.size > 200_000) estimators.clear();
      estimators.set(key, estimator);
    }
    return estimator;
  };
  const cardIds = new Map<string, number>();
  const cardId = (source: SourceId, key: string, catalogModelId: string | undefined) => {
    let id = cardIds.get(key);
    if (id === undefined) {
      id = Number((recordCard.get(key, source, catalogModelId ?? null, clock()) as { id: number }).id);
      cardIds.set(key, id);
    }
    return id;
  };

  const writeUsage = db.transaction((source: SourceId, page: UsagePage) => {
    const days = new Set<number>();
    for (const [first, last] of contiguousRuns(page.buckets, page.bucketSeconds)) {
      if (page.scope === undefined) deleteUsage.run(first, last, page.bucketSeconds, source);
      else deleteRegionUsage.run(first, last, page.bucketSeconds, source, page.scope.region);
    }
    for (const bucket of page.buckets) days.add(dayOf(bucket));
    for (const fact of mergeUsage(page, dims)) {
      if (page.scope !== undefined && fact.fact.dims.region !== page.scope.region) {
        throw new AiSpendError(
          'input_invalid',
          `a ${fact.fact.dims.region} fact in a page of ${page.scope.region}`,
        );
      }
      const { dimId, fact: usage } = fact;
      const { tokens } = usage;
      const estimate = estimatorFor(source, dimId, usage)(tokens);
      insertUsage.run(
        usage.bucketStart,
        dimId,
        usage.bucketSeconds,
        tokens.uncachedInput,
        tokens.cacheWrite5m,
        tokens.cacheWrite1h,
        tokens.cacheRead,
        tokens.output,
        usage.requests,
        estimate.estimatedMicros,
        estimate.status,
        estimate.cardKey === undefined ? null : cardId(source, estimate.cardKey, estimate.catalogModelId),
      );
      days.add(dayOf(usage.bucketStart));
    }
    for (const day of days) markDirty.run(source, day);
    if (page.cursor !== undefined) writeCursor.run(source, page.stream, page.cursor, clock());
  });

  const writeBilled = db.transaction((source: SourceId, page: BilledPage) => {
    const { scope } = page;
    for (const day of page.days) {
      if (scope === undefined) {
        deleteShares.run(day, source);
        deleteBilled.run(day, source);
      } else {
        deleteAccountShares.run(day, source, scope.accountId);
        deleteAccountBilled.run(day, source, scope.accountId);
      }
      markDirty.run(source, day);
      if (page.cursor !== undefined && day + SECONDS_PER_DAY <= page.cursor) cover.run(source, day);
    }
    if (scope !== undefined) {
      const stray = page.facts.find((fact) => fact.dims.accountId !== scope.accountId);
      if (stray !== undefined) {
        throw new AiSpendError(
          'input_invalid',
          `a fact of account ${stray.dims.accountId ?? '(none)'} in a page of account ${scope.accountId}`,
        );
      }
    }
    for (const { dimId, fact } of mergeBilled(page.facts, dims)) {
      insertBilled.run(fact.day, dimId, fact.lineItem, fact.amountMicros, fact.final ? 1 : 0);
      markDirty.run(source, fact.day);
    }
    if (page.cursor !== undefined) writeCursor.run(source, page.stream, page.cursor, clock());
  });

  // Ids cached during a transaction that rolled back point at rows that do not exist.
  const discardingCaches =
    <T extends unknown[]>(write: (...args: T) => void) =>
    (...args: T) => {
      try {
        write(...args);
      } catch (error) {
        dims.discardCache();
        cardIds.clear();
        throw error;
      }
    };

  return {
    cursor: (source, stream) => readCursor.get(source, stream),
    writeUsage: discardingCaches((source: SourceId, page: UsagePage) => writeUsage(source, page)),
    writeBilled: discardingCaches((source: SourceId, page: BilledPage) => writeBilled(source, page)),
    ...createSignalWriters({ db, clock, writeCursor, readCursor }),
  };
}

/** Sorted bucket starts as `[first, last]` runs of consecutive buckets: one DELETE per run. */
export function contiguousRuns(buckets: readonly number[], bucketSeconds: number): Array<[number, number]> {
  const sorted = [...buckets].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const bucket of sorted) {
    const run = runs.at(-1);
    if (run !== undefined && bucket - run[1] <= bucketSeconds) run[1] = bucket;
    else runs.push([bucket, bucket]);
  }
  return runs;
}

/**
 * Facts with the same dimensions and bucket in one page are one fact: their counts add up. Every
 * fact must have the page's bucket width (the replacement of buckets relies on it).
 */
function mergeUsage(page: UsagePage, dims: DimsRepository) {
  const buckets = new Map<number, Map<number, { dimId: number; fact: UsageFact }>>();
  const merged: Array<{ dimId: number; fact: UsageFact }> = [];
  for (const fact of page.facts) {
    if (fact.bucketSeconds !== page.bucketSeconds) {
      throw new AiSpendError(
        'input_invalid',
        `a ${fact.bucketSeconds} s fact in a page of ${page.bucketSeconds} s buckets (${page.stream})`,
      );
    }
    const dimId = dims.idFor(fact.dims);
    let bucket = buckets.get(fact.bucketStart);
    if (bucket === undefined) {
      bucket = new Map();
      buckets.set(fact.bucketStart, bucket);
    }
    const seen = bucket.get(dimId);
    if (seen === undefined) {
      const entry = { dimId, fact };
      bucket.set(dimId, entry);
      merged.push(entry);
    } else {
      seen.fact = addUsage(seen.fact, fact);
    }
  }
  return merged;
}

function addUsage(a: UsageFact, b: UsageFact): UsageFact {
  return {
    ...a,
    tokens: {
      uncachedInput: a.tokens.uncachedInput + b.tokens.uncachedInput,
      cacheWrite5m: a.tokens.cacheWrite5m + b.tokens.cacheWrite5m,
      cacheWrite1h: a.tokens.cacheWrite1h + b.tokens.cacheWrite1h,
      cacheRead: a.tokens.cacheRead + b.tokens.cacheRead,
      output: a.tokens.output + b.tokens.output,
    },
    requests: a.requests === null && b.requests === null ? null : (a.requests ?? 0) + (b.requests ?? 0),
  };
}

function mergeBilled(facts: readonly BilledFact[], dims: DimsRepository) {
  const merged = new Map<string, { dimId: number; fact: BilledFact }>();
  for (const fact of facts) {
    const dimId = dims.idFor(fact.dims);
    const key = `${dimId}|${fact.day}|${fact.lineItem}`;
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { dimId, fact });
    else
      seen.fact = {
        ...seen.fact,
        amountMicros: (seen.fact.amountMicros + fact.amountMicros) as BilledFact['amountMicros'],
        final: seen.fact.final && fact.final,
      };
  }
  return merged.values();
}

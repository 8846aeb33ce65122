import type Database from 'better-sqlite3';
import type { BilledPage, FactSink, UsagePage } from '../collectors/collector.js';
import { type BilledFact, SECONDS_PER_DAY, type SourceId, type UsageFact } from '../core/facts.js';
import type { PriceBook } from '../core/pricing/types.js';
import type { DimsRepository } from './dims-repository.js';

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
  const deleteUsage = db.prepare(`DELETE FROM usage_facts WHERE bucket_start = ? AND bucket_seconds = ?
    AND dim_id IN (SELECT id FROM dims WHERE source = ?)`);
  const insertUsage =
    db.prepare(`INSERT INTO usage_facts (bucket_start, dim_id, bucket_seconds, uncached_input,
      cache_write_5m, cache_write_1h, cache_read, output, requests, estimated_micros, price_status, price_card)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const recordCard = db.prepare(
    'INSERT OR IGNORE INTO price_cards (key, source, catalog_model_id, first_used_at) VALUES (?, ?, ?, ?)',
  );
  const deleteShares =
    db.prepare(`DELETE FROM billed_shares WHERE billed_id IN (SELECT b.id FROM billed_facts b
    JOIN dims d ON d.id = b.dim_id WHERE b.day = ? AND d.source = ?)`);
  const deleteBilled = db.prepare(
    'DELETE FROM billed_facts WHERE day = ? AND dim_id IN (SELECT id FROM dims WHERE source = ?)',
  );
  const insertBilled = db.prepare(
    'INSERT INTO billed_facts (day, dim_id, line_item, amount_micros, final) VALUES (?, ?, ?, ?, ?)',
  );
  const cover = db.prepare('INSERT OR IGNORE INTO billed_coverage (source, day) VALUES (?, ?)');
  const knownCards = new Set<string>();

  const writeUsage = db.transaction((source: SourceId, page: UsagePage) => {
    const days = new Set<number>();
    for (const bucket of page.buckets) {
      deleteUsage.run(bucket, page.bucketSeconds, source);
      days.add(dayOf(bucket));
    }
    for (const fact of mergeUsage(page.facts, dims)) {
      const { dimId, fact: usage } = fact;
      const { tokens, dims: factDims } = usage;
      const estimate = priceBook.estimate(
        {
          source,
          model: factDims.model ?? '',
          serviceTier: factDims.serviceTier,
          contextWindow: factDims.contextWindow,
          inferenceGeo: factDims.inferenceGeo,
          region: factDims.region,
          at: usage.bucketStart,
        },
        tokens,
      );
      if (estimate.cardKey !== undefined && !knownCards.has(estimate.cardKey)) {
        recordCard.run(estimate.cardKey, source, estimate.catalogModelId ?? null, clock());
        knownCards.add(estimate.cardKey);
      }
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
        estimate.cardKey ?? null,
      );
      days.add(dayOf(usage.bucketStart));
    }
    for (const day of days) markDirty.run(source, day);
    if (page.cursor !== undefined) writeCursor.run(source, page.stream, page.cursor, clock());
  });

  const writeBilled = db.transaction((source: SourceId, page: BilledPage) => {
    for (const day of page.days) {
      deleteShares.run(day, source);
      deleteBilled.run(day, source);
      markDirty.run(source, day);
      if (page.cursor !== undefined && day + SECONDS_PER_DAY <= page.cursor) cover.run(source, day);
    }
    for (const { dimId, fact } of mergeBilled(page.facts, dims)) {
      insertBilled.run(fact.day, dimId, fact.lineItem, fact.amountMicros, fact.final ? 1 : 0);
      markDirty.run(source, fact.day);
    }
    if (page.cursor !== undefined) writeCursor.run(source, page.stream, page.cursor, clock());
  });

  return {
    cursor: (source, stream) => readCursor.get(source, stream),
    writeUsage: (source, page) => writeUsage(source, page),
    writeBilled: (source, page) => writeBilled(source, page),
  };
}

/** Facts with the same dimensions and bucket in one page are one fact: their counts add up. */
function mergeUsage(facts: readonly UsageFact[], dims: DimsRepository) {
  const merged = new Map<string, { dimId: number; fact: UsageFact }>();
  for (const fact of facts) {
    const dimId = dims.idFor(fact.dims);
    const key = `${dimId}|${fact.bucketStart}|${fact.bucketSeconds}`;
    const seen = merged.get(key);
    if (seen === undefined) {
      merged.set(key, { dimId, fact });
      continue;
    }
    const a = seen.fact.tokens;
    const b = fact.tokens;
    seen.fact = {
      ...seen.fact,
      tokens: {
        uncachedInput: a.uncachedInput + b.uncachedInput,
        cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m,
        cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h,
        cacheRead: a.cacheRead + b.cacheRead,
        output: a.output + b.output,
      },
      requests:
        seen.fact.requests === null && fact.requests === null
          ? null
          : (seen.fact.requests ?? 0) + (fact.requests ?? 0),
    };
  }
  return merged.values();
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

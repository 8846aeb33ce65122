import type { BilledPage, FactSink, UsagePage } from '../../../src/collectors/collector.js';
import type { BilledFact, FactDimensions, SourceId, UsageFact } from '../../../src/core/facts.js';

/**
 * A `FactSink` in memory with the store's contract: each page replaces the buckets (days) it lists
 * as a whole, keyed by natural key, and moves the cursor with the data. `beforeWrite` runs before
 * each page is applied; throwing from it aborts that page like a failed transaction.
 */
export class MemorySink implements FactSink {
  readonly usage = new Map<string, UsageFact>();
  readonly billed = new Map<string, BilledFact>();
  readonly cursors = new Map<string, number>();
  pagesWritten = 0;
  beforeWrite: (pageNumber: number) => void = () => {};

  cursor(source: SourceId, stream: string): number | undefined {
    return this.cursors.get(`${source}/${stream}`);
  }

  writeUsage(source: SourceId, page: UsagePage): void {
    this.beforeWrite(this.pagesWritten + 1);
    const buckets = new Set(page.buckets);
    const incoming = new Map<string, UsageFact>();
    for (const fact of page.facts) {
      if (!buckets.has(fact.bucketStart) || fact.bucketSeconds !== page.bucketSeconds) {
        throw new Error(`fact outside the page's buckets: ${fact.bucketStart}`);
      }
      const key = [source, page.stream, fact.bucketSeconds, fact.bucketStart, dimsKey(fact.dims)].join('|');
      if (incoming.has(key)) throw new Error(`two facts with one natural key: ${key}`);
      incoming.set(key, fact);
    }
    for (const [key, fact] of this.usage) {
      if (
        key.startsWith(`${source}|${page.stream}|${page.bucketSeconds}|`) &&
        buckets.has(fact.bucketStart)
      ) {
        this.usage.delete(key);
      }
    }
    for (const [key, fact] of incoming) this.usage.set(key, fact);
    if (page.cursor !== undefined) this.cursors.set(`${source}/${page.stream}`, page.cursor);
    this.pagesWritten += 1;
  }

  writeBilled(source: SourceId, page: BilledPage): void {
    this.beforeWrite(this.pagesWritten + 1);
    const days = new Set(page.days);
    const incoming = new Map<string, BilledFact>();
    for (const fact of page.facts) {
      if (!days.has(fact.day)) throw new Error(`fact outside the page's days: ${fact.day}`);
      const key = [source, page.stream, fact.day, fact.lineItem, dimsKey(fact.dims)].join('|');
      if (incoming.has(key)) throw new Error(`two facts with one natural key: ${key}`);
      incoming.set(key, fact);
    }
    for (const [key, fact] of this.billed) {
      if (key.startsWith(`${source}|${page.stream}|`) && days.has(fact.day)) this.billed.delete(key);
    }
    for (const [key, fact] of incoming) this.billed.set(key, fact);
    if (page.cursor !== undefined) this.cursors.set(`${source}/${page.stream}`, page.cursor);
    this.pagesWritten += 1;
  }

  billedMicros(): number {
    return [...this.billed.values()].reduce((sum, fact) => sum + fact.amountMicros, 0);
  }

  tokenTotals() {
    const totals = { uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 };
    for (const { tokens } of this.usage.values()) {
      totals.uncachedInput += tokens.uncachedInput;
      totals.cacheWrite5m += tokens.cacheWrite5m;
      totals.cacheWrite1h += tokens.cacheWrite1h;
      totals.cacheRead += tokens.cacheRead;
      totals.output += tokens.output;
    }
    return totals;
  }
}

function dimsKey(dims: FactDimensions): string {
  return JSON.stringify(Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : 1)));
}

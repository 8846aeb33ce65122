import type { BilledPage, FactSink, UsagePage } from '../../../src/collectors/collector.js';
import type { BilledFact, SourceId, UsageFact } from '../../../src/core/facts.js';

/**
 * The FactSink contract in memory: facts keyed by their natural key, every listed bucket or day
 * replaced as a whole, the cursor stored with the page.
 */
export class MemorySink implements FactSink {
  readonly usage = new Map<string, UsageFact>();
  readonly billed = new Map<string, BilledFact>();
  readonly cursors = new Map<string, number>();
  readonly pages: Array<{ stream: string; cursor: number | undefined; buckets: number[] }> = [];

  cursor(source: SourceId, stream: string): number | undefined {
    return this.cursors.get(`${source}/${stream}`);
  }

  writeUsage(source: SourceId, page: UsagePage): void {
    const replaced = new Set(page.buckets);
    for (const [key, fact] of this.usage) {
      if (
        fact.dims.source === source &&
        fact.bucketSeconds === page.bucketSeconds &&
        replaced.has(fact.bucketStart)
      ) {
        this.usage.delete(key);
      }
    }
    for (const fact of page.facts) {
      if (!replaced.has(fact.bucketStart))
        throw new Error(`fact outside the page's buckets: ${fact.bucketStart}`);
      const key = JSON.stringify([sortedDims(fact.dims), fact.bucketStart, fact.bucketSeconds]);
      if (this.usage.has(key)) throw new Error(`two facts with one natural key in a page: ${key}`);
      this.usage.set(key, fact);
    }
    this.record(source, page.stream, page.cursor, page.buckets);
  }

  writeBilled(source: SourceId, page: BilledPage): void {
    const replaced = new Set(page.days);
    for (const [key, fact] of this.billed) {
      if (fact.dims.source === source && replaced.has(fact.day)) this.billed.delete(key);
    }
    for (const fact of page.facts) {
      if (!replaced.has(fact.day)) throw new Error(`fact outside the page's days: ${fact.day}`);
      const key = JSON.stringify([sortedDims(fact.dims), fact.lineItem, fact.day]);
      if (this.billed.has(key)) throw new Error(`two facts with one natural key in a page: ${key}`);
      this.billed.set(key, fact);
    }
    this.record(source, page.stream, page.cursor, page.days);
  }

  billedMicros(): number {
    return [...this.billed.values()].reduce((total, fact) => total + fact.amountMicros, 0);
  }

  usageTotals(): Record<
    'uncachedInput' | 'cacheWrite5m' | 'cacheWrite1h' | 'cacheRead' | 'output' | 'requests',
    number
  > {
    const totals = {
      uncachedInput: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 0,
      requests: 0,
    };
    for (const fact of this.usage.values()) {
      totals.uncachedInput += fact.tokens.uncachedInput;
      totals.cacheWrite5m += fact.tokens.cacheWrite5m;
      totals.cacheWrite1h += fact.tokens.cacheWrite1h;
      totals.cacheRead += fact.tokens.cacheRead;
      totals.output += fact.tokens.output;
      totals.requests += fact.requests ?? 0;
    }
    return totals;
  }

  private record(source: SourceId, stream: string, cursor: number | undefined, buckets: number[]): void {
    if (cursor !== undefined) this.cursors.set(`${source}/${stream}`, cursor);
    this.pages.push({ stream, cursor, buckets });
  }
}

function sortedDims(dims: object): Array<[string, unknown]> {
  return Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : 1));
}

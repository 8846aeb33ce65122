import type { BilledPage, FactSink, MetricPage, UsagePage } from '../../src/collectors/collector.js';
import type { BilledFact, MetricPoint, QuotaLimit, SourceId, UsageFact } from '../../src/core/facts.js';

/**
 * A `FactSink` in memory with the store's contract, for collector tests that check exactly what a
 * collector hands over: each page replaces the buckets (days) it lists as a whole, keyed by natural
 * key, and moves the cursor with the data. It is stricter than the store: a fact outside its page
 * or two facts with one natural key in a page throw. `beforeWrite` runs before each page; throwing
 * from it aborts that page like a failed transaction.
 */
export class MemorySink implements FactSink {
  readonly usage = new Map<string, UsageFact>();
  readonly billed = new Map<string, BilledFact>();
  readonly metrics = new Map<string, MetricPoint & { source: SourceId }>();
  readonly quotas = new Map<string, { limits: QuotaLimit[]; refreshedAt: number }>();
  readonly cursors = new Map<string, number>();
  readonly pages: Array<{ stream: string; cursor: number | undefined; buckets: number[] }> = [];
  pagesWritten = 0;
  beforeWrite: (pageNumber: number) => void = () => {};

  cursor(source: SourceId, stream: string): number | undefined {
    return this.cursors.get(`${source}/${stream}`);
  }

  writeUsage(source: SourceId, page: UsagePage): void {
    this.beforeWrite(this.pagesWritten + 1);
    const replaced = new Set(page.buckets);
    const incoming = new Map<string, UsageFact>();
    for (const fact of page.facts) {
      if (!replaced.has(fact.bucketStart) || fact.bucketSeconds !== page.bucketSeconds) {
        throw new Error(`fact outside the page's buckets: ${fact.bucketStart}`);
      }
      const key = JSON.stringify([sortedDims(fact.dims), fact.bucketStart, fact.bucketSeconds]);
      if (incoming.has(key)) throw new Error(`two facts with one natural key in a page: ${key}`);
      incoming.set(key, fact);
    }
    for (const [key, fact] of this.usage) {
      if (
        fact.dims.source === source &&
        fact.bucketSeconds === page.bucketSeconds &&
        replaced.has(fact.bucketStart)
      ) {
        this.usage.delete(key);
      }
    }
    for (const [key, fact] of incoming) this.usage.set(key, fact);
    this.record(source, page.stream, page.cursor, page.buckets);
  }

  writeBilled(source: SourceId, page: BilledPage): void {
    this.beforeWrite(this.pagesWritten + 1);
    const replaced = new Set(page.days);
    const incoming = new Map<string, BilledFact>();
    for (const fact of page.facts) {
      if (!replaced.has(fact.day)) throw new Error(`fact outside the page's days: ${fact.day}`);
      const key = JSON.stringify([sortedDims(fact.dims), fact.lineItem, fact.day]);
      if (incoming.has(key)) throw new Error(`two facts with one natural key in a page: ${key}`);
      incoming.set(key, fact);
    }
    const account = page.scope?.accountId;
    if (account !== undefined && page.facts.some((fact) => fact.dims.accountId !== account)) {
      throw new Error(`fact of another account than the page's ${account}`);
    }
    for (const [key, fact] of this.billed) {
      const inScope = account === undefined || fact.dims.accountId === account;
      if (fact.dims.source === source && replaced.has(fact.day) && inScope) this.billed.delete(key);
    }
    for (const [key, fact] of incoming) this.billed.set(key, fact);
    this.record(source, page.stream, page.cursor, page.days);
  }

  writeMetrics(source: SourceId, page: MetricPage): void {
    this.beforeWrite(this.pagesWritten + 1);
    for (const point of page.points) {
      if (!Number.isFinite(point.value)) throw new Error(`metric value is not a number: ${point.value}`);
      const key = JSON.stringify([
        source,
        point.region,
        point.model,
        point.metric,
        point.stat,
        point.bucketStart,
        point.bucketSeconds,
      ]);
      this.metrics.set(key, { ...point, source });
    }
    this.record(source, page.stream, page.cursor, []);
  }

  writeQuotas(source: SourceId, region: string, limits: QuotaLimit[], refreshedAt: number): void {
    this.quotas.set(`${source}/${region}`, { limits, refreshedAt });
  }

  quotasRefreshedAt(source: SourceId, region: string): number | undefined {
    return this.quotas.get(`${source}/${region}`)?.refreshedAt;
  }

  billedMicros(): number {
    return [...this.billed.values()].reduce((total, fact) => total + fact.amountMicros, 0);
  }

  /** Token sums by kind, and requests, over every stored usage fact. */
  usageTotals() {
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

  /** Token sums by kind, without requests. */
  tokenTotals() {
    const { requests: _, ...tokens } = this.usageTotals();
    return tokens;
  }

  private record(source: SourceId, stream: string, cursor: number | undefined, buckets: number[]): void {
    if (cursor !== undefined) this.cursors.set(`${source}/${stream}`, cursor);
    this.pages.push({ stream, cursor, buckets });
    this.pagesWritten += 1;
  }
}

function sortedDims(dims: object): Array<[string, unknown]> {
  return Object.entries(dims).sort(([a], [b]) => (a < b ? -1 : 1));
}

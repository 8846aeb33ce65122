import type { ErrorCode } from '../core/errors.js';
import type { BilledFact, MetricPoint, QuotaLimit, SourceId, UsageFact } from '../core/facts.js';

/**
 * A page of usage, written in one transaction together with the stream's cursor. Every bucket
 * listed in `buckets` is replaced as a whole: rows stored earlier for those buckets and absent
 * from `facts` disappear, so re-reading a window never double counts.
 */
export interface UsagePage {
  stream: string;
  /** Bucket starts (UTC epoch seconds) this page covers completely, including empty ones. */
  buckets: number[];
  bucketSeconds: number;
  facts: UsageFact[];
  /** New cursor for the stream (UTC epoch seconds): everything before it is complete. */
  cursor?: number;
  /**
   * Narrows what the page replaces to one region of the source (Bedrock reads each region on its
   * own); without it the page replaces its buckets for the whole source.
   */
  scope?: { region: string };
}

/** A page of billed days, each day replaced as a whole (a restated day replaces the earlier lines). */
export interface BilledPage {
  stream: string;
  /** UTC midnights (epoch seconds) this page covers completely, including days with no cost. */
  days: number[];
  facts: BilledFact[];
  cursor?: number;
  /**
   * Narrows what the page replaces to one billing account of the source (a FOCUS file re-delivers
   * each account's billing period on its own); without it the page replaces its days for the whole
   * source. Every fact of a scoped page must carry `dims.accountId` equal to it.
   */
  scope?: { accountId: string };
}

/** Metric points, upserted by (region, model, metric, stat, bucket); the cursor moves with them. */
export interface MetricPage {
  stream: string;
  points: MetricPoint[];
  cursor?: number;
}

/** Where collectors put what they read. Implemented by the store; every call is one transaction. */
export interface FactSink {
  /** The stored cursor of `source/stream`, or `undefined` before the first successful page. */
  cursor(source: SourceId, stream: string): number | undefined;
  writeUsage(source: SourceId, page: UsagePage): void;
  writeBilled(source: SourceId, page: BilledPage): void;
  writeMetrics(source: SourceId, page: MetricPage): void;
  /**
   * Replaces the quota limits read from the provider for one region (config overrides are kept
   * apart and win). `refreshedAt` is UTC epoch seconds.
   */
  writeQuotas(source: SourceId, region: string, limits: QuotaLimit[], refreshedAt: number): void;
  /** When the quotas of a region were last read, or `undefined`. */
  quotasRefreshedAt(source: SourceId, region: string): number | undefined;
}

export interface CollectProgress {
  source: SourceId;
  stream: string;
  /** Seconds of the window done so far and in all; enough for a progress bar. */
  done: number;
  total: number;
}

export interface CollectRequest {
  /** The current time, UTC epoch seconds. */
  now: number;
  /** Backfill: read from here regardless of the cursor. */
  since?: number;
  /** Read up to here (exclusive); defaults to `now`. */
  until?: number;
  sink: FactSink;
  onProgress?: (progress: CollectProgress) => void;
}

export interface StreamSummary {
  stream: string;
  pages: number;
  facts: number;
  from: number;
  to: number;
}

/** What one collection pass of one source did: counts, or an error that names what to fix. */
export type CollectResult =
  | { source: SourceId; ok: true; streams: StreamSummary[] }
  | {
      source: SourceId;
      ok: false;
      code: ErrorCode;
      message: string;
      hint?: string;
      /** Streams that completed before the failure; their data is stored. */
      streams: StreamSummary[];
    };

export interface Collector {
  readonly source: SourceId;
  collect(request: CollectRequest): Promise<CollectResult>;
}

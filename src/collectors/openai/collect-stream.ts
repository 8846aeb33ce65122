import type { CollectRequest, StreamSummary } from '../collector.js';
import type { MappedPage } from './map.js';
import { schemaError } from './page-schema.js';

/** `[start, end)` in UTC epoch seconds, both on bucket boundaries. */
export interface StreamWindow {
  start: number;
  end: number;
}

/** One bucketed report read page by page into the sink. */
export interface PagedStream<Fact> {
  stream: string;
  bucketSeconds: number;
  /** How far back each run re-reads, because the provider restates recent buckets. */
  repollSeconds: number;
  fetchPage(window: StreamWindow, page: string | undefined): Promise<unknown>;
  mapPage(body: unknown): MappedPage<Fact>;
  /** Writes one page in one transaction; `cursor` advances with it. */
  writePage(page: { bucketStarts: number[]; facts: Fact[]; cursor: number }): void;
}

/**
 * The window a run reads: the backfill on the first run, otherwise from the cursor or the repoll
 * horizon, whichever is earlier; up to the end of the current bucket so the partial one is included.
 */
export function streamWindow(
  request: Pick<CollectRequest, 'now' | 'since' | 'until'>,
  cursor: number | undefined,
  {
    bucketSeconds,
    repollSeconds,
    backfillSeconds,
  }: { bucketSeconds: number; repollSeconds: number; backfillSeconds: number },
): StreamWindow {
  const { now } = request;
  const from =
    request.since ?? (cursor === undefined ? now - backfillSeconds : Math.min(cursor, now - repollSeconds));
  const end =
    request.until === undefined
      ? alignDown(now, bucketSeconds) + bucketSeconds
      : alignUp(request.until, bucketSeconds);
  return { start: alignDown(from, bucketSeconds), end };
}

/**
 * The cursor after a page: complete up to the page's last bucket, never past the current (incomplete)
 * bucket, never backwards, and unchanged when a backfill left a gap after the stored cursor.
 */
export function nextCursor(
  stored: number | undefined,
  windowStart: number,
  { lastBucketEnd, currentBucketStart }: { lastBucketEnd: number; currentBucketStart: number },
): number {
  const reached = Math.min(lastBucketEnd, currentBucketStart);
  if (stored === undefined) return reached;
  if (windowStart > stored) return stored;
  return Math.max(stored, reached);
}

/** Reads every page of `spec` in the request's window, writing each as it arrives. */
export async function collectStream<Fact>(
  spec: PagedStream<Fact>,
  request: CollectRequest,
  { backfillSeconds }: { backfillSeconds: number },
): Promise<StreamSummary> {
  let cursor = request.sink.cursor('openai', spec.stream);
  const window = streamWindow(request, cursor, { ...spec, backfillSeconds });
  const summary: StreamSummary = {
    stream: spec.stream,
    pages: 0,
    facts: 0,
    from: window.start,
    to: window.end,
  };
  if (window.end <= window.start) return summary;
  const currentBucketStart = alignDown(request.now, spec.bucketSeconds);
  let page: string | undefined;
  do {
    const mapped = spec.mapPage(await spec.fetchPage(window, page));
    const lastBucketStart = mapped.bucketStarts.at(-1);
    if (lastBucketStart !== undefined) {
      const lastBucketEnd = lastBucketStart + spec.bucketSeconds;
      cursor = nextCursor(cursor, window.start, { lastBucketEnd, currentBucketStart });
      spec.writePage({ bucketStarts: mapped.bucketStarts, facts: mapped.facts, cursor });
      summary.pages += 1;
      summary.facts += mapped.facts.length;
      request.onProgress?.({
        source: 'openai',
        stream: spec.stream,
        done: Math.min(lastBucketEnd, window.end) - window.start,
        total: window.end - window.start,
      });
    }
    if (mapped.nextPage !== null && mapped.nextPage === page) {
      throw schemaError(spec.stream, '$.next_page', `the same next_page came back twice (${page})`);
    }
    page = mapped.nextPage ?? undefined;
  } while (page !== undefined);
  return summary;
}

function alignDown(time: number, bucketSeconds: number): number {
  return time - (((time % bucketSeconds) + bucketSeconds) % bucketSeconds);
}

function alignUp(time: number, bucketSeconds: number): number {
  const down = alignDown(time, bucketSeconds);
  return down === time ? time : down + bucketSeconds;
}

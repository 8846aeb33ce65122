import { AiSpendError } from '../core/errors.js';
import type { SourceId } from '../core/facts.js';
import { isoTime } from '../core/period.js';
import type { CollectRequest, FactSink, StreamSummary } from './collector.js';

/** `[start, end)` in UTC epoch seconds, both on bucket boundaries. */
export interface StreamWindow {
  start: number;
  end: number;
}

/** One page of a bucketed report, mapped to facts. */
export interface StreamPage<Fact> {
  /** Bucket starts of the page in order, empty buckets included (UTC epoch seconds). */
  buckets: number[];
  facts: Fact[];
  /** The provider's cursor for the next page, or `null` on the last page. */
  nextPage: string | null;
}

/** One bucketed report of a provider (hourly usage, daily cost), read page by page into the sink. */
export interface PagedStream<Fact> {
  stream: string;
  bucketSeconds: number;
  /** How far back each pass re-reads, because the provider restates recent buckets. */
  repollSeconds: number;
  fetchPage(window: StreamWindow, page: string | undefined): Promise<StreamPage<Fact>>;
  /** Writes one page in one transaction; `cursor` advances with it. */
  writePage(sink: FactSink, page: { buckets: number[]; facts: Fact[]; cursor: number }): void;
}

/**
 * The window a pass reads: the backfill on the first pass, otherwise from the cursor or the repoll
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

/**
 * Reads every page of `spec` in the request's window and writes each as it arrives, so a failure
 * after page k keeps pages 1..k. Throws `AiSpendError` on provider trouble and on pagination that
 * does not move forward.
 */
export async function collectStream<Fact>(
  source: SourceId,
  spec: PagedStream<Fact>,
  request: CollectRequest,
  { backfillSeconds }: { backfillSeconds: number },
): Promise<StreamSummary> {
  let cursor = request.sink.cursor(source, spec.stream);
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
  let readUpTo = window.start;
  let page: string | undefined;
  do {
    const mapped = await spec.fetchPage(window, page);
    const first = mapped.buckets[0];
    const last = mapped.buckets.at(-1);
    if (first !== undefined && first < readUpTo) {
      throw paginationError(source, spec.stream, `a page repeats buckets before ${isoTime(readUpTo)}`);
    }
    if (last !== undefined) {
      readUpTo = last + spec.bucketSeconds;
      cursor = nextCursor(cursor, window.start, { lastBucketEnd: readUpTo, currentBucketStart });
      spec.writePage(request.sink, { buckets: mapped.buckets, facts: mapped.facts, cursor });
      summary.pages += 1;
      summary.facts += mapped.facts.length;
      request.onProgress?.({
        source,
        stream: spec.stream,
        done: Math.min(readUpTo, window.end) - window.start,
        total: window.end - window.start,
      });
    }
    if (mapped.nextPage !== null && (mapped.nextPage === page || last === undefined)) {
      throw paginationError(source, spec.stream, `next_page ${mapped.nextPage} does not move forward`);
    }
    page = mapped.nextPage ?? undefined;
  } while (page !== undefined);
  return summary;
}

function paginationError(source: SourceId, stream: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `${source} ${stream}: ${problem}`, {
    hint: `the ${source} API paginated unexpectedly; check that its base URL points at the real API`,
  });
}

/** The start of the `bucketSeconds` bucket holding `time` (UTC epoch seconds). */
export function alignDown(time: number, bucketSeconds: number): number {
  return time - (((time % bucketSeconds) + bucketSeconds) % bucketSeconds);
}

/** The first `bucketSeconds` boundary at or after `time`. */
export function alignUp(time: number, bucketSeconds: number): number {
  const down = alignDown(time, bucketSeconds);
  return down === time ? time : down + bucketSeconds;
}

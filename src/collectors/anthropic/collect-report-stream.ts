import { AiSpendError } from '../../core/errors.js';
import type { CollectRequest, FactSink, StreamSummary } from '../collector.js';
import type { AnthropicReportClient, ReportQuery } from './client.js';
import type { MappedPage } from './map.js';
import { reportWindow } from './report-window.js';

/** One stream of a legacy report: what to ask for, how to map a page and where to write it. */
export interface ReportStream<F> {
  stream: string;
  path: string;
  bucketSeconds: number;
  /** Fixed query parameters (`bucket_width`, `limit`, `group_by`). */
  query: ReportQuery;
  repollSeconds: number;
  map(json: unknown): MappedPage<F>;
  write(sink: FactSink, page: { buckets: number[]; facts: F[]; cursor: number }): void;
}

/**
 * Reads the stream's window page by page and writes each page (with its cursor) as it arrives,
 * so a failure after page k keeps pages 1..k. Throws `AiSpendError` on provider failures.
 */
export async function collectReportStream<F>(
  client: AnthropicReportClient,
  spec: ReportStream<F>,
  request: CollectRequest,
  backfillSeconds: number,
): Promise<StreamSummary> {
  const storedCursor = request.sink.cursor('anthropic', spec.stream);
  const { start, end, completeBefore } = reportWindow({
    now: request.now,
    since: request.since,
    until: request.until,
    cursor: storedCursor,
    bucketSeconds: spec.bucketSeconds,
    backfillSeconds,
    repollSeconds: spec.repollSeconds,
  });
  const summary: StreamSummary = { stream: spec.stream, pages: 0, facts: 0, from: start, to: end };
  let page: string | undefined;
  let readUpTo = start;
  while (start < end) {
    const json = await client.getReport(spec.path, {
      ...spec.query,
      starting_at: rfc3339(start),
      ending_at: rfc3339(end),
      page,
    });
    const mapped = spec.map(json);
    const firstBucket = mapped.buckets[0];
    if (firstBucket !== undefined && firstBucket < readUpTo) {
      throw paginationError(spec.path, `page starting ${rfc3339(firstBucket)} repeats earlier buckets`);
    }
    if (mapped.buckets.length > 0) {
      readUpTo = Math.max(...mapped.buckets) + spec.bucketSeconds;
      // Never behind the stored cursor: a backfill of an old window must not rewind the stream.
      const cursor = Math.max(storedCursor ?? 0, Math.min(readUpTo, completeBefore));
      spec.write(request.sink, { buckets: mapped.buckets, facts: mapped.facts, cursor });
      summary.pages += 1;
      summary.facts += mapped.facts.length;
    }
    request.onProgress?.({
      source: 'anthropic',
      stream: spec.stream,
      done: Math.min(readUpTo, end) - start,
      total: end - start,
    });
    if (!mapped.hasMore) break;
    if (!mapped.nextPage || mapped.buckets.length === 0) {
      throw paginationError(spec.path, 'has_more is true but the page does not advance');
    }
    page = mapped.nextPage;
  }
  return summary;
}

function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function paginationError(path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Anthropic ${path}: next_page: ${problem}`, {
    hint: 'the Anthropic Admin API paginated unexpectedly; check that ANTHROPIC_BASE_URL points at the Anthropic API',
  });
}

import type { CollectRequest, StreamSummary } from '../../collector.js';
import { alignDown, nextCursor, streamWindow } from '../../paged-stream.js';
import { retentionStart } from './retention.js';

/** One pass of a CloudWatch stream over the part of its window that CloudWatch still holds. */
export interface RetainedPass {
  /** `[start, end)`, UTC epoch seconds; `start` is never before CloudWatch's retention. */
  start: number;
  end: number;
  summary: StreamSummary;
  /**
   * Writes a page ending at `pageEnd` with the cursor it reaches (never past the current bucket),
   * then counts its `facts` and reports progress.
   */
  writePage(pageEnd: number, facts: number, write: (cursor: number) => void): void;
}

/** Starts a pass of `stream` in the request's window, as `streamWindow` spaces it. */
export function retainedPass(
  request: CollectRequest,
  stream: string,
  spacing: { bucketSeconds: number; repollSeconds: number; backfillSeconds: number },
): RetainedPass {
  const { now, sink } = request;
  const oldest = retentionStart(now);
  const stored = sink.cursor('bedrock', stream);
  let cursor = stored === undefined ? undefined : Math.max(stored, oldest);
  const window = streamWindow(request, cursor, spacing);
  const start = Math.max(window.start, oldest);
  const { end } = window;
  const currentBucketStart = alignDown(now, spacing.bucketSeconds);
  const summary: StreamSummary = { stream, pages: 0, facts: 0, from: start, to: end };
  return {
    start,
    end,
    summary,
    writePage(pageEnd, facts, write) {
      cursor = nextCursor(cursor, start, { lastBucketEnd: pageEnd, currentBucketStart });
      write(cursor);
      summary.pages += 1;
      summary.facts += facts;
      request.onProgress?.({
        source: 'bedrock',
        stream,
        done: Math.min(pageEnd, end) - start,
        total: end - start,
      });
    },
  };
}

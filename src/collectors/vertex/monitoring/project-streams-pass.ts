import type { CollectRequest, StreamSummary } from '../../collector.js';
import { alignDown, alignUp, nextCursor, streamWindow } from '../../paged-stream.js';

/** Cloud Monitoring keeps Google Cloud metrics at full resolution for 6 weeks: nothing older is read. */
export const RETENTION_SECONDS = 42 * 86_400;

/** One pass over the `<kind>:<project>` streams of every configured project. */
export interface ProjectStreamsPass {
  /** `[start, end)`, UTC epoch seconds: the union of the projects' windows, which every page reads whole. */
  start: number;
  end: number;
  /** One per project, in project order. */
  summaries: StreamSummary[];
  /**
   * Records a page ending at `pageEnd`. `write` stores the page (all projects' data) with the first
   * project's stream and cursor; `moveCursor` then moves each other project's cursor with an empty
   * page. A crash between the two leaves a cursor behind its data, which the next pass re-reads.
   */
  writePage(
    pageEnd: number,
    factsPerProject: readonly number[],
    write: (stream: string, cursor: number) => void,
    moveCursor: (stream: string, cursor: number) => void,
  ): void;
}

/**
 * Starts a pass of one kind of stream (`usage`, `metrics`) for every project. Each project keeps
 * its own cursor, so a newly added project is backfilled; but pages cover all projects at once,
 * because a page replaces its buckets for the whole source and metric points carry no project.
 */
export function projectStreamsPass(
  request: CollectRequest,
  {
    kind,
    projects,
    ...spacing
  }: {
    kind: string;
    projects: readonly string[];
    bucketSeconds: number;
    repollSeconds: number;
    backfillSeconds: number;
  },
): ProjectStreamsPass {
  const { now, sink } = request;
  const oldest = alignUp(now - RETENTION_SECONDS, Math.max(spacing.bucketSeconds, 3_600));
  const currentBucketStart = alignDown(now, spacing.bucketSeconds);
  const streams = projects.map((project) => {
    const stream = `${kind}:${project}`;
    const stored = sink.cursor('vertex', stream);
    const cursor = stored === undefined ? undefined : Math.max(stored, oldest);
    const window = streamWindow(request, cursor, spacing);
    return { stream, cursor, written: cursor, start: Math.max(window.start, oldest), end: window.end };
  });
  const start = Math.min(...streams.map((one) => one.start));
  const end = Math.max(...streams.map((one) => one.end));
  const summaries = streams.map(({ stream }) => ({ stream, pages: 0, facts: 0, from: start, to: end }));
  return {
    start,
    end,
    summaries,
    writePage(pageEnd, factsPerProject, write, moveCursor) {
      streams.forEach((one, index) => {
        one.cursor = nextCursor(one.cursor, one.start, { lastBucketEnd: pageEnd, currentBucketStart });
        if (index === 0) write(one.stream, one.cursor);
        else if (one.cursor !== one.written) moveCursor(one.stream, one.cursor);
        one.written = one.cursor;
        const summary = summaries[index];
        if (summary === undefined) return;
        summary.pages += 1;
        summary.facts += factsPerProject[index] ?? 0;
        request.onProgress?.({
          source: 'vertex',
          stream: one.stream,
          done: Math.min(pageEnd, end) - start,
          total: end - start,
        });
      });
    },
  };
}

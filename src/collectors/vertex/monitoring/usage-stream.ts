import type { MetricServiceClient } from '@google-cloud/monitoring';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, type UsageFact } from '../../../core/facts.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { listPublisherSeries } from './list-publisher-series.js';
import { mapUsageFacts } from './map-usage-facts.js';
import { projectStreamsPass } from './project-streams-pass.js';

/** Hours per page: a week, 168 points per series. */
const HOURS_PER_PAGE = 168;

export interface UsageStreamsOptions {
  client: MetricServiceClient;
  projects: readonly string[];
  backfillDays: number;
  lookbackMinutes: number;
  pageSize: number;
}

/**
 * Streams `usage:<project>`: hourly token counts and answered calls per (project, location,
 * model), a week per page. Each page replaces its hours for the whole source and holds every
 * project's facts of those hours (see `projectStreamsPass`); cursors never pass the current hour.
 */
export async function collectUsageStreams(
  { client, projects, backfillDays, lookbackMinutes, pageSize }: UsageStreamsOptions,
  request: CollectRequest,
): Promise<StreamSummary[]> {
  const pass = projectStreamsPass(request, {
    kind: 'usage',
    projects,
    bucketSeconds: SECONDS_PER_HOUR,
    repollSeconds: lookbackMinutes * 60,
    backfillSeconds: backfillDays * SECONDS_PER_DAY,
  });
  const pageSeconds = HOURS_PER_PAGE * SECONDS_PER_HOUR;
  for (let pageStart = pass.start; pageStart < pass.end; pageStart += pageSeconds) {
    const pageEnd = Math.min(pageStart + pageSeconds, pass.end);
    const window = { start: pageStart, end: pageEnd, bucketSeconds: SECONDS_PER_HOUR };
    const read = { start: pageStart, end: pageEnd, alignmentSeconds: SECONDS_PER_HOUR, pageSize };
    const facts: UsageFact[] = [];
    const factsPerProject: number[] = [];
    for (const project of projects) {
      const tokens = await listPublisherSeries(client, {
        ...read,
        project,
        metric: 'token_count',
        groupBy: ['metric.labels.type', 'metric.labels.request_type'],
      });
      const invocations = await listPublisherSeries(client, {
        ...read,
        project,
        metric: 'model_invocation_count',
        groupBy: ['metric.labels.response_code', 'metric.labels.request_type'],
      });
      const mapped = mapUsageFacts({ project, tokens, invocations }, window);
      facts.push(...mapped);
      factsPerProject.push(mapped.length);
    }
    const buckets: number[] = [];
    for (let bucket = pageStart; bucket < pageEnd; bucket += SECONDS_PER_HOUR) buckets.push(bucket);
    pass.writePage(
      pageEnd,
      factsPerProject,
      (stream, cursor) =>
        request.sink.writeUsage('vertex', {
          stream,
          buckets,
          bucketSeconds: SECONDS_PER_HOUR,
          facts,
          cursor,
        }),
      (stream, cursor) =>
        request.sink.writeUsage('vertex', {
          stream,
          buckets: [],
          bucketSeconds: SECONDS_PER_HOUR,
          facts: [],
          cursor,
        }),
    );
  }
  return pass.summaries;
}

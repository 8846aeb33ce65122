import type { MetricServiceClient } from '@google-cloud/monitoring';
import { SECONDS_PER_DAY } from '../../../core/facts.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { listPublisherSeries } from './list-publisher-series.js';
import { mapMetricPoints, type ProjectSignalSeries } from './map-metric-points.js';
import { projectStreamsPass } from './project-streams-pass.js';

const MINUTE = 60;
/** Minutes per page: a day, 1,440 points per series. */
const MINUTES_PER_PAGE = 1_440;

export interface MetricsStreamsOptions {
  client: MetricServiceClient;
  projects: readonly string[];
  metricsBackfillDays: number;
  lookbackMinutes: number;
  pageSize: number;
}

/**
 * Streams `metrics:<project>`: per-minute call counts by outcome, first-token latency
 * percentiles and input tokens (quota usage) per (location, model), summed over the projects, a day per page. Cloud Monitoring
 * samples these metrics every 60 s, so the alignment period is 60 s (`ALIGN_SUM`, which also
 * merges latency distributions); the full minute resolution is kept for the whole 6-week retention,
 * so no coarser period is needed for backfills.
 */
export async function collectMetricsStreams(
  { client, projects, metricsBackfillDays, lookbackMinutes, pageSize }: MetricsStreamsOptions,
  request: CollectRequest,
): Promise<StreamSummary[]> {
  const pass = projectStreamsPass(request, {
    kind: 'metrics',
    projects,
    bucketSeconds: MINUTE,
    repollSeconds: lookbackMinutes * MINUTE,
    backfillSeconds: metricsBackfillDays * SECONDS_PER_DAY,
  });
  const pageSeconds = MINUTES_PER_PAGE * MINUTE;
  for (let pageStart = pass.start; pageStart < pass.end; pageStart += pageSeconds) {
    const pageEnd = Math.min(pageStart + pageSeconds, pass.end);
    const read = { start: pageStart, end: pageEnd, alignmentSeconds: MINUTE, pageSize };
    const series: ProjectSignalSeries[] = [];
    for (const project of projects) {
      const invocations = await listPublisherSeries(client, {
        ...read,
        project,
        metric: 'model_invocation_count',
        groupBy: ['metric.labels.response_code'],
      });
      const firstTokenLatencies = await listPublisherSeries(client, {
        ...read,
        project,
        metric: 'first_token_latencies',
        groupBy: [],
      });
      const tokens = await listPublisherSeries(client, {
        ...read,
        project,
        metric: 'token_count',
        groupBy: ['metric.labels.type'],
      });
      series.push({ project, invocations, firstTokenLatencies, tokens });
    }
    const points = mapMetricPoints(series, { start: pageStart, end: pageEnd, bucketSeconds: MINUTE });
    // Points carry no project, so each project stream counts the page's points once.
    pass.writePage(
      pageEnd,
      projects.map((_, index) => (index === 0 ? points.length : 0)),
      (stream, cursor) => request.sink.writeMetrics('vertex', { stream, points, cursor }),
      (stream, cursor) => request.sink.writeMetrics('vertex', { stream, points: [], cursor }),
    );
  }
  return pass.summaries;
}

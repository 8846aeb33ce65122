import type { MetricServiceClient, protos } from '@google-cloud/monitoring';
import { AiSpendError } from '../../../core/errors.js';
import { classifyMonitoringError, type MonitoringCallSite } from './classify-monitoring-error.js';
import { monitoringSchemaError, type TimeSeries } from './series-points.js';

/** The Vertex AI publisher-model metrics ai-spend reads, by their short name. */
export type PublisherMetric = 'token_count' | 'model_invocation_count' | 'first_token_latencies';

const METRIC_PREFIX = 'aiplatform.googleapis.com/publisher/online_serving/';
const PUBLISHER_MODEL = 'aiplatform.googleapis.com/PublisherModel';
/** The labels every read groups by: one series per location and model version. */
export const MODEL_FIELDS = [
  'resource.labels.location',
  'resource.labels.model_user_id',
  'resource.labels.model_version_id',
] as const;
const MAX_PAGES = 1_000;

type ListAnswer = [
  TimeSeries[],
  protos.google.monitoring.v3.IListTimeSeriesRequest | null,
  protos.google.monitoring.v3.IListTimeSeriesResponse,
];

/** One `projects.timeSeries.list` read: `[start, end)` UTC epoch seconds, summed per aligned period. */
export interface SeriesQuery {
  project: string;
  metric: PublisherMetric;
  start: number;
  end: number;
  alignmentSeconds: number;
  /** Labels kept besides {@link MODEL_FIELDS}, e.g. `metric.labels.type`. */
  groupBy: readonly string[];
  /** Series per page (the API allows up to 100,000). */
  pageSize: number;
}

/**
 * Every series of one publisher metric in one project, page by page. Each series is summed per
 * `alignmentSeconds` period (`ALIGN_SUM`: counts add up, distributions merge) and across the labels
 * not grouped by (`REDUCE_SUM`). Throws `AiSpendError` on provider trouble, on partial answers and on
 * page tokens that do not move forward.
 */
export async function listPublisherSeries(
  client: MetricServiceClient,
  query: SeriesQuery,
): Promise<TimeSeries[]> {
  const site: MonitoringCallSite = { project: query.project, metric: query.metric };
  const request: protos.google.monitoring.v3.IListTimeSeriesRequest = {
    name: `projects/${query.project}`,
    filter: `metric.type = "${METRIC_PREFIX}${query.metric}" AND resource.type = "${PUBLISHER_MODEL}"`,
    interval: { startTime: { seconds: query.start }, endTime: { seconds: query.end } },
    aggregation: {
      alignmentPeriod: { seconds: query.alignmentSeconds },
      perSeriesAligner: 'ALIGN_SUM',
      crossSeriesReducer: 'REDUCE_SUM',
      groupByFields: [...MODEL_FIELDS, ...query.groupBy],
    },
    view: 'FULL',
    pageSize: query.pageSize,
  };
  const series: TimeSeries[] = [];
  let pageToken: string | undefined;
  for (let pages = 1; ; pages++) {
    let answer: ListAnswer;
    try {
      answer = await client.listTimeSeries(pageToken === undefined ? request : { ...request, pageToken }, {
        autoPaginate: false,
      });
    } catch (error) {
      throw classifyMonitoringError(error, site);
    }
    const [page, , response] = answer;
    const failed = response?.executionErrors?.find((status) => (status.code ?? 0) !== 0);
    if (failed !== undefined) {
      throw new AiSpendError(
        'provider_unavailable',
        `Cloud Monitoring ${query.metric} of project ${query.project} answered partially: ${failed.message ?? `code ${failed.code}`}`,
        { hint: 'Cloud Monitoring could not read every series; the next collection retries' },
      );
    }
    series.push(...(page ?? []));
    const next = response?.nextPageToken || undefined;
    if (next === undefined) return series;
    if (next === pageToken || pages >= MAX_PAGES) {
      throw monitoringSchemaError(site, 'nextPageToken', `${next} does not move forward`);
    }
    pageToken = next;
  }
}

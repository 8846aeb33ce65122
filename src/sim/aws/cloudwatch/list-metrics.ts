import type { BedrockSeries } from '../../scenario-types.js';
import { BEDROCK_NAMESPACE, MODEL_ID_DIMENSION, publishedMetricNames } from './bedrock-metrics.js';
import { invalidParameter } from './cloudwatch-errors.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { type ActivityOf, LISTED_HORIZON_SECONDS, RECENTLY_ACTIVE_SECONDS } from './series-activity.js';

interface ListedMetric {
  Namespace: string;
  MetricName: string;
  Dimensions: Array<{ Name: string; Value: string }>;
}

export interface ListMetricsContext {
  /** The series of the region the request was signed for. */
  series: BedrockSeries[];
  activity: ActivityOf;
  pageSize: number;
}

/**
 * Answers `ListMetrics` over `AWS/Bedrock`: each series lists the metrics it published in the last
 * two weeks (in the last 3 hours with `RecentlyActive: 'PT3H'`), filtered by name and dimensions.
 */
export function listMetrics(
  body: Record<string, unknown>,
  { series, activity, pageSize }: ListMetricsContext,
): { Metrics: ListedMetric[]; NextToken?: string } {
  const { Namespace, MetricName, Dimensions, RecentlyActive } = body;
  if (RecentlyActive !== undefined && RecentlyActive !== 'PT3H') {
    throw invalidParameter(`The value ${String(RecentlyActive)} for parameter RecentlyActive is not valid.`);
  }
  const filters = dimensionFilters(Dimensions);
  const horizon = RecentlyActive === 'PT3H' ? RECENTLY_ACTIVE_SECONDS : LISTED_HORIZON_SECONDS;
  const metrics: ListedMetric[] = [];
  if (Namespace === undefined || Namespace === BEDROCK_NAMESPACE) {
    for (const one of series) {
      const matches = filters.every(
        (filter) =>
          filter.Name === MODEL_ID_DIMENSION && (filter.Value === undefined || filter.Value === one.modelId),
      );
      if (!matches) continue;
      const seen = activity(one, horizon);
      if (!seen.active) continue;
      for (const name of publishedMetricNames(one, { streaming: seen.streaming })) {
        if (MetricName !== undefined && MetricName !== name) continue;
        metrics.push({
          Namespace: BEDROCK_NAMESPACE,
          MetricName: name,
          Dimensions: [{ Name: MODEL_ID_DIMENSION, Value: one.modelId }],
        });
      }
    }
  }
  const offset = decodeNextToken(body);
  const page = metrics.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return next < metrics.length
    ? { Metrics: page, NextToken: encodeNextToken(next, body) }
    : { Metrics: page };
}

function dimensionFilters(dimensions: unknown): Array<{ Name: string; Value?: string }> {
  if (dimensions === undefined) return [];
  if (!Array.isArray(dimensions) || dimensions.length > 10) {
    throw invalidParameter('The parameter Dimensions must be a list of at most 10 dimension filters.');
  }
  return dimensions.map((filter: unknown, index) => {
    const { Name, Value } = (filter ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string' || (Value !== undefined && typeof Value !== 'string')) {
      throw invalidParameter(`The parameter Dimensions.member.${index + 1}.Name is required.`);
    }
    return Value === undefined ? { Name } : { Name, Value };
  });
}

import type { MetricPoint } from '../../../core/facts.js';
import { invocationMetric } from '../../invocation-metric.js';
import { addHistograms, type Histogram, histogramPercentile, parseHistogram } from './parse-histogram.js';
import {
  alignedPoints,
  countValue,
  metricLabel,
  monitoringSchemaError,
  type SeriesWindow,
  seriesModel,
  type TimeSeries,
} from './series-points.js';

/** One project's per-period call counts and first-token latency distributions over one window. */
export interface ProjectSignalSeries {
  project: string;
  /** Grouped by location, model, version and `response_code`. */
  invocations: TimeSeries[];
  /** Grouped by location, model and version. */
  firstTokenLatencies: TimeSeries[];
  /** `token_count` grouped by location, model, version and `type`: input tokens are what quotas count. */
  tokens?: TimeSeries[];
}

/** The metric point per-minute input tokens are stored as, named as Bedrock's quota usage. */
export const QUOTA_USAGE_METRIC = 'EstimatedTPMQuotaUsage';

/** The percentiles written as `TimeToFirstToken` points, by stat name. */
const TTFT_STATS = [
  ['p50', 0.5],
  ['p90', 0.9],
] as const;

/**
 * Metric points per (location, model) and period, summed over the projects (points are keyed by
 * region and model only), named as Bedrock's CloudWatch names them so the same rules read both:
 * `Invocations` (answered calls, status below 400), `InvocationThrottles` (429),
 * `InvocationClientErrors` (other 4xx), `InvocationServerErrors` (5xx), all stat `Sum`; and
 * `TimeToFirstToken` p50/p90 in ms from the merged latency distributions; and
 * `EstimatedTPMQuotaUsage` (stat `Sum`), the input tokens of the period, which Vertex AI's
 * per-base-model token quotas count. A period without data has no point.
 */
export function mapMetricPoints(
  projects: readonly ProjectSignalSeries[],
  window: SeriesWindow,
): MetricPoint[] {
  const sums = new Map<string, MetricPoint>();
  const histograms = new Map<
    string,
    { region: string; model: string; bucketStart: number; histogram: Histogram }
  >();
  const addSum = (location: string, model: string, metric: string, bucketStart: number, value: number) => {
    const key = JSON.stringify([location, model, metric, bucketStart]);
    const seen = sums.get(key);
    if (seen !== undefined) seen.value += value;
    else sums.set(key, metricPoint(location, model, metric, 'Sum', bucketStart, window.bucketSeconds, value));
  };
  for (const { project, invocations, firstTokenLatencies, tokens = [] } of projects) {
    const tokenSite = { project, metric: 'token_count' };
    tokens.forEach((series, index) => {
      if (metricLabel(series, 'type') !== 'input') return;
      const { location, model } = seriesModel(series, index, tokenSite);
      for (const { bucketStart, point, path } of alignedPoints(series, index, tokenSite, window)) {
        addSum(location, model, QUOTA_USAGE_METRIC, bucketStart, countValue(point, path, tokenSite));
      }
    });
    const callSite = { project, metric: 'model_invocation_count' };
    invocations.forEach((series, index) => {
      const metric = invocationMetric(metricLabel(series, 'response_code'));
      if (metric === undefined) {
        throw monitoringSchemaError(
          callSite,
          `timeSeries[${index}].metric.labels.response_code`,
          `is "${metricLabel(series, 'response_code')}"`,
        );
      }
      const { location, model } = seriesModel(series, index, callSite);
      for (const { bucketStart, point, path } of alignedPoints(series, index, callSite, window)) {
        addSum(location, model, metric, bucketStart, countValue(point, path, callSite));
      }
    });

    const latencySite = { project, metric: 'first_token_latencies' };
    firstTokenLatencies.forEach((series, index) => {
      if (series.unit && series.unit !== 'ms') {
        throw monitoringSchemaError(latencySite, `timeSeries[${index}].unit`, `is "${series.unit}", not ms`);
      }
      const { location, model } = seriesModel(series, index, latencySite);
      for (const { bucketStart, point, path } of alignedPoints(series, index, latencySite, window)) {
        const valuePath = `${path}.value.distributionValue`;
        const histogram = parseHistogram(point.value?.distributionValue, valuePath, latencySite);
        if (histogram === null) continue;
        const key = JSON.stringify([location, model, bucketStart]);
        const seen = histograms.get(key);
        if (seen === undefined) histograms.set(key, { region: location, model, bucketStart, histogram });
        else seen.histogram = addHistograms(seen.histogram, histogram, valuePath, latencySite);
      }
    });
  }
  const points = [...sums.values()];
  for (const { region, model, bucketStart, histogram } of histograms.values()) {
    for (const [stat, quantile] of TTFT_STATS) {
      const ms = Math.round(histogramPercentile(histogram, quantile) * 10) / 10;
      points.push(
        metricPoint(region, model, 'TimeToFirstToken', stat, bucketStart, window.bucketSeconds, ms),
      );
    }
  }
  return points.sort((a, b) => a.bucketStart - b.bucketStart);
}

function metricPoint(
  region: string,
  model: string,
  metric: string,
  stat: string,
  bucketStart: number,
  bucketSeconds: number,
  value: number,
): MetricPoint {
  return { region, model, metric, stat, bucketStart, bucketSeconds, value };
}

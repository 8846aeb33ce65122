import type { AnsweredSeries } from './aggregate-series.js';
import type { SimValue } from './publisher-series.js';
import { TTFT_BUCKETS } from './ttft-distribution.js';

const METRIC_KIND_DELTA = 2;
const VALUE_TYPES = { INT64: 2, DISTRIBUTION: 5 } as const;

/**
 * A `TimeSeries` as Cloud Monitoring's REST API writes it: int64 values and counts as strings,
 * RFC 3339 times, enums as numbers when the request asked for `enum-encoding=int`, and the
 * distribution's trailing empty buckets left out.
 */
export function timeSeriesJson(
  series: AnsweredSeries,
  { intEnums, headersOnly }: { intEnums: boolean; headersOnly: boolean },
): Record<string, unknown> {
  return {
    metric: { type: series.metricType, labels: series.metricLabels },
    resource: { type: 'aiplatform.googleapis.com/PublisherModel', labels: series.resourceLabels },
    metricKind: intEnums ? METRIC_KIND_DELTA : 'DELTA',
    valueType: intEnums ? VALUE_TYPES[series.valueType] : series.valueType,
    unit: series.unit,
    ...(headersOnly
      ? {}
      : {
          points: series.points.map((point) => ({
            interval: { startTime: rfc3339(point.start), endTime: rfc3339(point.end) },
            value: valueJson(point.value),
          })),
        }),
  };
}

function valueJson(value: SimValue): Record<string, unknown> {
  if ('int64' in value) return { int64Value: String(value.int64) };
  const { count, mean, sumOfSquaredDeviation, bucketCounts } = value.distribution;
  let used = bucketCounts.length;
  while (used > 0 && bucketCounts[used - 1] === 0) used -= 1;
  return {
    distributionValue: {
      count: String(count),
      mean,
      sumOfSquaredDeviation,
      bucketOptions: { exponentialBuckets: { ...TTFT_BUCKETS } },
      bucketCounts: bucketCounts.slice(0, used).map(String),
    },
  };
}

function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

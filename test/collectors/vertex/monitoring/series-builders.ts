import type { TimeSeries } from '../../../../src/collectors/vertex/monitoring/series-points.js';

export const T0 = Date.UTC(2026, 10, 25, 10, 0, 0) / 1000;

const timestamp = (seconds: number) => ({ seconds: String(seconds), nanos: 0 });

/** A decoded series of one publisher model, as the client library hands it over. */
export function series(
  metricLabels: Record<string, string>,
  points: Array<[number, object]>,
  {
    location = 'us-east5',
    modelUserId = 'claude-sonnet-4-5',
    modelVersionId = '20250929',
    period = 60,
    unit = '1',
  } = {},
): TimeSeries {
  return {
    metric: { type: 'aiplatform.googleapis.com/publisher/online_serving/x', labels: metricLabels },
    resource: {
      type: 'aiplatform.googleapis.com/PublisherModel',
      labels: { location, model_user_id: modelUserId, model_version_id: modelVersionId },
    },
    unit,
    points: points.map(([bucketStart, value]) => ({
      interval: { startTime: timestamp(bucketStart), endTime: timestamp(bucketStart + period) },
      value,
    })),
  };
}

export const count = (value: number) => ({ int64Value: String(value) });

export function distribution(bounds: number[], bucketCounts: number[]) {
  return {
    distributionValue: {
      count: String(bucketCounts.reduce((sum, one) => sum + one, 0)),
      bucketOptions: { explicitBuckets: { bounds } },
      bucketCounts: bucketCounts.map(String),
    },
  };
}

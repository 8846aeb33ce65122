import { type MetricPoint, SECONDS_PER_DAY } from '../../../core/facts.js';
import type { StreamSummary } from '../../collector.js';
import { type MetricRequest, readMetricData } from './read-metric-data.js';
import type { RegionContext } from './region-context.js';
import { retainedPass } from './retained-pass.js';
import { periodSegments } from './retention.js';

const MINUTE = 60;
/** Datapoints held per page before it is written, whatever the number of models. */
const POINTS_PER_PAGE = 200_000;
const MAX_BUCKETS_PER_PAGE = 1_440;

/** The signals read per ModelId: quota usage, throttles, errors, calls, latency and TTFT. */
export const METRIC_STATS = [
  { metricName: 'EstimatedTPMQuotaUsage', stat: 'Sum', fine: true },
  { metricName: 'InvocationThrottles', stat: 'Sum', fine: true },
  { metricName: 'InvocationClientErrors', stat: 'Sum' },
  { metricName: 'InvocationServerErrors', stat: 'Sum' },
  { metricName: 'Invocations', stat: 'Sum' },
  { metricName: 'InvocationLatency', stat: 'Average' },
  { metricName: 'InvocationLatency', stat: 'p90' },
  { metricName: 'TimeToFirstToken', stat: 'p50' },
  { metricName: 'TimeToFirstToken', stat: 'p90' },
] as const;

export interface MetricsStreamOptions {
  /** Minutes every pass re-reads, because CloudWatch fills the last minutes in late. */
  metricsLookbackMinutes: number;
  /** How far back the first pass reads. */
  metricsBackfillDays: number;
}

/**
 * Stream `metrics:<region>`: per-minute points of every ModelId from the earlier of the cursor and
 * `now - metricsLookbackMinutes` (a gap after downtime is filled, late minutes are re-read).
 * Backfills older than CloudWatch's minute retention read 5-minute, then hourly periods. The cursor
 * never passes the start of the current minute; a period without data gives no point.
 */
export async function collectMetricsStream(
  { client, region, request, models, maxQueriesPerCall }: RegionContext,
  { metricsLookbackMinutes, metricsBackfillDays }: MetricsStreamOptions,
): Promise<StreamSummary> {
  const stream = `metrics:${region}`;
  const { now, sink } = request;
  const pass = retainedPass(request, stream, {
    bucketSeconds: MINUTE,
    repollSeconds: metricsLookbackMinutes * MINUTE,
    backfillSeconds: metricsBackfillDays * SECONDS_PER_DAY,
  });
  const perModel = models.flatMap(({ modelId }) =>
    METRIC_STATS.map(({ metricName, stat, ...rest }) => ({
      modelId,
      metricName,
      stat,
      fine: 'fine' in rest,
    })),
  );
  const bucketsPerPage = Math.max(
    1,
    Math.min(MAX_BUCKETS_PER_PAGE, Math.floor(POINTS_PER_PAGE / Math.max(1, perModel.length))),
  );
  for (const segment of periodSegments(pass.start, pass.end, now)) {
    const requests: MetricRequest[] = perModel.map(({ fine, ...one }) => ({
      ...one,
      period: fine ? segment.finePeriod : segment.period,
    }));
    // Pages hold whole buckets of the coarser period, counted in the finer one.
    const pageSeconds = Math.max(
      segment.period,
      Math.floor((bucketsPerPage * segment.finePeriod) / segment.period) * segment.period,
    );
    for (let pageStart = segment.start; pageStart < segment.end; pageStart += pageSeconds) {
      const pageEnd = Math.min(pageStart + pageSeconds, segment.end);
      const points: MetricPoint[] = [];
      if (requests.length > 0) {
        const read = await readMetricData(client, {
          region,
          requests,
          start: pageStart,
          end: pageEnd,
          maxQueriesPerCall,
        });
        requests.forEach(({ modelId, metricName, stat, period }, index) => {
          for (const [bucketStart, value] of read[index] ?? []) {
            points.push({
              region,
              model: modelId,
              metric: metricName,
              stat,
              bucketStart,
              bucketSeconds: period,
              value,
            });
          }
        });
      }
      pass.writePage(pageEnd, points.length, (cursor) =>
        sink.writeMetrics('bedrock', { stream, points, cursor }),
      );
    }
  }
  return pass.summary;
}

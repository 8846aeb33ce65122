import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { discoverModelSeries } from './discover-model-series.js';
import { collectMetricsStream } from './metrics-stream.js';
import { MAX_QUERIES_PER_CALL } from './read-metric-data.js';
import type { ResolvedModel } from './region-context.js';
import { collectUsageStream } from './usage-stream.js';

export type { ResolvedModel } from './region-context.js';

/** What one region's CloudWatch read needs; times come from `request` (UTC epoch seconds). */
export interface CloudWatchRegionOptions {
  client: CloudWatchClient;
  region: string;
  /** Stamped on usage facts as `accountId` when known. */
  accountId?: string;
  request: CollectRequest;
  /** Maps a CloudWatch `ModelId` (model id, system profile id, application profile ARN) to fact dimensions. */
  resolveModelId: (modelId: string) => ResolvedModel;
  /** How far back the first pass of `usage:<region>` reads. */
  backfillDays: number;
  /** Hours of usage every pass re-reads. */
  usageRepollHours: number;
  /** Minutes of metric points every pass re-reads. */
  metricsLookbackMinutes: number;
  /** How far back the first pass of `metrics:<region>` reads (default 1 day; `request.since` reads further). */
  metricsBackfillDays?: number;
  /** Queries per GetMetricData call, at most CloudWatch's 500. */
  maxQueriesPerCall?: number;
  /** Called as each stream completes, so a later failure still reports what was stored. */
  onStreamDone?: (summary: StreamSummary) => void;
  /** Called with the region's ModelIds once ListMetrics has found them (quotas are read for these). */
  onModelsFound?: (modelIds: string[]) => void;
}

/**
 * Reads Bedrock's CloudWatch metrics of one region into the sink: hourly usage facts
 * (`usage:<region>`) and minute metric points (`metrics:<region>`), after discovering the
 * region's ModelIds with ListMetrics. Throws `AiSpendError` (`provider_auth`,
 * `provider_rate_limited`, `provider_unavailable`, `provider_schema`); pages written before a
 * failure stay stored with their cursor.
 */
export async function collectCloudWatchRegion({
  client,
  region,
  accountId,
  request,
  resolveModelId,
  backfillDays,
  usageRepollHours,
  metricsLookbackMinutes,
  metricsBackfillDays = 1,
  maxQueriesPerCall = MAX_QUERIES_PER_CALL,
  onStreamDone,
  onModelsFound,
}: CloudWatchRegionOptions): Promise<StreamSummary[]> {
  const models = await discoverModelSeries(client, region);
  onModelsFound?.(models.map((series) => series.modelId));
  const context = { client, region, accountId, request, models, maxQueriesPerCall };
  const usage = await collectUsageStream(context, { resolveModelId, backfillDays, usageRepollHours });
  onStreamDone?.(usage);
  const metrics = await collectMetricsStream(context, { metricsLookbackMinutes, metricsBackfillDays });
  onStreamDone?.(metrics);
  return [usage, metrics];
}

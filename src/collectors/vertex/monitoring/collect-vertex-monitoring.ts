import type { MetricServiceClient } from '@google-cloud/monitoring';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { collectMetricsStreams } from './metrics-stream.js';
import { collectUsageStreams } from './usage-stream.js';

/** What the Vertex AI Cloud Monitoring read needs. */
export interface VertexMonitoringContext {
  client: MetricServiceClient;
  /** GCP project ids whose publisher-model metrics are read (`sources.vertex.projects`). */
  projects: string[];
  /** How far back the first pass of `usage:<project>` reads, in days (at most the 6-week retention). */
  backfillDays: number;
  /**
   * Minutes every pass re-reads before its cursor: Cloud Monitoring shows a minute up to a few
   * minutes late, and the hour holding that minute is read again whole.
   */
  lookbackMinutes: number;
  /** How far back the first pass of `metrics:<project>` reads, in days (default 1; `request.since` reads further). */
  metricsBackfillDays?: number;
  /** Series per `timeSeries.list` page (default 1,000; the API allows 100,000). */
  pageSize?: number;
  /** Called as each stream completes, so a later failure still reports what was stored. */
  onStreamDone?: (summary: StreamSummary) => void;
}

/**
 * Reads Vertex AI's publisher-model metrics from Cloud Monitoring into the sink: hourly usage
 * facts (`usage:<project>`) and per-minute metric points (`metrics:<project>`). Throws
 * `AiSpendError` (`provider_auth` naming roles/monitoring.viewer and `sources.vertex.projects`,
 * `provider_rate_limited`, `provider_unavailable`, `provider_schema` with the JSON path); pages
 * written before a failure stay stored with their cursors.
 *
 * Partner-model quotas are not read here: their limits live in the Cloud Quotas API (no client is
 * installed) and their usage in `serviceruntime.googleapis.com/quota/*` series of `consumer_quota`,
 * whose quota metric names and model dimension for Vertex partner models are unconfirmed.
 */
export async function collectVertexMonitoring(
  context: VertexMonitoringContext,
  request: CollectRequest,
): Promise<StreamSummary[]> {
  const { client, backfillDays, lookbackMinutes, metricsBackfillDays = 1, pageSize = 1_000 } = context;
  const projects = [...new Set(context.projects)];
  if (projects.length === 0) return [];
  const usage = await collectUsageStreams(
    { client, projects, backfillDays, lookbackMinutes, pageSize },
    request,
  );
  for (const summary of usage) context.onStreamDone?.(summary);
  const metrics = await collectMetricsStreams(
    { client, projects, metricsBackfillDays, lookbackMinutes, pageSize },
    request,
  );
  for (const summary of metrics) context.onStreamDone?.(summary);
  return [...usage, ...metrics];
}

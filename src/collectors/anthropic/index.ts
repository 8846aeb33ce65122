import { isAiSpendError } from '../../core/errors.js';
import { type BilledFact, SECONDS_PER_DAY, SECONDS_PER_HOUR, type UsageFact } from '../../core/facts.js';
import type { Collector, StreamSummary } from '../collector.js';
import { createAnthropicReportClient } from './client.js';
import { collectReportStream, type ReportStream } from './collect-report-stream.js';
import { mapCostPage, mapUsagePage } from './map.js';

export interface AnthropicCollectorOptions {
  /** An Admin API key (`sk-ant-admin01-…`), from `ANTHROPIC_ADMIN_API_KEY`. */
  apiKey: string;
  /** Defaults to `ANTHROPIC_BASE_URL`, then `https://api.anthropic.com`. */
  baseUrl?: string;
  /** How far back the first pass of a stream reads. */
  backfillDays?: number;
  /** Hours of usage every pass re-reads (Anthropic fills an hour in over a few minutes). */
  usageRepollHours?: number;
  /** Days of cost every pass re-reads; older days are stored as final. */
  costRepollDays?: number;
  /** Retries per request on 408/409/429/5xx and connection errors, honouring `retry-after`. */
  maxRetries?: number;
  timeoutMs?: number;
  /** Buckets per page: hours of usage (at most 168) and days of cost (at most 31). */
  pageLimit?: { usage?: number; cost?: number };
}

const USAGE_GROUP_BY = [
  'api_key_id',
  'workspace_id',
  'model',
  'service_tier',
  'context_window',
  'inference_geo',
];

/**
 * Collects the `usage` (hourly tokens) and `cost` (daily billed amounts) streams from Anthropic's
 * legacy Usage & Cost Admin API. Never throws for provider trouble: the result carries the code.
 */
export function createAnthropicCollector({
  apiKey,
  baseUrl,
  backfillDays = 30,
  usageRepollHours = 6,
  costRepollDays = 2,
  maxRetries = 4,
  timeoutMs = 30_000,
  pageLimit = {},
}: AnthropicCollectorOptions): Collector {
  const client = createAnthropicReportClient({ apiKey, baseUrl, maxRetries, timeoutMs });
  const { usage: usagePageLimit = 168, cost: costPageLimit = 31 } = pageLimit;
  const usage: ReportStream<UsageFact> = {
    stream: 'usage',
    path: '/v1/organizations/usage_report/messages',
    bucketSeconds: SECONDS_PER_HOUR,
    query: { bucket_width: '1h', limit: usagePageLimit, group_by: USAGE_GROUP_BY },
    repollSeconds: usageRepollHours * SECONDS_PER_HOUR,
    map: (json) => mapUsagePage(json, { bucketSeconds: SECONDS_PER_HOUR }),
    write: (sink, page) =>
      sink.writeUsage('anthropic', { stream: 'usage', bucketSeconds: SECONDS_PER_HOUR, ...page }),
  };
  const costStream = (now: number): ReportStream<BilledFact> => ({
    stream: 'cost',
    path: '/v1/organizations/cost_report',
    bucketSeconds: SECONDS_PER_DAY,
    query: { bucket_width: '1d', limit: costPageLimit, group_by: ['workspace_id', 'description'] },
    repollSeconds: costRepollDays * SECONDS_PER_DAY,
    map: (json) => mapCostPage(json, { finalBefore: now - costRepollDays * SECONDS_PER_DAY }),
    write: (sink, { buckets, facts, cursor }) =>
      sink.writeBilled('anthropic', { stream: 'cost', days: buckets, facts, cursor }),
  });
  const backfillSeconds = backfillDays * SECONDS_PER_DAY;

  return {
    source: 'anthropic',
    async collect(request) {
      const streams: StreamSummary[] = [];
      try {
        streams.push(await collectReportStream(client, usage, request, backfillSeconds));
        streams.push(await collectReportStream(client, costStream(request.now), request, backfillSeconds));
        return { source: 'anthropic', ok: true, streams };
      } catch (error) {
        if (!isAiSpendError(error)) throw error;
        const { code, message, hint } = error;
        return { source: 'anthropic', ok: false, code, message, ...(hint ? { hint } : {}), streams };
      }
    },
  };
}

import { isAiSpendError } from '../../core/errors.js';
import { type BilledFact, SECONDS_PER_DAY, SECONDS_PER_HOUR, type UsageFact } from '../../core/facts.js';
import type { Collector, StreamSummary } from '../collector.js';
import { collectStream, type PagedStream, type StreamPage, type StreamWindow } from '../paged-stream.js';
import { createAnthropicReportClient, type ReportQuery } from './client.js';
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
  const fetchReport = async <F>(
    path: string,
    query: ReportQuery,
    window: StreamWindow,
    page: string | undefined,
    map: (json: unknown) => StreamPage<F>,
  ) =>
    map(
      await client.getReport(path, {
        ...query,
        starting_at: rfc3339(window.start),
        ending_at: rfc3339(window.end),
        page,
      }),
    );
  const usage: PagedStream<UsageFact> = {
    stream: 'usage',
    bucketSeconds: SECONDS_PER_HOUR,
    repollSeconds: usageRepollHours * SECONDS_PER_HOUR,
    fetchPage: (window, page) =>
      fetchReport(
        '/v1/organizations/usage_report/messages',
        { bucket_width: '1h', limit: usagePageLimit, group_by: USAGE_GROUP_BY },
        window,
        page,
        (json) => mapUsagePage(json, { bucketSeconds: SECONDS_PER_HOUR }),
      ),
    writePage: (sink, page) =>
      sink.writeUsage('anthropic', { stream: 'usage', bucketSeconds: SECONDS_PER_HOUR, ...page }),
  };
  const costStream = (now: number): PagedStream<BilledFact> => ({
    stream: 'cost',
    bucketSeconds: SECONDS_PER_DAY,
    repollSeconds: costRepollDays * SECONDS_PER_DAY,
    fetchPage: (window, page) =>
      fetchReport(
        '/v1/organizations/cost_report',
        { bucket_width: '1d', limit: costPageLimit, group_by: ['workspace_id', 'description'] },
        window,
        page,
        (json) => mapCostPage(json, { finalBefore: now - costRepollDays * SECONDS_PER_DAY }),
      ),
    writePage: (sink, { buckets, facts, cursor }) =>
      sink.writeBilled('anthropic', { stream: 'cost', days: buckets, facts, cursor }),
  });
  const backfillSeconds = backfillDays * SECONDS_PER_DAY;

  return {
    source: 'anthropic',
    async collect(request) {
      const streams: StreamSummary[] = [];
      try {
        streams.push(await collectStream('anthropic', usage, request, { backfillSeconds }));
        streams.push(await collectStream('anthropic', costStream(request.now), request, { backfillSeconds }));
        return { source: 'anthropic', ok: true, streams };
      } catch (error) {
        if (!isAiSpendError(error)) throw error;
        const { code, message, hint } = error;
        return { source: 'anthropic', ok: false, code, message, ...(hint ? { hint } : {}), streams };
      }
    },
  };
}

function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

import { type BilledFact, SECONDS_PER_DAY, SECONDS_PER_HOUR, type UsageFact } from '../../core/facts.js';
import type { Collector, CollectRequest, CollectResult, StreamSummary } from '../collector.js';
import { collectStream, type PagedStream } from '../paged-stream.js';
import { classifyOpenAiError } from './classify-error.js';
import { createOpenAiAdminClient, type OpenAiAdminClient } from './client.js';
import { mapCostPage, mapUsagePage } from './map.js';

export interface OpenAiCollectorOptions {
  /** An organization Admin key (`sk-admin-…`), from `OPENAI_ADMIN_KEY`. */
  adminKey: string;
  /** Including `/v1`, from `OPENAI_BASE_URL`; the SDK's default when absent. */
  baseUrl?: string;
  /** How far back the first run reads. */
  backfillDays?: number;
  /** Hours of usage re-read on every run, since OpenAI fills recent hours late. */
  usageRepollHours?: number;
  /** Days of costs re-read on every run; older days are marked final. */
  costRepollDays?: number;
  maxRetries?: number;
  timeoutMs?: number;
  /** Buckets per request; capped at OpenAI's maximum (168 hours, 180 days). */
  pageLimit?: number;
}

const USAGE_GROUP_BY = ['project_id', 'api_key_id', 'model', 'batch', 'service_tier'] as const;
const COSTS_GROUP_BY = ['project_id', 'line_item'] as const;
const MAX_HOURS_PER_PAGE = 168;
const MAX_DAYS_PER_PAGE = 180;

/** Reads OpenAI's hourly completions usage (stream `usage`) and daily costs (stream `cost`). */
export function createOpenAiCollector({
  adminKey,
  baseUrl,
  backfillDays = 30,
  usageRepollHours = 6,
  costRepollDays = 2,
  maxRetries = 4,
  timeoutMs = 30_000,
  pageLimit,
}: OpenAiCollectorOptions): Collector {
  const backfillSeconds = backfillDays * SECONDS_PER_DAY;

  const usageStream = (client: OpenAiAdminClient): PagedStream<UsageFact> => ({
    stream: 'usage',
    bucketSeconds: SECONDS_PER_HOUR,
    repollSeconds: usageRepollHours * SECONDS_PER_HOUR,
    fetchPage: async (window, page) =>
      mapUsagePage(
        await client.completionsUsage({
          start_time: window.start,
          end_time: window.end,
          bucket_width: '1h',
          group_by: [...USAGE_GROUP_BY],
          limit: Math.min(pageLimit ?? MAX_HOURS_PER_PAGE, MAX_HOURS_PER_PAGE),
          ...(page === undefined ? {} : { page }),
        }),
        { bucketSeconds: SECONDS_PER_HOUR },
      ),
    writePage: (sink, page) =>
      sink.writeUsage('openai', { stream: 'usage', bucketSeconds: SECONDS_PER_HOUR, ...page }),
  });

  const costStream = (client: OpenAiAdminClient, request: CollectRequest): PagedStream<BilledFact> => ({
    stream: 'cost',
    bucketSeconds: SECONDS_PER_DAY,
    repollSeconds: costRepollDays * SECONDS_PER_DAY,
    fetchPage: async (window, page) =>
      mapCostPage(
        await client.costs({
          start_time: window.start,
          end_time: window.end,
          bucket_width: '1d',
          group_by: [...COSTS_GROUP_BY],
          limit: Math.min(pageLimit ?? MAX_DAYS_PER_PAGE, MAX_DAYS_PER_PAGE),
          ...(page === undefined ? {} : { page }),
        }),
        { now: request.now, costRepollDays },
      ),
    writePage: (sink, { buckets, facts, cursor }) =>
      sink.writeBilled('openai', { stream: 'cost', days: buckets, facts, cursor }),
  });

  return {
    source: 'openai',
    async collect(request: CollectRequest): Promise<CollectResult> {
      const streams: StreamSummary[] = [];
      try {
        const client = createOpenAiAdminClient({ adminKey, baseUrl, maxRetries, timeoutMs });
        streams.push(await collectStream('openai', usageStream(client), request, { backfillSeconds }));
        streams.push(
          await collectStream('openai', costStream(client, request), request, { backfillSeconds }),
        );
        return { source: 'openai', ok: true, streams };
      } catch (error) {
        const failure = classifyOpenAiError(error, { maxRetries });
        return {
          source: 'openai',
          ok: false,
          code: failure.code,
          message: failure.message,
          ...(failure.hint === undefined ? {} : { hint: failure.hint }),
          streams,
        };
      }
    },
  };
}

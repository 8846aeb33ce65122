import type { MonitorClient } from '@azure/arm-monitor';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, type UsageFact } from '../../../core/facts.js';
import { isoTime } from '../../../core/period.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { collectStream, type PagedStream } from '../../paged-stream.js';
import { classifyAzureError } from '../classify-azure-error.js';
import type { ResourceFacts } from '../cost/map-cost-rows.js';
import { parseResourceId } from '../resource-id.js';
import { mapMetricsResponse } from './map-metrics-response.js';

/** The hourly usage stream of every account. */
export const USAGE_STREAM = 'usage';

const METRICS = ['ProcessedPromptTokens', 'GeneratedTokens', 'AzureOpenAIRequests'];

export interface AzureMonitorContext {
  client: MonitorClient;
  /** Cognitive Services accounts (lower-cased ARM ids) with their location and tags. */
  accounts: ReadonlyMap<string, ResourceFacts>;
  backfillDays: number;
  /** Hours before the cursor re-read on every pass: metrics arrive a few minutes late. */
  lookbackHours: number;
}

/**
 * Reads hourly prompt and generated tokens and requests per deployment of every account from
 * Azure Monitor into usage facts; each page is a day of hours for all accounts together, replacing
 * those hours. Throws `AiSpendError`.
 */
export async function collectAzureMonitor(
  context: AzureMonitorContext,
  request: CollectRequest,
): Promise<StreamSummary> {
  const accounts = [...context.accounts.keys()].sort();
  const spec: PagedStream<UsageFact> = {
    stream: USAGE_STREAM,
    bucketSeconds: SECONDS_PER_HOUR,
    repollSeconds: context.lookbackHours * SECONDS_PER_HOUR,
    fetchPage: async (window, page) => {
      const start = page === undefined ? window.start : Number(page);
      const end = Math.min(window.end, start + SECONDS_PER_DAY);
      const facts: UsageFact[] = [];
      for (const id of accounts) {
        const response = await context.client.metrics
          .list(id.replace(/^\//, ''), {
            timespan: `${isoTime(start)}/${isoTime(end)}`,
            interval: 'PT1H',
            metricnames: METRICS.join(','),
            aggregation: 'Total',
            metricnamespace: 'Microsoft.CognitiveServices/accounts',
            filter: "ModelDeploymentName eq '*' and ModelName eq '*'",
            top: 1000,
          })
          .catch((error: unknown) => {
            throw classifyAzureError(error, 'monitor', id);
          });
        facts.push(...usageFacts(id, context.accounts.get(id), response, { start, end }));
      }
      const buckets: number[] = [];
      for (let hour = start; hour < end; hour += SECONDS_PER_HOUR) buckets.push(hour);
      return { buckets, facts, nextPage: end < window.end ? String(end) : null };
    },
    writePage: (sink, { buckets, facts, cursor }) =>
      sink.writeUsage('azure', {
        stream: USAGE_STREAM,
        buckets,
        bucketSeconds: SECONDS_PER_HOUR,
        facts,
        cursor,
      }),
  };
  return collectStream('azure', spec, request, { backfillSeconds: context.backfillDays * SECONDS_PER_DAY });
}

function usageFacts(
  id: string,
  account: ResourceFacts | undefined,
  response: unknown,
  hours: { start: number; end: number },
): UsageFact[] {
  const { region, series } = mapMetricsResponse(response, id);
  const resource = parseResourceId(id);
  const facts: UsageFact[] = [];
  for (const entry of series) {
    const read = (metric: string, hour: number): number => entry.totals.get(metric)?.get(hour) ?? 0;
    const where = account?.region ?? region;
    for (let hour = hours.start; hour < hours.end; hour += SECONDS_PER_HOUR) {
      const input = read('ProcessedPromptTokens', hour);
      const output = read('GeneratedTokens', hour);
      const requests = read('AzureOpenAIRequests', hour);
      if (input === 0 && output === 0 && requests === 0) continue;
      facts.push({
        dims: {
          source: 'azure',
          ...(resource ? { accountId: resource.subscriptionId } : {}),
          ...(resource?.resourceGroup ? { projectId: resource.resourceGroup } : {}),
          ...(entry.deployment ? { deployment: entry.deployment } : {}),
          ...(entry.model ? { model: entry.model } : {}),
          ...(where ? { region: where } : {}),
          ...(account && Object.keys(account.tags).length > 0 ? { tags: { ...account.tags } } : {}),
          billingScope: `azure|${id}`,
        },
        bucketStart: hour,
        bucketSeconds: SECONDS_PER_HOUR,
        tokens: { uncachedInput: input, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output },
        requests,
      });
    }
  }
  return facts;
}

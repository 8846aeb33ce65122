import type { MonitorClient } from '@azure/arm-monitor';
import { type MetricPoint, SECONDS_PER_DAY } from '../../../core/facts.js';
import { isoTime } from '../../../core/period.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { collectStream, type PagedStream } from '../../paged-stream.js';
import { classifyAzureError } from '../classify-azure-error.js';
import type { ResourceFacts } from '../cost/map-cost-rows.js';
import { type MonitorAggregation, mapMetricsResponse } from './map-metrics-response.js';
import { signalPoints } from './signal-points.js';

/** The per-minute signals stream of every account. */
export const SIGNALS_STREAM = 'signals';

const MINUTE = 60;
/** Latency rules read 8 days of history; older minutes are not backfilled. */
const SIGNALS_BACKFILL_DAYS = 8;
/** Azure Monitor shows a minute a few minutes late: every pass re-reads this many. */
const LOOKBACK_MINUTES = 15;

/** Calls split by HTTP status (429s are throttles). */
const CALLS = { metrics: ['AzureOpenAIRequests'], aggregation: 'total', byStatus: true } as const;
/**
 * Latency and provisioned utilisation, all averages. Time to Response is emitted for provisioned
 * deployments only; Standard ones emit the normalised time to first byte instead.
 */
const AVERAGES = {
  metrics: [
    'AzureOpenAITimeToResponse',
    'AzureOpenAINormalizedTTFTInMS',
    'AzureOpenAIProvisionedManagedUtilizationV2',
  ],
  aggregation: 'average',
  byStatus: false,
} as const;

export interface AzureSignalsContext {
  client: MonitorClient;
  /** Cognitive Services accounts (lower-cased ARM ids) with their location and tags. */
  accounts: ReadonlyMap<string, ResourceFacts>;
  backfillDays: number;
}

/**
 * Reads per-minute calls by status, first-response latency and provisioned utilisation of every
 * deployment from Azure Monitor into metric points named as Bedrock's (see `signalPoints`), a day
 * of minutes per page for all accounts together. Throws `AiSpendError`.
 */
export async function collectAzureSignals(
  context: AzureSignalsContext,
  request: CollectRequest,
): Promise<StreamSummary> {
  const accounts = [...context.accounts.keys()].sort();
  const spec: PagedStream<MetricPoint> = {
    stream: SIGNALS_STREAM,
    bucketSeconds: MINUTE,
    repollSeconds: LOOKBACK_MINUTES * MINUTE,
    fetchPage: async (window, page) => {
      const start = page === undefined ? window.start : Number(page);
      const end = Math.min(window.end, start + SECONDS_PER_DAY);
      const read = async (id: string, query: typeof CALLS | typeof AVERAGES) => {
        const response = await context.client.metrics
          .list(id.replace(/^\//, ''), {
            timespan: `${isoTime(start)}/${isoTime(end)}`,
            interval: 'PT1M',
            metricnames: query.metrics.join(','),
            aggregation: query.aggregation === 'total' ? 'Total' : 'Average',
            metricnamespace: 'Microsoft.CognitiveServices/accounts',
            filter: `ModelDeploymentName eq '*' and ModelName eq '*'${query.byStatus ? " and StatusCode eq '*'" : ''}`,
            top: 1000,
          })
          .catch((error: unknown) => {
            throw classifyAzureError(error, 'monitor', id);
          });
        return mapMetricsResponse(response, id, query.aggregation satisfies MonitorAggregation);
      };
      const accountsRead = [];
      for (const id of accounts) {
        const calls = await read(id, CALLS);
        const averages = await read(id, AVERAGES);
        const region = context.accounts.get(id)?.region ?? calls.region ?? averages.region ?? 'unknown';
        accountsRead.push({ region, series: [...calls.series, ...averages.series] });
      }
      const facts = signalPoints(accountsRead, { start, end, bucketSeconds: MINUTE });
      const buckets: number[] = [];
      for (let minute = start; minute < end; minute += MINUTE) buckets.push(minute);
      return { buckets, facts, nextPage: end < window.end ? String(end) : null };
    },
    writePage: (sink, { facts, cursor }) =>
      sink.writeMetrics('azure', { stream: SIGNALS_STREAM, points: facts, cursor }),
  };
  return collectStream('azure', spec, request, {
    backfillSeconds: Math.min(context.backfillDays, SIGNALS_BACKFILL_DAYS) * SECONDS_PER_DAY,
  });
}

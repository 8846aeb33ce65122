import type { AuthClient } from 'google-auth-library';
import type { AiSpendError } from '../../core/errors.js';
import { collectResult, failureAt } from '../collect-result.js';
import type { Collector, CollectResult, StreamSummary } from '../collector.js';
import { createBigQueryClient } from './billing/client.js';
import { collectVertexBilling } from './billing/collect-vertex-billing.js';
import { createMonitoringClient } from './monitoring/client.js';
import { collectVertexMonitoring } from './monitoring/collect-vertex-monitoring.js';
import { createCloudQuotasClient } from './quotas/client.js';
import { collectVertexQuotas } from './quotas/collect-vertex-quotas.js';

export interface VertexCollectorOptions {
  /** `sources.vertex.billing_table`: `project.dataset.table` of the Cloud Billing export. */
  billingTable: string;
  /** `sources.vertex.projects`: projects whose Vertex AI metrics are read. */
  projects: readonly string[];
  restateDays: number;
  backfillDays: number;
  /** The project query jobs run in (default: the billing table's). */
  jobProject?: string;
  /** Credentials; Google application default credentials when absent. */
  authClient?: AuthClient;
  endpoints?: { bigquery?: string; monitoring?: string; quotas?: string };
  /** Retries of rate limits and 5xx by the SDKs. */
  maxRetries?: number;
  /** Billing queries are billed by bytes scanned: at most one per this many seconds (backfills aside). */
  minPollSeconds?: number;
}

/** Cloud Monitoring shows a minute a few minutes late: every pass re-reads this much. */
const LOOKBACK_MINUTES = 10;

/**
 * Google Vertex AI: spend from the Cloud Billing export in BigQuery (daily billed facts with the
 * request labels, net of credits), then token counts, first-token latency and 429s from Cloud
 * Monitoring per project, and hourly the input-token quotas of the models used (Cloud Quotas). Either part failing never stops the other; the result names both.
 */
export function createVertexCollector(options: VertexCollectorOptions): Collector {
  const bigquery = createBigQueryClient({
    projectId: options.jobProject ?? options.billingTable.split('.')[0] ?? '',
    ...(options.endpoints?.bigquery === undefined ? {} : { apiEndpoint: options.endpoints.bigquery }),
    ...(options.authClient === undefined ? {} : { authClient: options.authClient }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const monitoring = createMonitoringClient({
    ...(options.endpoints?.monitoring === undefined ? {} : { apiEndpoint: options.endpoints.monitoring }),
    ...(options.authClient === undefined ? {} : { authClient: options.authClient }),
  });
  const quotas = createCloudQuotasClient({
    ...(options.endpoints?.quotas === undefined ? {} : { apiEndpoint: options.endpoints.quotas }),
    ...(options.authClient === undefined ? {} : { authClient: options.authClient }),
  });
  return {
    source: 'vertex',
    async collect(request): Promise<CollectResult> {
      const streams: StreamSummary[] = [];
      const failures: AiSpendError[] = [];
      try {
        streams.push(
          await collectVertexBilling(
            {
              bigquery,
              billingTable: options.billingTable,
              restateDays: options.restateDays,
              backfillDays: options.backfillDays,
              ...(options.minPollSeconds === undefined ? {} : { minPollSeconds: options.minPollSeconds }),
            },
            request,
          ),
        );
      } catch (error) {
        failures.push(failureAt(error, 'billing export'));
      }
      try {
        await collectVertexMonitoring(
          {
            client: monitoring,
            projects: [...options.projects],
            backfillDays: options.backfillDays,
            lookbackMinutes: LOOKBACK_MINUTES,
            onStreamDone: (summary) => streams.push(summary),
          },
          request,
        );
      } catch (error) {
        failures.push(failureAt(error, 'Cloud Monitoring'));
      }
      try {
        const summary = await collectVertexQuotas(
          { quotas, monitoring, projects: options.projects },
          request,
        );
        if (summary !== undefined) streams.push(summary);
      } catch (error) {
        failures.push(failureAt(error, 'Cloud Quotas'));
      }
      return collectResult('vertex', streams, failures);
    },
  };
}

import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { AiSpendError } from '../../core/errors.js';
import { collectResult, failureAt } from '../collect-result.js';
import type { Collector, CollectResult, StreamSummary } from '../collector.js';
import { createArmClients } from './arm-clients.js';
import { collectAzureCost } from './cost/collect-azure-cost.js';
import type { ResourceFacts } from './cost/map-cost-rows.js';
import { collectAzureMonitor } from './monitor/collect-azure-monitor.js';
import { collectAzureSignals } from './monitor/collect-azure-signals.js';
import { COGNITIVE_ACCOUNT_TYPE, parseResourceId } from './resource-id.js';

export interface AzureCollectorOptions {
  /** `sources.azure.scopes`: Cost Management scopes, e.g. `subscriptions/{id}`. */
  scopes: string[];
  /** Entra ID credential; `DefaultAzureCredential` when absent. */
  credential?: TokenCredential;
  /** ARM base URL (default `https://management.azure.com`). */
  endpoint?: string;
  backfillDays: number;
  /** Days of cost re-read on every pass, because Azure restates recent days. */
  costRepollDays: number;
  /** 429s waited out per Cost Management page, and SDK retries of Azure Monitor reads. */
  maxRetries?: number;
  /** A Cost Management 429 asking for a longer wait fails the pass (default 60 s). */
  maxRetryWaitSeconds?: number;
  /** Resource tags carried by facts (default `team`, `feature`). */
  tagKeys?: string[];
  /** How a 429 wait is spent (tests). */
  sleep?: (seconds: number) => Promise<void>;
}

/** Azure Monitor shows an hour a few minutes late: every pass re-reads this many hours. */
const LOOKBACK_HOURS = 3;

/**
 * Azure OpenAI / Foundry: daily cost per resource and meter from the Cost Management Query API
 * (per scope), then hourly tokens and requests per deployment from Azure Monitor for every
 * Cognitive Services account the cost rows name, and per-minute calls by status, first-response
 * latency and provisioned utilisation (`collectAzureSignals`). A failing part never stops the others.
 */
export function createAzureCollector(options: AzureCollectorOptions): Collector {
  const credential = options.credential ?? new DefaultAzureCredential();
  const clients = createArmClients({
    credential,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const pacing = {
    maxRetries: options.maxRetries ?? 3,
    maxWaitSeconds: options.maxRetryWaitSeconds ?? 60,
    sleep:
      options.sleep ??
      ((seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000))),
  };
  return {
    source: 'azure',
    async collect(request): Promise<CollectResult> {
      const streams: StreamSummary[] = [];
      const failures: AiSpendError[] = [];
      const accounts = new Map<string, ResourceFacts>();
      for (const scope of options.scopes) {
        try {
          const pass = await collectAzureCost(
            {
              client: clients.cost,
              scope,
              backfillDays: options.backfillDays,
              costRepollDays: options.costRepollDays,
              tagKeys: options.tagKeys ?? ['team', 'feature'],
              pacing,
            },
            request,
          );
          streams.push(pass.summary);
          for (const [id, facts] of pass.resources) {
            if (parseResourceId(id)?.type === COGNITIVE_ACCOUNT_TYPE) accounts.set(id, facts);
          }
        } catch (error) {
          failures.push(failureAt(error, `Cost Management ${scope}`));
        }
      }
      // Without accounts (no cost seen, or cost failed) a usage page would erase stored hours.
      if (accounts.size > 0) {
        try {
          streams.push(
            await collectAzureMonitor(
              {
                client: clients.monitor,
                accounts,
                backfillDays: options.backfillDays,
                lookbackHours: LOOKBACK_HOURS,
              },
              request,
            ),
          );
          // Same permission, same API: signals are read once the tokens were.
          streams.push(
            await collectAzureSignals(
              { client: clients.monitor, accounts, backfillDays: options.backfillDays },
              request,
            ),
          );
        } catch (error) {
          failures.push(failureAt(error, 'Azure Monitor'));
        }
      }
      return collectResult('azure', streams, failures);
    },
  };
}

import type { CostManagementClient, QueryDefinition, QueryFilter } from '@azure/arm-costmanagement';
import { type BilledFact, SECONDS_PER_DAY } from '../../../core/facts.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { alignDown, collectStream, type PagedStream } from '../../paged-stream.js';
import { COGNITIVE_ACCOUNT_TYPE, scopeSubscription } from '../resource-id.js';
import { mapCostRows, type ResourceFacts, resourceFacts } from './map-cost-rows.js';
import { type QueryPacing, queryAllPages } from './query-all-pages.js';

/** Days per query: Cost Management answers daily queries of up to a month at once. */
const CHUNK_DAYS = 31;

/** Azure OpenAI and Foundry spend, by resource type and by the service names it was billed under. */
const AI_FILTER: QueryFilter = {
  or: [
    { dimensions: { name: 'ResourceType', operator: 'In', values: [COGNITIVE_ACCOUNT_TYPE] } },
    {
      dimensions: {
        name: 'ServiceName',
        operator: 'In',
        values: ['Azure OpenAI', 'Foundry Models', 'Cognitive Services'],
      },
    },
  ],
};

export interface AzureCostContext {
  client: CostManagementClient;
  /** One entry of `sources.azure.scopes`, e.g. `subscriptions/{id}`. */
  scope: string;
  backfillDays: number;
  /** Days before the cursor re-read on every pass: Azure restates recent days. */
  costRepollDays: number;
  /** Resource tags read as fact tags (one extra query each). */
  tagKeys: readonly string[];
  pacing: QueryPacing;
}

/** What a pass of one scope read: its summary and the resources (with location and tags) it saw. */
export interface AzureCostPass {
  summary: StreamSummary;
  resources: Map<string, ResourceFacts>;
}

/** The cost stream of a scope. */
export function costStreamName(scope: string): string {
  return `cost:${scope.replace(/^\//, '').toLowerCase()}`;
}

/**
 * Reads the daily ActualCost of the Azure OpenAI / Foundry resources of one scope into billed
 * facts, whole days at a time: every pass re-reads `costRepollDays` before its cursor and replaces
 * those days, so re-polling never double counts. Location and tags come from one query each,
 * grouped by resource. Throws `AiSpendError`.
 */
export async function collectAzureCost(
  context: AzureCostContext,
  request: CollectRequest,
): Promise<AzureCostPass> {
  const { client, pacing, tagKeys } = context;
  const scope = context.scope.replace(/^\//, '');
  const subscription = scopeSubscription(scope);
  const stream = costStreamName(scope);
  const resources = new Map<string, ResourceFacts>();
  const finalBefore = alignDown(request.now, SECONDS_PER_DAY) - context.costRepollDays * SECONDS_PER_DAY;

  const spec: PagedStream<BilledFact> = {
    stream,
    bucketSeconds: SECONDS_PER_DAY,
    repollSeconds: context.costRepollDays * SECONDS_PER_DAY,
    fetchPage: async (window, page) => {
      const start = page === undefined ? window.start : Number(page);
      const days = { start, end: Math.min(window.end, start + CHUNK_DAYS * SECONDS_PER_DAY) };
      const timePeriod = { from: new Date(days.start * 1000), to: new Date((days.end - 1) * 1000) };
      const query = (grouping: QueryDefinition['dataset']): QueryDefinition => ({
        type: 'ActualCost',
        timeframe: 'Custom',
        timePeriod,
        dataset: { aggregation: { Cost: { name: 'Cost', function: 'Sum' } }, filter: AI_FILTER, ...grouping },
      });
      const daily = await queryAllPages(
        client,
        scope,
        query({
          granularity: 'Daily',
          grouping: [
            { type: 'Dimension', name: 'ResourceId' },
            { type: 'Dimension', name: 'Meter' },
          ],
        }),
        pacing,
      );
      const byResource = (type: 'Dimension' | 'TagKey', name: string) =>
        queryAllPages(
          client,
          scope,
          query({
            grouping: [
              { type: 'Dimension', name: 'ResourceId' },
              { type, name },
            ],
          }),
          pacing,
        );
      const locations = daily.rows.length === 0 ? daily : await byResource('Dimension', 'ResourceLocation');
      const tagTables = [];
      for (const key of daily.rows.length === 0 ? [] : tagKeys) {
        tagTables.push({ key, table: await byResource('TagKey', key) });
      }
      const found = resourceFacts(locations, tagTables);
      const facts = mapCostRows(daily, found, { days, finalBefore });
      for (const fact of facts) {
        const id = fact.dims.billingScope?.slice('azure|'.length) ?? '';
        resources.set(
          id,
          found.get(id) ?? { ...(fact.dims.region ? { region: fact.dims.region } : {}), tags: {} },
        );
      }
      const buckets: number[] = [];
      for (let day = days.start; day < days.end; day += SECONDS_PER_DAY) buckets.push(day);
      return { buckets, facts, nextPage: days.end < window.end ? String(days.end) : null };
    },
    writePage: (sink, { buckets, facts, cursor }) =>
      sink.writeBilled('azure', {
        stream,
        days: buckets,
        facts,
        cursor,
        ...(subscription === undefined ? {} : { scope: { accountId: subscription } }),
      }),
  };
  const summary = await collectStream('azure', spec, request, {
    backfillSeconds: context.backfillDays * SECONDS_PER_DAY,
  });
  return { summary, resources };
}

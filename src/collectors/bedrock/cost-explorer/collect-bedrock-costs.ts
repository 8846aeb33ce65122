import {
  type CostExplorerClient,
  type Expression,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { type BilledFact, SECONDS_PER_DAY } from '../../../core/facts.js';
import { isoDay } from '../../../core/period.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { collectStream, type PagedStream, type StreamWindow } from '../../paged-stream.js';
import { bedrockCostFilter, bedrockCostGroupBy } from './bedrock-cost-filter.js';
import { classifyCostExplorerError } from './classify-cost-explorer-error.js';
import { costSchemaError } from './cost-schema-error.js';
import { mapCostResults } from './map-cost-results.js';
import { resolveMarketplaceServices } from './resolve-marketplace-services.js';

/** The stream of billed Bedrock days. */
export const COST_STREAM = 'cost';
/** Its cursor is the time of the last successful pass (UTC epoch seconds), to space out paid requests. */
export const COST_POLLED_STREAM = 'cost:polled';

export type CostMetric = 'UnblendedCost' | 'AmortizedCost' | 'NetUnblendedCost' | 'NetAmortizedCost';

export interface BedrockCostOptions {
  /** A client signing for us-east-1 (see `createCostExplorerClient`). */
  client: CostExplorerClient;
  request: CollectRequest;
  /** Activated cost allocation tags; the first is primary: costs are grouped and scoped by it. */
  tagKeys: string[];
  costMetric: CostMetric;
  /** How far back the first pass reads. */
  backfillDays: number;
  /** Days re-read on every pass, because Cost Explorer restates recent days. */
  repollDays?: number;
  /** A pass sooner than this after the last one makes no request, unless `request.since` is given. */
  minPollSeconds?: number;
  /** Days per GetCostAndUsage window: each window's pages are gathered, then written as one page. */
  chunkDays?: number;
  /**
   * How Marketplace model services are selected: `lookup` resolves their exact names with
   * GetDimensionValues (one more request per pass); `ends_with` filters SERVICE ENDS_WITH
   * "(Amazon Bedrock Edition)", and falls back to `lookup` when the service rejects the match option.
   */
  marketplaceMatch?: 'lookup' | 'ends_with';
}

/**
 * Reads Cost Explorer's daily Bedrock spend into billed facts. Every request costs $0.01, so a pass
 * is skipped within `minPollSeconds` of the last one. Cost Explorer pages over groups, not days, so
 * all pages of a window are gathered before its days are replaced. Throws `AiSpendError`.
 */
export async function collectBedrockCosts({
  client,
  request,
  tagKeys,
  costMetric,
  backfillDays,
  repollDays = 3,
  minPollSeconds = 6 * 3_600,
  chunkDays = 31,
  marketplaceMatch = 'lookup',
}: BedrockCostOptions): Promise<StreamSummary> {
  const { now, sink } = request;
  const polled = sink.cursor('bedrock', COST_POLLED_STREAM);
  if (request.since === undefined && polled !== undefined && now - polled < minPollSeconds) {
    return { stream: COST_STREAM, pages: 0, facts: 0, from: now, to: now };
  }
  const primaryTag = tagKeys[0];
  let marketplaceServices: Promise<string[]> | undefined;
  let endsWithRejected = false;
  const filter = async (window: StreamWindow): Promise<Expression> => {
    if (marketplaceMatch === 'ends_with' && !endsWithRejected) return bedrockCostFilter();
    marketplaceServices ??= resolveMarketplaceServices(client, window);
    return bedrockCostFilter(await marketplaceServices);
  };

  const readWindow = async (window: StreamWindow, days: StreamWindow) => {
    const input = {
      TimePeriod: { Start: isoDay(days.start), End: isoDay(days.end) },
      Granularity: 'DAILY' as const,
      Metrics: [costMetric],
      GroupBy: bedrockCostGroupBy(primaryTag),
    };
    try {
      return await readAllPages(client, { ...input, Filter: await filter(window) });
    } catch (error) {
      if (marketplaceMatch !== 'ends_with' || endsWithRejected || !rejectsMatchOptions(error)) throw error;
      endsWithRejected = true;
      return await readAllPages(client, { ...input, Filter: await filter(window) });
    }
  };

  const spec: PagedStream<BilledFact> = {
    stream: COST_STREAM,
    bucketSeconds: SECONDS_PER_DAY,
    repollSeconds: repollDays * SECONDS_PER_DAY,
    fetchPage: async (window, page) => {
      const start = page === undefined ? window.start : Number(page);
      const days = { start, end: Math.min(window.end, start + chunkDays * SECONDS_PER_DAY) };
      const pages = await readWindow(window, days);
      const buckets: number[] = [];
      for (let day = days.start; day < days.end; day += SECONDS_PER_DAY) buckets.push(day);
      return {
        buckets,
        facts: mapCostResults(pages, { costMetric, primaryTag, days, now, repollDays }),
        nextPage: days.end < window.end ? String(days.end) : null,
      };
    },
    writePage: (target, { buckets, facts, cursor }) =>
      target.writeBilled('bedrock', { stream: COST_STREAM, days: buckets, facts, cursor }),
  };

  try {
    const summary = await collectStream('bedrock', spec, request, {
      backfillSeconds: backfillDays * SECONDS_PER_DAY,
    });
    sink.writeBilled('bedrock', { stream: COST_POLLED_STREAM, days: [], facts: [], cursor: now });
    return summary;
  } catch (error) {
    throw classifyCostExplorerError(error);
  }
}

async function readAllPages(
  client: CostExplorerClient,
  input: GetCostAndUsageCommand['input'],
): Promise<GetCostAndUsageCommandOutput[]> {
  const pages: GetCostAndUsageCommandOutput[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  do {
    const output = await client.send(
      new GetCostAndUsageCommand({ ...input, ...(token === undefined ? {} : { NextPageToken: token }) }),
    );
    pages.push(output);
    token = output.NextPageToken || undefined;
    if (token !== undefined && tokens.has(token)) {
      throw costSchemaError('GetCostAndUsage', '$.NextPageToken', `a token it sent before (${token})`);
    }
    if (token !== undefined) tokens.add(token);
  } while (token !== undefined);
  return pages;
}

function rejectsMatchOptions(error: unknown): boolean {
  return (
    error instanceof Error && error.name === 'ValidationException' && /MatchOptions/i.test(error.message)
  );
}

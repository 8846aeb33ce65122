import { type FactDimensions, SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../../core/facts.js';
import type { StreamSummary } from '../../collector.js';
import { mapUsageFacts } from './map-usage-facts.js';
import { type MetricRequest, readMetricData } from './read-metric-data.js';
import type { RegionContext, ResolvedModel } from './region-context.js';
import { retainedPass } from './retained-pass.js';

/** Hours per page: 500 queries × 168 hours stays under CloudWatch's 100,800 datapoints per call. */
const HOURS_PER_PAGE = 168;

export interface UsageStreamOptions {
  resolveModelId: (modelId: string) => ResolvedModel;
  backfillDays: number;
  usageRepollHours: number;
}

/**
 * Stream `usage:<region>`: hourly token and invocation Sums of every ModelId, a week per page,
 * each page replacing its hours as a whole and moving the cursor (never past the current hour).
 */
export async function collectUsageStream(
  { client, region, accountId, request, models, maxQueriesPerCall }: RegionContext,
  { resolveModelId, backfillDays, usageRepollHours }: UsageStreamOptions,
): Promise<StreamSummary> {
  const stream = `usage:${region}`;
  const pass = retainedPass(request, stream, {
    bucketSeconds: SECONDS_PER_HOUR,
    repollSeconds: usageRepollHours * SECONDS_PER_HOUR,
    backfillSeconds: backfillDays * SECONDS_PER_DAY,
  });
  const dims = models.map(({ modelId }) => usageDimensions(region, accountId, resolveModelId(modelId)));
  const requests = models.flatMap(({ modelId, cacheReadMetric, cacheWriteMetric }) =>
    [
      'InputTokenCount',
      'OutputTokenCount',
      'Invocations',
      ...(cacheReadMetric === undefined ? [] : [cacheReadMetric]),
      ...(cacheWriteMetric === undefined ? [] : [cacheWriteMetric]),
    ].map((metricName): MetricRequest => ({ modelId, metricName, stat: 'Sum', period: SECONDS_PER_HOUR })),
  );
  const indexOf = new Map(requests.map((one, index) => [`${one.metricName} ${one.modelId}`, index]));
  for (let pageStart = pass.start; pageStart < pass.end; pageStart += HOURS_PER_PAGE * SECONDS_PER_HOUR) {
    const pageEnd = Math.min(pageStart + HOURS_PER_PAGE * SECONDS_PER_HOUR, pass.end);
    const points =
      requests.length === 0
        ? []
        : await readMetricData(client, {
            region,
            requests,
            start: pageStart,
            end: pageEnd,
            maxQueriesPerCall,
          });
    const pointsOf = (modelId: string, metricName: string | undefined) =>
      points[indexOf.get(`${metricName} ${modelId}`) ?? -1];
    const buckets: number[] = [];
    for (let bucket = pageStart; bucket < pageEnd; bucket += SECONDS_PER_HOUR) buckets.push(bucket);
    const facts = mapUsageFacts(
      models.map(({ modelId, cacheReadMetric, cacheWriteMetric }, index) => ({
        modelId,
        dims: dims[index] ?? { source: 'bedrock' },
        inputTokens: pointsOf(modelId, 'InputTokenCount') ?? new Map(),
        outputTokens: pointsOf(modelId, 'OutputTokenCount') ?? new Map(),
        invocations: pointsOf(modelId, 'Invocations') ?? new Map(),
        cacheReadTokens: pointsOf(modelId, cacheReadMetric),
        cacheWriteTokens: pointsOf(modelId, cacheWriteMetric),
      })),
      { buckets, bucketSeconds: SECONDS_PER_HOUR, region },
    );
    pass.writePage(pageEnd, facts.length, (cursor) =>
      request.sink.writeUsage('bedrock', {
        stream,
        buckets,
        bucketSeconds: SECONDS_PER_HOUR,
        facts,
        cursor,
        scope: { region },
      }),
    );
  }
  return pass.summary;
}

function usageDimensions(
  region: string,
  accountId: string | undefined,
  resolved: ResolvedModel,
): FactDimensions {
  const dims: FactDimensions = { source: 'bedrock', region, model: resolved.model };
  if (accountId !== undefined) dims.accountId = accountId;
  if (resolved.inferenceProfile !== undefined) dims.inferenceProfile = resolved.inferenceProfile;
  if (resolved.tags !== undefined && Object.keys(resolved.tags).length > 0) dims.tags = { ...resolved.tags };
  if (resolved.billingScope !== undefined) dims.billingScope = resolved.billingScope;
  return dims;
}

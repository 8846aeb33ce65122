import { AiSpendError } from '../../../core/errors.js';
import type { FactDimensions, TokenCounts, UsageFact } from '../../../core/facts.js';
import { CLOUDWATCH, endpointHint } from '../aws-service.js';

/** The hourly sums read for one `ModelId`, by bucket start; a missing metric has no map. */
export interface ModelUsagePoints {
  modelId: string;
  dims: FactDimensions;
  inputTokens: Map<number, number>;
  outputTokens: Map<number, number>;
  cacheReadTokens?: Map<number, number>;
  cacheWriteTokens?: Map<number, number>;
  invocations: Map<number, number>;
}

/**
 * One usage fact per model and bucket with any datapoint. CloudWatch's `InputTokenCount` excludes
 * cache reads and writes, so it is the uncached input as is; Bedrock's cache writes have a
 * 5-minute lifetime. `requests` is `null` when `Invocations` had no datapoint. ModelIds resolving
 * to the same dimensions are summed into one fact.
 */
export function mapUsageFacts(
  models: ModelUsagePoints[],
  { buckets, bucketSeconds, region }: { buckets: number[]; bucketSeconds: number; region: string },
): UsageFact[] {
  const facts = new Map<string, UsageFact>();
  for (const bucketStart of buckets) {
    for (const points of models) {
      const read = (byTime: Map<number, number> | undefined, metric: string) =>
        count(byTime?.get(bucketStart), { metric, modelId: points.modelId, bucketStart, region });
      const tokens: TokenCounts = {
        uncachedInput: read(points.inputTokens, 'InputTokenCount') ?? 0,
        cacheWrite5m: read(points.cacheWriteTokens, 'cache write') ?? 0,
        cacheWrite1h: 0,
        cacheRead: read(points.cacheReadTokens, 'cache read') ?? 0,
        output: read(points.outputTokens, 'OutputTokenCount') ?? 0,
      };
      const requests = read(points.invocations, 'Invocations');
      const seen = [points.inputTokens, points.outputTokens, points.cacheReadTokens, points.cacheWriteTokens];
      if (requests === null && !seen.some((byTime) => byTime?.has(bucketStart))) continue;
      const key = JSON.stringify([
        bucketStart,
        Object.entries(points.dims).sort(([a], [b]) => (a < b ? -1 : 1)),
      ]);
      const fact = facts.get(key);
      if (fact === undefined) {
        facts.set(key, { dims: points.dims, bucketStart, bucketSeconds, tokens, requests });
        continue;
      }
      fact.tokens = {
        uncachedInput: fact.tokens.uncachedInput + tokens.uncachedInput,
        cacheWrite5m: fact.tokens.cacheWrite5m + tokens.cacheWrite5m,
        cacheWrite1h: 0,
        cacheRead: fact.tokens.cacheRead + tokens.cacheRead,
        output: fact.tokens.output + tokens.output,
      };
      fact.requests =
        fact.requests === null && requests === null ? null : (fact.requests ?? 0) + (requests ?? 0);
    }
  }
  return [...facts.values()];
}

/** A `Sum` of a count metric as an integer; `null` when there is no datapoint. */
function count(
  value: number | undefined,
  where: { metric: string; modelId: string; bucketStart: number; region: string },
): number | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || value < 0) {
    throw new AiSpendError(
      'provider_schema',
      `CloudWatch ${where.metric} Sum of ${where.modelId} in ${where.region} at ${where.bucketStart} is ${value}`,
      { hint: endpointHint(CLOUDWATCH, where.region) },
    );
  }
  return Math.round(value);
}

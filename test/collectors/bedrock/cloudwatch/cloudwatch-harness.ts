import {
  type CloudWatchRegionOptions,
  collectCloudWatchRegion,
} from '../../../../src/collectors/bedrock/cloudwatch/collect-cloudwatch-region.js';
import type { CollectProgress } from '../../../../src/collectors/collector.js';
import type { MetricPoint, UsageFact } from '../../../../src/core/facts.js';
import type { CloudWatchSimulator } from '../../../../src/sim/aws/cloudwatch/server.js';
import type {
  BedrockPeriodStats,
  BedrockScenario,
  BedrockSeries,
} from '../../../../src/sim/scenario-types.js';
import { cloudWatchClient, sims, start } from '../../../sim/aws/cloudwatch/sim-harness.js';
import {
  ACCOUNT_ID,
  HOUR,
  MINUTE,
  NOW,
  PROFILE_ARN,
} from '../../../sim/aws/cloudwatch/small-bedrock-scenario.js';
import type { MemorySink } from '../../../support/memory-sink.js';

export { cloudWatchClient, sims };

export async function startSim(
  scenario: BedrockScenario,
  options: { maxDatapointsPerCall?: number; listPageSize?: number } = {},
): Promise<CloudWatchSimulator> {
  return (await start({ scenario, ...options })).sim;
}

/** The profile resolves to the model it copies, with the tags of the feature it serves. */
export function resolveModelId(modelId: string) {
  return modelId === PROFILE_ARN
    ? {
        model: 'anthropic.claude-sonnet-4-6',
        inferenceProfile: PROFILE_ARN,
        tags: { team: 'search', feature: 'ask-docs' },
        billingScope: 'team=search',
      }
    : { model: modelId };
}

export function collect(
  sim: Pick<CloudWatchSimulator, 'url'>,
  sink: MemorySink,
  options: Partial<CloudWatchRegionOptions> & {
    region?: string;
    now?: number;
    since?: number;
    onProgress?: (progress: CollectProgress) => void;
  } = {},
) {
  const { region = 'us-east-1', now = NOW, since, onProgress, ...rest } = options;
  return collectCloudWatchRegion({
    client: cloudWatchClient(sim.url, region),
    region,
    accountId: ACCOUNT_ID,
    request: { now, sink, ...(since === undefined ? {} : { since }), ...(onProgress ? { onProgress } : {}) },
    resolveModelId,
    backfillDays: 2,
    usageRepollHours: 3,
    metricsLookbackMinutes: 15,
    ...rest,
  });
}

/** What CloudWatch holds for `[start, end)` of a series: `hour()` for whole past hours, minutes otherwise. */
export function statsOver(scenario: BedrockScenario, series: BedrockSeries, start: number, end: number) {
  if (end <= NOW && start % HOUR === 0 && end - start === HOUR) return scenario.hour(series, start);
  const minutes: BedrockPeriodStats[] = [];
  for (let time = start; time < Math.min(end, NOW); time += MINUTE) {
    const stats = scenario.minute(series, time);
    if (stats !== null) minutes.push(stats);
  }
  if (minutes.length === 0) return null;
  const sum = (pick: (stats: BedrockPeriodStats) => number) =>
    minutes.reduce((total, s) => total + pick(s), 0);
  return {
    invocations: sum((s) => s.invocations),
    inputTokens: sum((s) => s.inputTokens),
    outputTokens: sum((s) => s.outputTokens),
    cacheReadTokens: sum((s) => s.cacheReadTokens),
    cacheWriteTokens: sum((s) => s.cacheWriteTokens),
  };
}

/** Hourly usage facts of `series` over `[start, end)` as the reader should store them. */
export function expectedUsage(
  scenario: BedrockScenario,
  series: BedrockSeries[],
  start: number,
  end: number,
) {
  const facts: Array<Pick<UsageFact, 'bucketStart' | 'tokens' | 'requests'> & { modelId: string }> = [];
  for (let hour = start; hour < end; hour += HOUR) {
    for (const one of series) {
      const stats = statsOver(scenario, one, hour, hour + HOUR);
      if (stats === null) continue;
      facts.push({
        modelId: one.modelId,
        bucketStart: hour,
        tokens: {
          uncachedInput: stats.inputTokens,
          cacheWrite5m: stats.cacheWriteTokens,
          cacheWrite1h: 0,
          cacheRead: stats.cacheReadTokens,
          output: stats.outputTokens,
        },
        requests: stats.invocations,
      });
    }
  }
  return facts.sort(byHourAndModel);
}

/** Stored usage facts in the shape of `expectedUsage`, the model told apart by profile or model id. */
export function storedUsage(sink: MemorySink) {
  return [...sink.usage.values()]
    .map((fact) => ({
      modelId: fact.dims.inferenceProfile ?? fact.dims.model ?? '',
      bucketStart: fact.bucketStart,
      tokens: fact.tokens,
      requests: fact.requests,
    }))
    .sort(byHourAndModel);
}

function byHourAndModel(
  a: { bucketStart: number; modelId: string },
  b: { bucketStart: number; modelId: string },
) {
  return a.bucketStart - b.bucketStart || (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0);
}

/** Minute points of `series` over `[start, end)` as the reader should store them: none for a minute without data. */
export function expectedMinutePoints(
  scenario: BedrockScenario,
  series: BedrockSeries[],
  start: number,
  end: number,
): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const one of series) {
    for (let minute = start; minute < Math.min(end, NOW); minute += MINUTE) {
      const stats = scenario.minute(one, minute);
      if (stats === null) continue;
      const values: Array<[string, string, number | null]> = [
        ['EstimatedTPMQuotaUsage', 'Sum', stats.estimatedTpmQuotaUsage],
        ['InvocationThrottles', 'Sum', stats.throttles],
        ['InvocationClientErrors', 'Sum', stats.clientErrors],
        ['InvocationServerErrors', 'Sum', stats.serverErrors],
        ['Invocations', 'Sum', stats.invocations],
        ['InvocationLatency', 'Average', stats.latencyAvgMs],
        ['InvocationLatency', 'p90', stats.latencyP90Ms],
        ['TimeToFirstToken', 'p50', stats.ttftP50Ms],
        ['TimeToFirstToken', 'p90', stats.ttftP90Ms],
      ];
      for (const [metric, stat, value] of values) {
        if (value === null) continue;
        points.push({
          region: one.region,
          model: one.modelId,
          metric,
          stat,
          bucketStart: minute,
          bucketSeconds: MINUTE,
          value,
        });
      }
    }
  }
  return points.sort(byPointKey);
}

export function storedPoints(sink: MemorySink): MetricPoint[] {
  return [...sink.metrics.values()].map(({ source: _, ...point }) => point).sort(byPointKey);
}

function byPointKey(a: MetricPoint, b: MetricPoint): number {
  const key = (point: MetricPoint) =>
    `${point.model} ${point.metric} ${point.stat} ${String(point.bucketStart).padStart(12, '0')} ${point.bucketSeconds}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** The GetMetricData bodies the simulator received, with their periods. */
export function metricDataCalls(sim: CloudWatchSimulator) {
  return sim.requests
    .filter((request) => request.operation === 'GetMetricData')
    .map((request) => {
      const queries = request.body.MetricDataQueries as Array<{
        MetricStat: { Metric: { MetricName: string; Dimensions: Array<{ Value: string }> }; Period: number };
      }>;
      return {
        region: request.region,
        start: request.body.StartTime as number,
        end: request.body.EndTime as number,
        period: queries[0]?.MetricStat.Period,
        queries,
        nextToken: request.body.NextToken as string | undefined,
      };
    });
}

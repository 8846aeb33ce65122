import type { BedrockPeriodStats, BedrockSeries } from '../../scenario-types.js';

export const BEDROCK_NAMESPACE = 'AWS/Bedrock';
export const MODEL_ID_DIMENSION = 'ModelId';

type CountField =
  | 'invocations'
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheReadTokens'
  | 'cacheWriteTokens'
  | 'throttles'
  | 'clientErrors'
  | 'serverErrors'
  | 'estimatedTpmQuotaUsage';

const COUNT_METRICS: Record<string, CountField> = {
  Invocations: 'invocations',
  InputTokenCount: 'inputTokens',
  OutputTokenCount: 'outputTokens',
  CacheReadInputTokenCount: 'cacheReadTokens',
  CacheReadInputTokens: 'cacheReadTokens',
  CacheWriteInputTokenCount: 'cacheWriteTokens',
  CacheWriteInputTokens: 'cacheWriteTokens',
  InvocationThrottles: 'throttles',
  InvocationClientErrors: 'clientErrors',
  InvocationServerErrors: 'serverErrors',
  EstimatedTPMQuotaUsage: 'estimatedTpmQuotaUsage',
};

const ALWAYS_PUBLISHED = [
  'Invocations',
  'InputTokenCount',
  'OutputTokenCount',
  'InvocationLatency',
  'InvocationClientErrors',
  'InvocationServerErrors',
  'InvocationThrottles',
  'EstimatedTPMQuotaUsage',
];

/** A statistic the simulator can answer: `Sum`, `Average`, `SampleCount` or a percentile `pNN`. */
export type SimStat = { kind: 'Sum' | 'Average' | 'SampleCount' } | { kind: 'percentile'; percent: number };

/** Parses a CloudWatch `Stat`; `undefined` for statistics the simulator does not model (`Minimum`, `tm90`, ...). */
export function parseStat(stat: string): SimStat | undefined {
  if (stat === 'Sum' || stat === 'Average' || stat === 'SampleCount') return { kind: stat };
  const match = /^p(\d{1,2}(\.\d+)?|100)$/.exec(stat);
  if (match === null) return undefined;
  return { kind: 'percentile', percent: Number(match[1]) };
}

/**
 * The metric names a series publishes, TimeToFirstToken only when it saw streaming traffic, and
 * the cache metrics in the series' own spelling.
 */
export function publishedMetricNames(series: BedrockSeries, { streaming }: { streaming: boolean }): string[] {
  const cache =
    series.cacheMetricSpelling === 'TokenCount'
      ? ['CacheReadInputTokenCount', 'CacheWriteInputTokenCount']
      : ['CacheReadInputTokens', 'CacheWriteInputTokens'];
  return [...ALWAYS_PUBLISHED, ...cache, ...(streaming ? ['TimeToFirstToken'] : [])];
}

/**
 * The value of one statistic of one metric for a period, or `undefined` when the period has no
 * datapoint for it (TimeToFirstToken without streaming calls). The scenario keeps sums, an average
 * and p90 latency, and p50/p90 TTFT; other statistics are approximated from those: a count
 * metric's Average and percentiles are the per-invocation mean, latency p≤50 reads the average
 * (TTFT: p50) and p>50 reads p90, and SampleCount is the number of invocations.
 */
export function metricValue(
  series: BedrockSeries,
  stats: BedrockPeriodStats,
  metricName: string,
  stat: SimStat,
): number | undefined {
  if (!publishedMetricNames(series, { streaming: true }).includes(metricName)) return undefined;
  const countField = COUNT_METRICS[metricName];
  if (countField !== undefined) {
    const sum = stats[countField];
    if (stat.kind === 'Sum') return sum;
    if (stat.kind === 'SampleCount') return stats.invocations;
    return stats.invocations === 0 ? sum : sum / stats.invocations;
  }
  const latency =
    metricName === 'TimeToFirstToken'
      ? { low: stats.ttftP50Ms, high: stats.ttftP90Ms }
      : { low: stats.latencyAvgMs, high: stats.latencyP90Ms };
  if (latency.low === null || latency.high === null) return undefined;
  if (stat.kind === 'SampleCount') return stats.invocations;
  if (stat.kind === 'Sum') return latency.low * stats.invocations;
  return stat.kind === 'percentile' && stat.percent > 50 ? latency.high : latency.low;
}

import type {
  BedrockPeriodStats,
  BedrockScenario,
  BedrockSeries,
} from '../../../../src/sim/scenario-types.js';

export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;
/** 2026-11-29T12:30:20Z: mid-hour and mid-minute, so partial buckets show. */
export const NOW = Date.UTC(2026, 10, 29, 12, 30, 20) / 1000;
export const ACCOUNT_ID = '123456789012';

export const SONNET_US = 'us.anthropic.claude-sonnet-4-6';
export const PROFILE_ARN =
  'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/q7d2kx9m4ab1';
export const NOVA_PRO = 'amazon.nova-pro-v1:0';

/**
 * Three series in two regions: a system profile (streaming, `…TokenCount` cache names), an
 * application profile (`…Tokens` cache names, streaming in 3 minutes of 4) and a non-streaming
 * model in us-west-2 whose TTFT is always null.
 */
export const SMALL_SERIES: BedrockSeries[] = [
  { region: 'us-east-1', modelId: SONNET_US, cacheMetricSpelling: 'TokenCount' },
  { region: 'us-east-1', modelId: PROFILE_ARN, cacheMetricSpelling: 'Tokens' },
  { region: 'us-west-2', modelId: NOVA_PRO, cacheMetricSpelling: 'TokenCount' },
];

/**
 * A deterministic Bedrock scenario over `series`: every 7th minute of a series is absent, the
 * first series idles for every hour with `hour % 9 === 4`, and a series listed in `dormantFrom`
 * has no data from that time on. `hour()` sums its minutes exactly.
 */
export function smallBedrockScenario({
  series = SMALL_SERIES,
  dormantFrom = new Map<string, number>(),
}: {
  series?: BedrockSeries[];
  dormantFrom?: Map<string, number>;
} = {}): BedrockScenario {
  const indexOf = new Map(series.map((one, index) => [`${one.region} ${one.modelId}`, index]));
  const minute = (one: BedrockSeries, minuteStart: number): BedrockPeriodStats | null => {
    const s = indexOf.get(`${one.region} ${one.modelId}`);
    if (s === undefined) return null;
    const k = Math.floor(minuteStart / MINUTE);
    if ((k + 3 * s) % 7 === 0) return null;
    if (s === 0 && Math.floor(minuteStart / HOUR) % 9 === 4) return null;
    if (minuteStart >= (dormantFrom.get(one.modelId) ?? Number.POSITIVE_INFINITY)) return null;
    const invocations = 1 + ((k * 13 + s * 5) % 9);
    const inputTokens = invocations * (100 + (k % 17) * 3 + s);
    const outputTokens = invocations * (20 + (k % 11));
    const cacheWriteTokens = (k % 3) * 10;
    const streaming = one.modelId !== NOVA_PRO && !(s === 1 && k % 4 === 0);
    const ttftP50Ms = streaming ? 150 + (k % 20) : null;
    return {
      invocations,
      inputTokens,
      outputTokens,
      cacheReadTokens: (k % 5) * 40,
      cacheWriteTokens,
      throttles: k % 13 === 0 ? 2 : 0,
      clientErrors: k % 29 === 0 ? 1 : 0,
      serverErrors: k % 31 === 0 ? 1 : 0,
      latencyAvgMs: 400 + (k % 50) * 4,
      latencyP90Ms: 700 + (k % 50) * 6,
      ttftP50Ms,
      ttftP90Ms: ttftP50Ms === null ? null : ttftP50Ms + 80,
      estimatedTpmQuotaUsage: inputTokens + cacheWriteTokens + 5 * outputTokens,
    };
  };
  const hour = (one: BedrockSeries, hourStart: number): BedrockPeriodStats | null => {
    const minutes: BedrockPeriodStats[] = [];
    for (let time = hourStart; time < hourStart + HOUR; time += MINUTE) {
      const stats = minute(one, time);
      if (stats !== null) minutes.push(stats);
    }
    return sumMinutes(minutes);
  };
  return {
    accountId: ACCOUNT_ID,
    regions: ['us-east-1', 'us-west-2'],
    series,
    profiles: [],
    quotas: [],
    costs: [],
    minute,
    hour,
  };
}

/** Sums exactly; latencies weighted by invocations, TTFT over the minutes that have it. */
function sumMinutes(minutes: BedrockPeriodStats[]): BedrockPeriodStats | null {
  if (minutes.length === 0) return null;
  const total = (pick: (stats: BedrockPeriodStats) => number, over = minutes) =>
    over.reduce((sum, stats) => sum + pick(stats), 0);
  const invocations = total((stats) => stats.invocations);
  const streaming = minutes.filter((stats) => stats.ttftP50Ms !== null);
  const streamingCalls = total((stats) => stats.invocations, streaming);
  return {
    invocations,
    inputTokens: total((stats) => stats.inputTokens),
    outputTokens: total((stats) => stats.outputTokens),
    cacheReadTokens: total((stats) => stats.cacheReadTokens),
    cacheWriteTokens: total((stats) => stats.cacheWriteTokens),
    throttles: total((stats) => stats.throttles),
    clientErrors: total((stats) => stats.clientErrors),
    serverErrors: total((stats) => stats.serverErrors),
    latencyAvgMs: total((stats) => stats.latencyAvgMs * stats.invocations) / invocations,
    latencyP90Ms: total((stats) => stats.latencyP90Ms * stats.invocations) / invocations,
    ttftP50Ms:
      streaming.length === 0
        ? null
        : total((stats) => (stats.ttftP50Ms ?? 0) * stats.invocations, streaming) / streamingCalls,
    ttftP90Ms:
      streaming.length === 0
        ? null
        : total((stats) => (stats.ttftP90Ms ?? 0) * stats.invocations, streaming) / streamingCalls,
    estimatedTpmQuotaUsage: total((stats) => stats.estimatedTpmQuotaUsage),
  };
}

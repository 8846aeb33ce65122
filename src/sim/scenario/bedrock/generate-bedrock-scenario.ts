import type { BedrockPeriodStats, BedrockScenario, BedrockSeries } from '../../scenario-types.js';
import { demoStory, HOUR } from '../demo-story.js';
import { bedrockCosts } from './bedrock-costs.js';
import { BEDROCK_ACCOUNT_ID, BEDROCK_REGIONS } from './bedrock-ids.js';
import { bedrockModel } from './bedrock-models.js';
import { bedrockQuotas } from './bedrock-quotas.js';
import type { BedrockStream } from './bedrock-stream.js';
import { buildBedrockStreams } from './bedrock-streams.js';
import { splitHour } from './split-hour.js';
import { quotaTokens, type StreamHour, streamHour } from './stream-hour.js';

export interface GenerateBedrockScenarioOptions {
  /** `[start, end)` in UTC epoch seconds; start is aligned up and end down to the hour. */
  start: number;
  end: number;
  seed?: number;
}

const MINUTE = 60;

/**
 * The demo company on Amazon Bedrock for `[start, end)`: CloudWatch series, application inference
 * profiles, Service Quotas and daily Cost Explorer rows. Pure and deterministic in (start, end,
 * seed); the story is in `demoStory(end).bedrock`.
 *
 * Datapoints are computed on demand, never stored: `hour` draws an hour from (seed, series, hour),
 * `minute` splits that hour into 60 minutes whose sums add up exactly to the hour's. An hour's
 * latency average is the invocation-weighted mean of its minutes' averages; its percentiles are the
 * hour's own values, which the minutes' percentiles scatter around (percentiles do not add up).
 */
export function generateBedrockScenario({
  start,
  end,
  seed = 42,
}: GenerateBedrockScenarioOptions): BedrockScenario {
  const periodStart = Math.ceil(start / HOUR) * HOUR;
  const periodEnd = Math.floor(end / HOUR) * HOUR;
  const streams = buildBedrockStreams(periodEnd);
  const byModelId = new Map(streams.map((stream) => [seriesKey(stream), stream]));
  const hourOf = (stream: BedrockStream, hourStart: number): StreamHour | null =>
    hourStart % HOUR !== 0 || hourStart < periodStart || hourStart >= periodEnd
      ? null
      : streamHour(stream, hourStart, { end: periodEnd, seed });

  // Consecutive minute reads mostly fall in one hour: keep each series' last split.
  const lastSplit = new Map<BedrockStream, { hourStart: number; minutes: (BedrockPeriodStats | null)[] }>();
  const minutesOf = (stream: BedrockStream, hour: StreamHour) => {
    const cached = lastSplit.get(stream);
    if (cached?.hourStart === hour.hourStart) return cached.minutes;
    const minutes = splitHour(stream, hour, seed);
    lastSplit.set(stream, { hourStart: hour.hourStart, minutes });
    return minutes;
  };

  return {
    accountId: BEDROCK_ACCOUNT_ID,
    regions: [...BEDROCK_REGIONS],
    series: streams.map(({ region, modelId, cacheMetricSpelling }) => ({
      region,
      modelId,
      cacheMetricSpelling,
    })),
    profiles: streams.flatMap(({ region, modelId, sourceId, profile }) =>
      profile
        ? [{ arn: modelId, region, name: profile.name, copyFrom: sourceId, tags: { ...profile.tags } }]
        : [],
    ),
    quotas: bedrockQuotas(demoStory(periodEnd).bedrock.quotaValue),
    costs: bedrockCosts({ streams, hourOf, start: periodStart, end: periodEnd }),
    hour(series, hourStart) {
      const stream = byModelId.get(seriesKey(series));
      const hour = stream && hourOf(stream, hourStart);
      return stream && hour ? hourStats(stream, hour) : null;
    },
    minute(series, minuteStart) {
      const stream = byModelId.get(seriesKey(series));
      if (!stream || minuteStart % MINUTE !== 0) return null;
      const hourStart = minuteStart - (minuteStart % HOUR);
      const hour = hourOf(stream, hourStart);
      return hour ? (minutesOf(stream, hour)[(minuteStart - hourStart) / MINUTE] ?? null) : null;
    },
  };
}

function seriesKey({ region, modelId }: Pick<BedrockSeries, 'region' | 'modelId'>): string {
  return `${region}|${modelId}`;
}

function hourStats(stream: BedrockStream, hour: StreamHour): BedrockPeriodStats {
  const { tokens, latency } = hour;
  return {
    invocations: hour.invocations,
    inputTokens: tokens.input,
    outputTokens: tokens.output,
    cacheReadTokens: tokens.cacheRead,
    cacheWriteTokens: tokens.cacheWrite,
    throttles: hour.throttles,
    clientErrors: hour.clientErrors,
    serverErrors: hour.serverErrors,
    latencyAvgMs: latency.avgMs,
    latencyP90Ms: latency.p90Ms,
    ttftP50Ms: latency.ttftP50Ms,
    ttftP90Ms: latency.ttftP90Ms,
    estimatedTpmQuotaUsage: quotaTokens(tokens, bedrockModel(stream.sourceId).outputBurndown),
  };
}

import type { BedrockPeriodStats } from '../../scenario-types.js';
import { rngFor } from '../rng.js';
import { bedrockModel } from './bedrock-models.js';
import type { BedrockStream } from './bedrock-stream.js';
import type { StreamHour } from './stream-hour.js';

/** A bursty stream's heavy minutes per hour, and how many ordinary minutes' load each carries. */
export const BURST_MINUTES = 6;
export const BURST_WEIGHT = 2.2;
const STEADY_SPREAD = 0.2;
const BURST_SPREAD = 0.04;
const TOKEN_SPREAD = 0.06;
const LATENCY_SPREAD = 0.1;
const PERCENTILE_SPREAD = 0.16;

/** The share of an hour's load a bursty stream puts in each of its burst minutes (nominal). */
export function burstMinuteShare(): number {
  return BURST_WEIGHT / (BURST_MINUTES * BURST_WEIGHT + 60 - BURST_MINUTES);
}

/**
 * `total` split into integers proportional to `weights` (largest remainder, ties to the earlier
 * index): the parts always sum to `total`, and a zero weight gets zero unless every weight is zero.
 */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const used = weightSum > 0 ? weights : weights.map(() => 1);
  const usedSum = weightSum > 0 ? weightSum : weights.length;
  const exact = used.map((w) => (total * w) / usedSum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((sum, n) => sum + n, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .filter(({ index }) => (used[index] ?? 0) > 0)
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * The 60 minutes of one stream-hour: every sum is split so the minutes add up exactly to the hour;
 * tokens and errors follow the minute's invocations. Minute latencies scatter around the hour's:
 * averages so that their invocation-weighted mean is the hour's average, percentiles ±8%. A minute
 * without calls is `null` (CloudWatch publishes no datapoint).
 */
export function splitHour(
  stream: BedrockStream,
  hour: StreamHour,
  seed: number,
): (BedrockPeriodStats | null)[] {
  const random = rngFor(seed, 'bedrock-minutes', stream.id, hour.hourStart);
  const spread = (width: number) => 1 + width * (random() - 0.5);
  const weights = Array.from({ length: 60 }, () => spread(STEADY_SPREAD));
  const bursts = new Set<number>();
  while (stream.minutePattern === 'bursty' && bursts.size < BURST_MINUTES) {
    const minute = Math.floor(random() * 60);
    if (bursts.has(minute)) continue;
    bursts.add(minute);
    weights[minute] = BURST_WEIGHT * spread(BURST_SPREAD);
  }
  const invocations = splitInteger(hour.invocations, weights);
  const tokenWeights = invocations.map((n) => n * spread(TOKEN_SPREAD));
  const split = (total: number) => splitInteger(total, tokenWeights);
  const input = split(hour.tokens.input);
  const cacheRead = split(hour.tokens.cacheRead);
  const cacheWrite = split(hour.tokens.cacheWrite);
  const output = split(hour.tokens.output);
  const throttles = splitInteger(
    hour.throttles,
    invocations.map((n, minute) => (bursts.size === 0 || bursts.has(minute) ? n : 0)),
  );
  const clientErrors = splitInteger(hour.clientErrors, invocations);
  const serverErrors = splitInteger(hour.serverErrors, invocations);

  const deviations = invocations.map(() => LATENCY_SPREAD * (random() - 0.5));
  const meanDeviation =
    deviations.reduce((sum, d, minute) => sum + d * (invocations[minute] ?? 0), 0) / hour.invocations;
  const percentile = (value: number | null) =>
    value === null ? null : Math.round(value * spread(PERCENTILE_SPREAD) * 10) / 10;
  const burndown = bedrockModel(stream.sourceId).outputBurndown;
  return invocations.map((calls, minute) => {
    const throttled = throttles[minute] ?? 0;
    if (calls === 0 && throttled === 0) return null;
    const tokensIn = input[minute] ?? 0;
    const tokensOut = output[minute] ?? 0;
    const written = cacheWrite[minute] ?? 0;
    return {
      invocations: calls,
      inputTokens: tokensIn,
      outputTokens: tokensOut,
      cacheReadTokens: cacheRead[minute] ?? 0,
      cacheWriteTokens: written,
      throttles: throttled,
      clientErrors: clientErrors[minute] ?? 0,
      serverErrors: serverErrors[minute] ?? 0,
      latencyAvgMs: hour.latency.avgMs * (1 + (deviations[minute] ?? 0) - meanDeviation),
      latencyP90Ms: percentile(hour.latency.p90Ms) ?? hour.latency.p90Ms,
      ttftP50Ms: percentile(hour.latency.ttftP50Ms),
      ttftP90Ms: percentile(hour.latency.ttftP90Ms),
      estimatedTpmQuotaUsage: tokensIn + written + tokensOut * burndown,
    };
  });
}

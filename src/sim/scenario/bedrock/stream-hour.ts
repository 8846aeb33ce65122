import { DAY, HOUR, utcDay, utcWeekday } from '../demo-story.js';
import { rngFor } from '../rng.js';
import { bedrockModel } from './bedrock-models.js';
import type {
  BedrockHourShape,
  BedrockLatency,
  BedrockStream,
  BedrockTokensPerRequest,
} from './bedrock-stream.js';
import { burstMinuteShare } from './split-hour.js';

/** What one stream did in the hour `[hourStart, hourStart + 3600)`, UTC: exact integer sums. */
export interface StreamHour {
  hourStart: number;
  invocations: number;
  tokens: BedrockTokensPerRequest;
  throttles: number;
  clientErrors: number;
  serverErrors: number;
  /** The hour's own latencies (ms): its average and percentiles over every call of the hour. */
  latency: BedrockLatency;
}

// Relative traffic per UTC hour for American users (UTC−5 to UTC−8).
const US_CUSTOMER_WEIGHTS = [
  0.75, 0.65, 0.55, 0.45, 0.35, 0.28, 0.22, 0.2, 0.22, 0.3, 0.4, 0.55, 0.7, 0.85, 0.95, 1, 1, 1, 1, 1, 0.95,
  0.9, 0.85, 0.8,
];
// US working hours, 08:00 to 18:00 Eastern, with a lunch dip.
const US_OFFICE_WEIGHTS = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.9, 1, 1, 0.85, 1, 1, 1, 0.8, 0.5, 0.2,
];
const FLAT_WEIGHTS = new Array<number>(24).fill(1);
const SHAPES: Record<BedrockHourShape, readonly number[]> = {
  customers: US_CUSTOMER_WEIGHTS,
  office: US_OFFICE_WEIGHTS,
  flat: FLAT_WEIGHTS,
};
const GROWTH_OVER_PERIOD = 0.12;
const GROWTH_PERIOD = 90 * DAY;
const CLIENT_ERROR_RATE = 0.003;
const SERVER_ERROR_RATE = 0.0005;
/** Burst minutes above this share of the throttle quota see a few throttled calls. */
const THROTTLE_FROM = 0.8;

/** The share of a weekday's requests that falls in the busiest hour of `shape`. */
export function peakHourShare(shape: BedrockHourShape): number {
  const weights = SHAPES[shape];
  return Math.max(...weights) / weights.reduce((sum, w) => sum + w, 0);
}

/** Quota tokens of a token mix: input + cache writes + output × burndown (cache reads are free). */
export function quotaTokens(tokens: BedrockTokensPerRequest, outputBurndown: number): number {
  return tokens.input + tokens.cacheWrite + tokens.output * outputBurndown;
}

/**
 * The traffic of `stream` in one hour, or null when it had none. Every draw is keyed by
 * (seed, stream, hour), so an hour comes out the same whatever period is generated.
 */
export function streamHour(
  stream: BedrockStream,
  hourStart: number,
  { end, seed }: { end: number; seed: number },
): StreamHour | null {
  const adjustment = stream.adjust?.(hourStart) ?? { volume: 1 };
  const weights = SHAPES[stream.shape];
  const share = (weights[(hourStart % DAY) / HOUR] ?? 0) / weights.reduce((sum, w) => sum + w, 0);
  const day = utcDay(hourStart);
  const weekday = utcWeekday(day);
  const weekFactor = weekday === 0 || weekday === 6 ? stream.weekendFactor : 1;
  if (adjustment.volume <= 0 || share === 0 || weekFactor === 0) return null;

  const random = rngFor(seed, 'bedrock', stream.id, hourStart);
  const jitter = (halfWidth: number) => 1 + halfWidth * (2 * random() - 1);
  const dayNoise = 1 + stream.noise.day * (2 * rngFor(seed, 'bedrock', stream.id, 'day', day)() - 1);
  const growth = 1 - GROWTH_OVER_PERIOD * Math.min(1, (end - hourStart) / GROWTH_PERIOD);
  const invocations = Math.round(
    stream.weekdayRequests *
      share *
      weekFactor *
      growth *
      dayNoise *
      jitter(stream.noise.hour) *
      adjustment.volume,
  );
  if (invocations === 0) return null;

  const kind = (average: number) =>
    average === 0 ? 0 : Math.round(invocations * average * jitter(stream.noise.tokens));
  const tokens = {
    input: kind(stream.tokens.input),
    cacheRead: kind(stream.tokens.cacheRead),
    cacheWrite: kind(stream.tokens.cacheWrite),
    output: kind(stream.tokens.output),
  };
  const typical = adjustment.latency ?? stream.latency;
  const ms = (value: number, halfWidth: number) => Math.round(value * jitter(halfWidth) * 10) / 10;
  const latency = {
    avgMs: ms(typical.avgMs, 0.05),
    p90Ms: ms(typical.p90Ms, 0.05),
    ttftP50Ms: typical.ttftP50Ms === null ? null : ms(typical.ttftP50Ms, 0.08),
    ttftP90Ms: typical.ttftP90Ms === null ? null : ms(typical.ttftP90Ms, 0.08),
  };
  const errors = (rate: number) => Math.floor(invocations * rate * 2 * random() + random());
  return {
    hourStart,
    invocations,
    tokens,
    throttles: throttlesOf(stream, tokens, random),
    clientErrors: errors(CLIENT_ERROR_RATE),
    serverErrors: errors(SERVER_ERROR_RATE),
    latency,
  };
}

/** A few throttled calls in an hour whose burst minutes come close to the stream's quota. */
function throttlesOf(stream: BedrockStream, tokens: BedrockTokensPerRequest, random: () => number): number {
  if (stream.throttleQuota === null || stream.minutePattern !== 'bursty') return 0;
  const hourQuotaTokens = quotaTokens(tokens, bedrockModel(stream.sourceId).outputBurndown);
  if (hourQuotaTokens * burstMinuteShare() < THROTTLE_FROM * stream.throttleQuota) return 0;
  return 1 + Math.floor(random() * 5);
}

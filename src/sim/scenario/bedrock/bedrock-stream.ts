import type { BedrockRegion } from './bedrock-ids.js';

/** Average tokens of one request, by how Bedrock meters them (`input` is uncached input). */
export interface BedrockTokensPerRequest {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
}

/** Typical latencies in milliseconds; `ttft*` null for a stream without streaming calls. */
export interface BedrockLatency {
  avgMs: number;
  p90Ms: number;
  ttftP50Ms: number | null;
  ttftP90Ms: number | null;
}

/** A story-driven change at one hour: `volume` scales requests, `latency` replaces the typical latencies. */
export interface BedrockStreamAdjustment {
  volume: number;
  latency?: BedrockLatency;
}

/**
 * How traffic spreads over the UTC day in the US regions: `customers` follows American users with
 * a quiet night around 07:00 UTC, `office` is staff tools in US working hours, `flat` never sleeps.
 */
export type BedrockHourShape = 'customers' | 'office' | 'flat';

/**
 * One stream of Bedrock traffic: one CloudWatch series (a `ModelId` in a region), the feature
 * behind it and how it behaves. Every datapoint and cost line of the Bedrock scenario comes from one.
 */
export interface BedrockStream {
  /** Unique; seeds this stream's random draws. */
  id: string;
  region: BedrockRegion;
  /** The CloudWatch `ModelId`: base model, system profile or application profile ARN. */
  modelId: string;
  /** The base model or system profile whose price and quota apply (what a profile copies). */
  sourceId: string;
  /** The application profile's name and tags; null for direct calls, which carry no tags. */
  profile: { name: string; tags: Record<string, string> } | null;
  cacheMetricSpelling: 'TokenCount' | 'Tokens';
  shape: BedrockHourShape;
  /** Requests on an average weekday at the end of the period. */
  weekdayRequests: number;
  /** Saturday/Sunday volume as a share of a weekday's. */
  weekendFactor: number;
  tokens: BedrockTokensPerRequest;
  latency: BedrockLatency;
  /** Half-widths of the uniform noise on the day's volume, the hour's volume and each token kind. */
  noise: { day: number; hour: number; tokens: number };
  /** `bursty`: a queue worker whose load comes in a few heavy minutes per hour. */
  minutePattern: 'steady' | 'bursty';
  /** TPM quota (tokens per minute) its burst minutes are throttled against; null: never throttled. */
  throttleQuota: number | null;
  adjust?: (hourStart: number) => BedrockStreamAdjustment;
}

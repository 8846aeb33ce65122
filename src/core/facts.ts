import type { Micros } from './money.js';

/** The providers and imports ai-spend reads. */
export const SOURCES = ['anthropic', 'openai', 'bedrock', 'vertex', 'azure', 'focus'] as const;
export type SourceId = (typeof SOURCES)[number];

/**
 * Where a fact comes from, in the provider's own terms. Empty means "the provider did not say"
 * (for example Anthropic Console usage has no API key). These are what attribution rules match.
 */
export interface FactDimensions {
  source: SourceId;
  accountId?: string;
  workspaceId?: string;
  projectId?: string;
  apiKeyId?: string;
  userId?: string;
  model?: string;
  region?: string;
  serviceTier?: string;
  /** Anthropic's `context_window` split (`0-200k`, `200k-1M`): decides the long-context price tier. */
  contextWindow?: string;
  inferenceGeo?: string;
  inferenceProfile?: string;
  deployment?: string;
  tags?: Readonly<Record<string, string>>;
  labels?: Readonly<Record<string, string>>;
}

/** Token counts of one bucket, split by how each kind is priced. All are non-negative integers. */
export interface TokenCounts {
  /** Input tokens neither read from nor written to a prompt cache. */
  uncachedInput: number;
  /** Prompt-cache writes with a 5-minute lifetime (OpenAI's short-lived writes count here). */
  cacheWrite5m: number;
  /** Prompt-cache writes with a 1-hour lifetime. */
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
}

export const ZERO_TOKENS: TokenCounts = Object.freeze({
  uncachedInput: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
});

export function totalTokens(tokens: TokenCounts): number {
  return tokens.uncachedInput + tokens.cacheWrite5m + tokens.cacheWrite1h + tokens.cacheRead + tokens.output;
}

/**
 * Usage in one time bucket `[bucketStart, bucketStart + bucketSeconds)`, UTC epoch seconds, as the
 * provider's usage report gives it (the fast, estimated side of the ledger).
 */
export interface UsageFact {
  dims: FactDimensions;
  bucketStart: number;
  bucketSeconds: number;
  tokens: TokenCounts;
  /** Model requests in the bucket; `null` when the source does not count them. */
  requests: number | null;
}

/**
 * One line of a provider's bill for one UTC day `[day, day + 86400)` (the slow, billed side).
 * `dims` is the billing scope: Anthropic bills per workspace, OpenAI per project.
 */
export interface BilledFact {
  dims: FactDimensions;
  day: number;
  /** The provider's line description ("Claude Sonnet 4.5 Usage - Output Tokens", "gpt-5.4, input"). */
  lineItem: string;
  /** Integer micro-dollars; negative for credits. */
  amountMicros: Micros;
  /** `false` while the provider may still restate the amount. */
  final: boolean;
}

export const SECONDS_PER_HOUR = 3_600;
export const SECONDS_PER_DAY = 86_400;

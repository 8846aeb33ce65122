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
  /**
   * Narrows the billing scope beyond account and workspace/project, e.g. Bedrock's primary cost
   * allocation tag value (`team=search`): billed lines are split only over usage in the same scope.
   */
  billingScope?: string;
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

/**
 * Sources with token-per-minute quotas and per-minute usage against them: Bedrock (Service
 * Quotas, CloudWatch) and Vertex AI (Cloud Quotas, Cloud Monitoring).
 */
export const QUOTA_SOURCES = ['bedrock', 'vertex'] as const;

/** The metric point provisioned-throughput utilisation (Azure PTU, percent per minute) is stored as. */
export const PROVISIONED_UTILIZATION = 'ProvisionedUtilization';

export const SECONDS_PER_HOUR = 3_600;
export const SECONDS_PER_DAY = 86_400;

/**
 * One datapoint of a fast signal (latency, throttles, quota usage) for `[bucketStart,
 * bucketStart + bucketSeconds)`, UTC epoch seconds. A minute without data has no point: never 0.
 */
export interface MetricPoint {
  region: string;
  /** The provider's model or profile id, as the metric reports it (Bedrock `ModelId`). */
  model: string;
  /** Provider metric name, e.g. `TimeToFirstToken`, `EstimatedTPMQuotaUsage`. */
  metric: string;
  /** `Sum`, `Average`, `p50`, `p90`, ... */
  stat: string;
  bucketStart: number;
  bucketSeconds: number;
  /** In the metric's unit: milliseconds for latencies, counts for tokens and calls. */
  value: number;
}

export type InferenceType = 'on_demand' | 'cross_region' | 'global';

/** A rate limit that applies to one model id in one region (Bedrock TPM/RPM quotas). */
export interface QuotaLimit {
  region: string;
  /** The model id the quota applies to, as metrics report it. */
  model: string;
  inferenceType: InferenceType;
  unit: 'tokens_per_minute' | 'requests_per_minute';
  value: number;
  origin: 'service_quotas' | 'config';
  quotaCode?: string;
  quotaName?: string;
}

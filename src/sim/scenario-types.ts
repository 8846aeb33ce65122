import type { BillingExportRow } from './google/bigquery/billing-export-row.js';
/**
 * The world a simulator serves: provider-shaped records, generated deterministically by
 * `generateScenario`. Times are UTC epoch seconds; amounts are exact integer micro-dollars that
 * each simulator renders in its provider's own unit.
 */

export interface AnthropicUsageRecord {
  hourStart: number;
  workspaceId: string | null;
  apiKeyId: string | null;
  model: string;
  serviceTier: 'standard' | 'batch' | 'priority';
  contextWindow: '0-200k' | '200k-1M';
  inferenceGeo: 'global' | 'us' | 'not_available';
  uncachedInputTokens: number;
  cacheReadInputTokens: number;
  cacheCreation5mTokens: number;
  cacheCreation1hTokens: number;
  outputTokens: number;
  webSearchRequests: number;
}

export interface AnthropicCostRecord {
  /** UTC midnight of the billed day. */
  day: number;
  workspaceId: string | null;
  description: string;
  costType: 'tokens' | 'web_search' | 'code_execution';
  tokenType: string | null;
  model: string | null;
  serviceTier: string | null;
  contextWindow: string | null;
  inferenceGeo: string | null;
  amountMicros: number;
}

export interface OpenAiUsageRecord {
  hourStart: number;
  projectId: string | null;
  apiKeyId: string | null;
  userId: string | null;
  model: string;
  batch: boolean;
  serviceTier: string | null;
  /** All prompt tokens, cached reads and cache writes included (as OpenAI reports). */
  inputTokens: number;
  inputCachedTokens: number;
  inputCacheWriteTokens: number;
  outputTokens: number;
  numModelRequests: number;
}

export interface OpenAiCostRecord {
  day: number;
  projectId: string | null;
  apiKeyId: string | null;
  lineItem: string;
  amountMicros: number;
  quantity: number | null;
  quantityUnit: string | null;
}

export interface Scenario {
  /** `[start, end)`: hour-aligned, UTC epoch seconds. */
  start: number;
  end: number;
  anthropic: { usage: AnthropicUsageRecord[]; costs: AnthropicCostRecord[] };
  openai: { usage: OpenAiUsageRecord[]; costs: OpenAiCostRecord[] };
  bedrock?: BedrockScenario;
  /** Vertex AI: the Cloud Billing export's rows (Cloud Monitoring derives its series from the same workloads). */
  vertex?: { billingRows: BillingExportRow[] };
  /** Azure OpenAI: its simulator derives cost and metrics from the scenario's Azure workloads. */
  azure?: true;
}

/** One Bedrock CloudWatch series: a `ModelId` in a region. */
export interface BedrockSeries {
  region: string;
  /** Base model id, system profile (`us.…`, `global.…`) or application inference profile ARN. */
  modelId: string;
  /** Which spelling of the cache metrics this series publishes (`CacheReadInputTokenCount` or `CacheReadInputTokens`). */
  cacheMetricSpelling: 'TokenCount' | 'Tokens';
}

/**
 * What CloudWatch holds for one series over one period (a minute, or an hour for coarse reads).
 * Sums are exact integers; latencies are milliseconds. `ttft*` is `null` when no streaming call
 * happened (TTFT exists only for streaming APIs).
 */
export interface BedrockPeriodStats {
  invocations: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  throttles: number;
  clientErrors: number;
  serverErrors: number;
  latencyAvgMs: number;
  latencyP90Ms: number;
  ttftP50Ms: number | null;
  ttftP90Ms: number | null;
  estimatedTpmQuotaUsage: number;
}

/** An application inference profile and its tags, as the Bedrock control plane describes it. */
export interface BedrockProfile {
  arn: string;
  region: string;
  name: string;
  /** The model or system profile it copies, as an id (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`). */
  copyFrom: string;
  tags: Record<string, string>;
}

/** A Bedrock quota as Service Quotas lists it; `applied: false` means only the AWS default exists. */
export interface BedrockQuota {
  region: string;
  quotaCode: string;
  quotaName: string;
  value: number;
  applied: boolean;
}

/** One row of Cost Explorer for a day: amounts in exact micro-dollars, tags with '' for untagged. */
export interface BedrockCostRecord {
  day: number;
  /** `Amazon Bedrock` or a Marketplace service such as `Claude Sonnet 4.5 (Amazon Bedrock Edition)`. */
  service: string;
  usageType: string;
  linkedAccount: string;
  region: string;
  billingEntity: 'AWS' | 'AWS Marketplace';
  tags: Record<string, string>;
  amountMicros: number;
  usageQuantity: number;
}

export interface BedrockScenario {
  accountId: string;
  regions: string[];
  series: BedrockSeries[];
  profiles: BedrockProfile[];
  quotas: BedrockQuota[];
  costs: BedrockCostRecord[];
  /** Deterministic stats of one series for the minute starting at `minuteStart`; `null` = no datapoint. */
  minute(series: BedrockSeries, minuteStart: number): BedrockPeriodStats | null;
  /** The same for a whole hour, consistent with its minutes (sums equal); `null` = no datapoint. */
  hour(series: BedrockSeries, hourStart: number): BedrockPeriodStats | null;
}

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
}

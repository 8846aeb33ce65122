import type { AnthropicCostRecord, AnthropicUsageRecord, Scenario } from '../../../src/sim/scenario-types.js';

/** 2026-11-26T00:00:00Z */
export const SMALL_START = Date.UTC(2026, 10, 26) / 1000;
const HOURS = 72;
const WORKSPACES = ['wrkspc_search', null] as const;
const API_KEYS = ['apikey_a', 'apikey_b'] as const;
const MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5'] as const;
const TOKEN_LINES = [
  ['uncached_input_tokens', 'Input Tokens'],
  ['output_tokens', 'Output Tokens'],
  ['cache_read_input_tokens', 'Cache Read Tokens'],
] as const;

/**
 * Three days, two workspaces (one the default, `null`), two keys, two models: deterministic
 * arithmetic, no randomness. Amounts have odd micro-dollars, a credit, and a line split in two.
 */
export function smallScenario(): Pick<Scenario, 'start' | 'end' | 'anthropic'> {
  const usage: AnthropicUsageRecord[] = [];
  for (let hour = 0; hour < HOURS; hour++) {
    WORKSPACES.forEach((workspaceId, w) => {
      API_KEYS.forEach((apiKeyId, k) => {
        MODELS.forEach((model, m) => {
          if ((hour + w + 2 * k + 3 * m) % 4 === 0) return;
          usage.push({
            hourStart: SMALL_START + hour * 3_600,
            workspaceId,
            apiKeyId,
            model,
            serviceTier: m === 1 && hour % 5 === 0 ? 'batch' : 'standard',
            contextWindow: hour % 11 === 0 ? '200k-1M' : '0-200k',
            inferenceGeo: k === 0 ? 'global' : 'us',
            uncachedInputTokens: 1_000 + hour * 7 + w * 13 + k * 17 + m * 19,
            cacheReadInputTokens: 5_000 + hour * 3,
            cacheCreation5mTokens: 200 + k * 50,
            cacheCreation1hTokens: m === 0 ? 100 + w : 0,
            outputTokens: 400 + hour + m * 31,
            webSearchRequests: hour % 6 === 0 ? 1 : 0,
          });
        });
      });
    });
  }
  const costs: AnthropicCostRecord[] = [];
  for (let day = 0; day < 3; day++) {
    const dayStart = SMALL_START + day * 86_400;
    WORKSPACES.forEach((workspaceId, w) => {
      MODELS.forEach((model, m) => {
        TOKEN_LINES.forEach(([tokenType, label], t) => {
          costs.push({
            day: dayStart,
            workspaceId,
            description: `${model === MODELS[0] ? 'Claude Sonnet 4.5' : 'Claude Haiku 4.5'} Usage - ${label}`,
            costType: 'tokens',
            tokenType,
            model,
            serviceTier: 'standard',
            contextWindow: '0-200k',
            inferenceGeo: 'global',
            amountMicros: 1_234_567 + day * 1_000_003 + w * 70_001 + m * 9_999_999 + t * 123,
          });
        });
      });
      for (const amountMicros of [10_001, 20_002]) {
        costs.push({ ...webSearch(dayStart, workspaceId), amountMicros });
      }
    });
  }
  costs.push({
    ...webSearch(SMALL_START + 86_400, 'wrkspc_search'),
    description: 'Credit',
    amountMicros: -2_500_000,
  });
  return { start: SMALL_START, end: SMALL_START + HOURS * 3_600, anthropic: { usage, costs } };
}

function webSearch(day: number, workspaceId: string | null): AnthropicCostRecord {
  return {
    day,
    workspaceId,
    description: 'Web Search',
    costType: 'web_search',
    tokenType: null,
    model: null,
    serviceTier: null,
    contextWindow: null,
    inferenceGeo: null,
    amountMicros: 0,
  };
}

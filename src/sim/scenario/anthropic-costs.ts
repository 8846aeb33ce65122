import type { AnthropicCostRecord, AnthropicUsageRecord } from '../scenario-types.js';
import { utcDay } from './demo-story.js';
import { ANTHROPIC_LIST_PRICES, anthropicRates, lineCostMicros } from './list-prices.js';

/** $10 per 1,000 web searches. */
export const WEB_SEARCH_MICROS = 10_000;

const TOKEN_LINES = [
  { field: 'uncachedInputTokens', rate: 'input', tokenType: 'uncached_input_tokens', label: 'Input Tokens' },
  { field: 'outputTokens', rate: 'output', tokenType: 'output_tokens', label: 'Output Tokens' },
  {
    field: 'cacheReadInputTokens',
    rate: 'cacheRead',
    tokenType: 'cache_read_input_tokens',
    label: 'Cache Read',
  },
  {
    field: 'cacheCreation5mTokens',
    rate: 'cacheWrite5m',
    tokenType: 'cache_creation.ephemeral_5m_input_tokens',
    label: 'Cache Write (5m)',
  },
  {
    field: 'cacheCreation1hTokens',
    rate: 'cacheWrite1h',
    tokenType: 'cache_creation.ephemeral_1h_input_tokens',
    label: 'Cache Write (1h)',
  },
] as const;

type TokenField = (typeof TOKEN_LINES)[number]['field'];

interface DayGroup {
  day: number;
  sample: AnthropicUsageRecord;
  tokens: Record<TokenField, number>;
  webSearchRequests: number;
}

/**
 * The cost report the usage implies: per UTC day, workspace and line (model × tier × context
 * window × token kind) the day's tokens at list price, each line rounded half to even to the
 * micro-dollar; plus one web-search line per workspace and day that searched.
 */
export function anthropicCosts(usage: readonly AnthropicUsageRecord[]): AnthropicCostRecord[] {
  const groups = new Map<string, DayGroup>();
  for (const row of usage) {
    const day = utcDay(row.hourStart);
    const key = [day, row.workspaceId, row.model, row.serviceTier, row.contextWindow, row.inferenceGeo].join(
      '|',
    );
    let group = groups.get(key);
    if (!group) {
      const tokens = Object.fromEntries(TOKEN_LINES.map((line) => [line.field, 0])) as Record<
        TokenField,
        number
      >;
      group = { day, sample: row, tokens, webSearchRequests: 0 };
      groups.set(key, group);
    }
    for (const line of TOKEN_LINES) group.tokens[line.field] += row[line.field];
    group.webSearchRequests += row.webSearchRequests;
  }

  const costs: AnthropicCostRecord[] = [];
  const webSearches = new Map<string, { day: number; workspaceId: string | null; requests: number }>();
  for (const { day, sample, tokens, webSearchRequests } of groups.values()) {
    const rates = anthropicRates(sample.model, {
      batch: sample.serviceTier === 'batch',
      longContext: sample.contextWindow === '200k-1M',
    });
    for (const line of TOKEN_LINES) {
      if (tokens[line.field] === 0) continue;
      costs.push({
        day,
        workspaceId: sample.workspaceId,
        description: `${describeUsage(sample)} - ${line.label}`,
        costType: 'tokens',
        tokenType: line.tokenType,
        model: sample.model,
        serviceTier: sample.serviceTier,
        contextWindow: sample.contextWindow,
        inferenceGeo: sample.inferenceGeo,
        amountMicros: lineCostMicros(tokens[line.field], rates[line.rate]),
      });
    }
    if (webSearchRequests > 0) {
      const key = `${day}|${sample.workspaceId}`;
      const searches = webSearches.get(key) ?? { day, workspaceId: sample.workspaceId, requests: 0 };
      searches.requests += webSearchRequests;
      webSearches.set(key, searches);
    }
  }
  for (const { day, workspaceId, requests } of webSearches.values()) {
    costs.push({
      day,
      workspaceId,
      description: 'Web Search',
      costType: 'web_search',
      tokenType: null,
      model: null,
      serviceTier: null,
      contextWindow: null,
      inferenceGeo: null,
      amountMicros: requests * WEB_SEARCH_MICROS,
    });
  }
  return costs.sort(
    (a, b) =>
      a.day - b.day ||
      (a.workspaceId ?? '').localeCompare(b.workspaceId ?? '') ||
      a.description.localeCompare(b.description),
  );
}

/** "Claude Sonnet 4.5 Usage", "Claude Opus 4.1 Batch Usage", "Claude Sonnet 4.5 Long Context Usage". */
function describeUsage(row: AnthropicUsageRecord): string {
  const name = ANTHROPIC_LIST_PRICES[row.model]?.displayName ?? row.model;
  const batch = row.serviceTier === 'batch' ? ' Batch' : '';
  const longContext = row.contextWindow === '200k-1M' ? ' Long Context' : '';
  return `${name}${longContext}${batch} Usage`;
}

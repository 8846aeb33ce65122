import { vertexBillingRows } from '../google/bigquery/vertex-billing-rows.js';
import type { AnthropicUsageRecord, OpenAiUsageRecord, Scenario } from '../scenario-types.js';
import { anthropicCosts } from './anthropic-costs.js';
import { generateBedrockScenario } from './bedrock/generate-bedrock-scenario.js';
import { DAY, HOUR, utcDay } from './demo-story.js';
import { openAiCosts, openAiCredit, sortOpenAiCosts } from './openai-costs.js';
import { type WorkloadHour, workloadHour } from './workload-hours.js';
import { buildWorld } from './world.js';

/** The one-off OpenAI credit the scenario books in the middle of the period. */
export const SCENARIO_CREDIT_MICROS = 25_000_000;

export interface GenerateScenarioOptions {
  /** End of the period, UTC epoch seconds; aligned down to the hour. */
  end: number;
  days?: number;
  seed?: number;
}

/**
 * The demo company's Anthropic and OpenAI usage and costs for `[end − days, end)`: hourly usage
 * rows for hours with traffic, daily cost lines at list price; and its Amazon Bedrock metrics,
 * quotas and costs (see `generateBedrockScenario`). Pure and deterministic in (end, days, seed);
 * records are sorted by time. The story is in `demoStory(end)`.
 */
export function generateScenario({ end, days = 90, seed = 42 }: GenerateScenarioOptions): Scenario {
  const alignedEnd = end - (((end % HOUR) + HOUR) % HOUR);
  const start = alignedEnd - days * DAY;
  const world = buildWorld(alignedEnd);
  const anthropicUsage: AnthropicUsageRecord[] = [];
  const openaiUsage: OpenAiUsageRecord[] = [];
  for (let hourStart = start; hourStart < alignedEnd; hourStart += HOUR) {
    for (const workload of world) {
      const hour = workloadHour(workload, hourStart, alignedEnd, seed);
      if (!hour) continue;
      if (workload.provider === 'anthropic') anthropicUsage.push(anthropicUsageRecord(hour));
      else openaiUsage.push(openAiUsageRecord(hour));
    }
  }

  const openaiCosts = openAiCosts(openaiUsage);
  openaiCosts.push(openAiCredit(utcDay(start + Math.floor(days / 2) * DAY), SCENARIO_CREDIT_MICROS));
  return {
    start,
    end: alignedEnd,
    anthropic: { usage: anthropicUsage, costs: anthropicCosts(anthropicUsage) },
    openai: { usage: openaiUsage, costs: sortOpenAiCosts(openaiCosts) },
    bedrock: generateBedrockScenario({ start, end: alignedEnd, seed }),
    vertex: { billingRows: vertexBillingRows(alignedEnd, (alignedEnd - start) / DAY) },
    azure: true,
  };
}

function anthropicUsageRecord({
  workload,
  hourStart,
  tokens,
  webSearchRequests,
}: WorkloadHour): AnthropicUsageRecord {
  return {
    hourStart,
    workspaceId: workload.scopeId,
    apiKeyId: workload.apiKeyId,
    model: workload.model,
    serviceTier: workload.batch ? 'batch' : 'standard',
    contextWindow: workload.longContext ? '200k-1M' : '0-200k',
    inferenceGeo: 'global',
    uncachedInputTokens: tokens.uncachedInput,
    cacheReadInputTokens: tokens.cacheRead,
    cacheCreation5mTokens: tokens.cacheWrite5m,
    cacheCreation1hTokens: tokens.cacheWrite1h,
    outputTokens: tokens.output,
    webSearchRequests,
  };
}

function openAiUsageRecord({ workload, hourStart, requests, tokens }: WorkloadHour): OpenAiUsageRecord {
  return {
    hourStart,
    projectId: workload.scopeId,
    apiKeyId: workload.apiKeyId,
    userId: null,
    model: workload.model,
    batch: workload.batch,
    serviceTier: 'default',
    inputTokens: tokens.uncachedInput + tokens.cacheRead,
    inputCachedTokens: tokens.cacheRead,
    inputCacheWriteTokens: 0,
    outputTokens: tokens.output,
    numModelRequests: requests,
  };
}

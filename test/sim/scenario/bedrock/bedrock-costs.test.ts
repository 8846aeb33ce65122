import { describe, expect, it } from 'vitest';
import type { BedrockRegion } from '../../../../src/sim/scenario/bedrock/bedrock-ids.js';
import {
  BEDROCK_MODELS,
  type BedrockTokenKind,
} from '../../../../src/sim/scenario/bedrock/bedrock-models.js';
import { generateBedrockScenario } from '../../../../src/sim/scenario/bedrock/generate-bedrock-scenario.js';
import { DAY, HOUR, utcDay, utcWeekday } from '../../../../src/sim/scenario/demo-story.js';
import { lineCostMicros } from '../../../../src/sim/scenario/list-prices.js';
import type { BedrockCostRecord } from '../../../../src/sim/scenario-types.js';

// Sunday 2026-11-29 14:00 UTC.
const END = Date.UTC(2026, 10, 29, 14) / 1000;
const START = END - 90 * DAY;
const scenario = generateBedrockScenario({ start: START, end: END });

const FIELD: Record<
  BedrockTokenKind,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'
> = {
  input: 'inputTokens',
  output: 'outputTokens',
  cacheRead: 'cacheReadTokens',
  cacheWrite: 'cacheWriteTokens',
};

/** Every row the hourly datapoints of one day imply, priced independently of bedrockCosts. */
function expectedRows(day: number): Map<string, { tokens: number; rate: number }> {
  const rows = new Map<string, { tokens: number; rate: number }>();
  for (const series of scenario.series) {
    const profile = scenario.profiles.find((p) => p.arn === series.modelId);
    const model = BEDROCK_MODELS[profile?.copyFrom ?? series.modelId]!;
    for (const kind of Object.keys(FIELD) as BedrockTokenKind[]) {
      let tokens = 0;
      for (let hourStart = Math.max(day, START); hourStart < Math.min(day + DAY, END); hourStart += HOUR) {
        tokens += scenario.hour(series, hourStart)?.[FIELD[kind]] ?? 0;
      }
      if (tokens === 0) continue;
      const usageType = model.usageType(series.region as BedrockRegion, kind);
      const key = [model.service, usageType, series.region, profile?.tags.team ?? ''].join('|');
      rows.set(key, { tokens: (rows.get(key)?.tokens ?? 0) + tokens, rate: model.rates[kind]! });
    }
  }
  return rows;
}

function rowKey(cost: BedrockCostRecord): string {
  return [cost.service, cost.usageType, cost.region, cost.tags.team].join('|');
}

function dailyTotals(): Map<number, number> {
  const totals = new Map<number, number>();
  for (const cost of scenario.costs) totals.set(cost.day, (totals.get(cost.day) ?? 0) + cost.amountMicros);
  return totals;
}

describe('Bedrock costs', () => {
  it.each([
    ['the partial first day', utcDay(START)],
    ['a Tuesday', Date.UTC(2026, 10, 24) / 1000],
    ['a Saturday', Date.UTC(2026, 10, 14) / 1000],
    ['the partial last day', utcDay(END)],
  ])('bills exactly the hourly tokens × list price on %s', (_, day) => {
    const expected = expectedRows(day);
    const rows = scenario.costs.filter((cost) => cost.day === day);
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const want = expected.get(rowKey(row));
      expect(want, rowKey(row)).toBeDefined();
      expect(row.usageQuantity).toBe(want!.tokens);
      expect(row.amountMicros).toBe(lineCostMicros(want!.tokens, want!.rate));
    }
  });

  it('keeps one row per day, service, usage type, account, region and tags, on the 91 UTC midnights of the period', () => {
    const keys = scenario.costs.map((c) =>
      [c.day, c.service, c.usageType, c.linkedAccount, c.region, c.tags.team, c.tags.feature].join('|'),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(scenario.costs.every((c) => c.day % DAY === 0 && c.day >= utcDay(START) && c.day < END)).toBe(
      true,
    );
    expect(scenario.costs.every((c) => c.linkedAccount === '123456789012')).toBe(true);
    expect(scenario.costs.every((c, i) => i === 0 || scenario.costs[i - 1]!.day <= c.day)).toBe(true);
    expect(new Set(scenario.costs.map((c) => c.day)).size).toBe(91);
  });

  it('bills Claude through AWS Marketplace per model and Nova and Llama as Amazon Bedrock', () => {
    const services = new Map(scenario.costs.map((c) => [c.service, c.billingEntity]));
    expect(Object.fromEntries(services)).toEqual({
      'Amazon Bedrock': 'AWS',
      'Claude 3 Haiku (Amazon Bedrock Edition)': 'AWS Marketplace',
      'Claude Haiku 4.5 (Amazon Bedrock Edition)': 'AWS Marketplace',
      'Claude Sonnet 4.5 (Amazon Bedrock Edition)': 'AWS Marketplace',
    });
    const usageTypes = new Set(scenario.costs.map((c) => c.usageType));
    for (const usageType of [
      'USE1-MP:USE1_InputTokenCount-Units',
      'USE1-MP:USE1_OutputTokenCount-Units',
      'USE1-MP:USE1_CacheReadInputTokenCount-Units',
      'USE1-MP:USE1_CacheWriteInputTokenCount-Units',
      'USE1-MP:USE1_OutputTokenCount_Global-Units',
      'USW2-MP:USW2_CacheReadInputTokenCount-Units',
      'USE1-Nova-Pro-input-tokens',
      'USE1-Nova-Pro-cache-read-input-token-count',
      'USW2-Llama3-3-70B-output-tokens',
    ]) {
      expect(usageTypes, usageType).toContain(usageType);
    }
  });

  it('leaves direct Sonnet, Claude 3 Haiku and Llama calls without tags (Cost Explorer team$ rows) and tags profile rows', () => {
    const untagged = scenario.costs.filter((c) => c.tags.team === '');
    expect(untagged.every((c) => c.tags.feature === '')).toBe(true);
    expect(new Set(untagged.map((c) => c.service))).toEqual(
      new Set([
        'Claude Sonnet 4.5 (Amazon Bedrock Edition)',
        'Claude 3 Haiku (Amazon Bedrock Edition)',
        'Amazon Bedrock',
      ]),
    );
    const teams = new Set(scenario.costs.map((c) => `${c.tags.team}/${c.tags.feature}`));
    expect(teams).toEqual(
      new Set([
        '/',
        'data/doc-summarizer',
        'platform/code-review',
        'mobile/voice-notes',
        'support/ticket-summaries',
      ]),
    );
    const share =
      untagged.reduce((sum, c) => sum + c.amountMicros, 0) /
      scenario.costs.reduce((sum, c) => sum + c.amountMicros, 0);
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.5);
  });

  it('spends $600 to $1,500 on every whole weekday and $250 to $600 on weekend days', () => {
    const totals = dailyTotals();
    const wholeDays = [...totals.keys()].filter((day) => day + DAY <= END);
    expect(wholeDays.length).toBe(90);
    for (const day of wholeDays) {
      const weekend = utcWeekday(day) === 0 || utcWeekday(day) === 6;
      expect(totals.get(day)).toBeGreaterThanOrEqual(weekend ? 250_000_000 : 600_000_000);
      expect(totals.get(day)).toBeLessThanOrEqual(weekend ? 600_000_000 : 1_500_000_000);
    }
  });
});

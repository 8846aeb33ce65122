import type { OpenAiCostRecord, OpenAiUsageRecord } from '../scenario-types.js';
import { utcDay } from './demo-story.js';
import { lineCostMicros, openAiRates } from './list-prices.js';

interface DayGroup {
  day: number;
  sample: OpenAiUsageRecord;
  uncachedInput: number;
  cachedInput: number;
  output: number;
}

/**
 * The costs endpoint's view of the usage: per UTC day, project, API key and line item
 * ("gpt-5.4, input", "gpt-5-mini, batch cached input") the day's tokens at list price, each line
 * rounded half to even to the micro-dollar.
 */
export function openAiCosts(usage: readonly OpenAiUsageRecord[]): OpenAiCostRecord[] {
  const groups = new Map<string, DayGroup>();
  for (const row of usage) {
    const day = utcDay(row.hourStart);
    const key = [day, row.projectId, row.apiKeyId, row.model, row.batch].join('|');
    let group = groups.get(key);
    if (!group) {
      group = { day, sample: row, uncachedInput: 0, cachedInput: 0, output: 0 };
      groups.set(key, group);
    }
    group.uncachedInput += row.inputTokens - row.inputCachedTokens - row.inputCacheWriteTokens;
    group.cachedInput += row.inputCachedTokens;
    group.output += row.outputTokens;
  }

  const costs: OpenAiCostRecord[] = [];
  for (const { day, sample, uncachedInput, cachedInput, output } of groups.values()) {
    const rates = openAiRates(sample.model, { batch: sample.batch });
    const prefix = `${sample.model}, ${sample.batch ? 'batch ' : ''}`;
    const lines = [
      { name: 'input', tokens: uncachedInput, rate: rates.input },
      { name: 'cached input', tokens: cachedInput, rate: rates.cachedInput },
      { name: 'output', tokens: output, rate: rates.output },
    ];
    for (const line of lines) {
      if (line.tokens === 0) continue;
      costs.push({
        day,
        projectId: sample.projectId,
        apiKeyId: sample.apiKeyId,
        lineItem: `${prefix}${line.name}`,
        amountMicros: lineCostMicros(line.tokens, line.rate),
        quantity: line.tokens,
        quantityUnit: 'tokens',
      });
    }
  }
  return costs;
}

/** A goodwill credit line: negative, org-wide, no quantity. */
export function openAiCredit(day: number, amountMicros: number): OpenAiCostRecord {
  return {
    day,
    projectId: null,
    apiKeyId: null,
    lineItem: 'credit',
    amountMicros: -Math.abs(amountMicros),
    quantity: null,
    quantityUnit: null,
  };
}

export function sortOpenAiCosts(costs: OpenAiCostRecord[]): OpenAiCostRecord[] {
  return costs.sort(
    (a, b) =>
      a.day - b.day ||
      (a.projectId ?? '').localeCompare(b.projectId ?? '') ||
      (a.apiKeyId ?? '').localeCompare(b.apiKeyId ?? '') ||
      a.lineItem.localeCompare(b.lineItem),
  );
}

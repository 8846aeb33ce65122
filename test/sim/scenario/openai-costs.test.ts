import { describe, expect, it } from 'vitest';
import { DAY, demoStory, utcDay } from '../../../src/sim/scenario/demo-story.js';
import { generateScenario } from '../../../src/sim/scenario/generate-scenario.js';

const END = Date.UTC(2026, 10, 29, 14, 30) / 1000;
const scenario = generateScenario({ end: END, days: 45 });
const story = demoStory(END);

// micro-USD per MTok: input, cached input, output (batch is half).
const PRICES: Record<string, [number, number, number]> = {
  'gpt-5.4': [2_500_000, 250_000, 15_000_000],
  'gpt-5-mini': [250_000, 25_000, 2_000_000],
  'gpt-4.1-2025-04-14': [2_000_000, 500_000, 8_000_000],
};

function halfEven(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  const up = twice > denominator || (twice === denominator && quotient % 2n === 1n);
  return Number(up ? quotient + 1n : quotient);
}

type Line = { amount: number; quantity: number | null; unit: string | null };

function expectedLines(day: number): Map<string, Line> {
  const tokens = new Map<string, number>();
  for (const row of scenario.openai.usage) {
    if (utcDay(row.hourStart) !== day) continue;
    const prefix = `${row.projectId}|${row.apiKeyId}|${row.model}, ${row.batch ? 'batch ' : ''}`;
    const counts: [string, number][] = [
      ['input', row.inputTokens - row.inputCachedTokens - row.inputCacheWriteTokens],
      ['cached input', row.inputCachedTokens],
      ['output', row.outputTokens],
    ];
    for (const [name, count] of counts) tokens.set(prefix + name, (tokens.get(prefix + name) ?? 0) + count);
  }
  const lines = new Map<string, Line>();
  for (const [key, count] of tokens) {
    if (count === 0) continue;
    const lineItem = key.split('|')[2]!;
    const [model, kind] = lineItem.split(', ') as [string, string];
    const rate = PRICES[model]![kind.endsWith('cached input') ? 1 : kind.endsWith('input') ? 0 : 2];
    const divisor = kind.startsWith('batch') ? 2_000_000n : 1_000_000n;
    lines.set(key, {
      amount: halfEven(BigInt(count) * BigInt(rate), divisor),
      quantity: count,
      unit: 'tokens',
    });
  }
  return lines;
}

function actualLines(day: number): Map<string, Line> {
  const lines = new Map<string, Line>();
  for (const cost of scenario.openai.costs.filter((c) => c.day === day && c.lineItem !== 'credit')) {
    const key = `${cost.projectId}|${cost.apiKeyId}|${cost.lineItem}`;
    expect(lines.has(key)).toBe(false);
    lines.set(key, { amount: cost.amountMicros, quantity: cost.quantity, unit: cost.quantityUnit });
  }
  return lines;
}

describe('openAiCosts', () => {
  it.each([
    ['a day before the switch', story.switchDay - 10 * DAY],
    ['the switch day', story.switchDay],
    ['the partial last day', utcDay(scenario.end)],
  ])('bills %s at exactly tokens × list price per project, key and line item', (_name, day) => {
    const expected = expectedLines(day);
    expect(expected.size).toBeGreaterThan(8);
    expect(actualLines(day)).toEqual(expected);
  });

  it('names batch lines "gpt-5-mini, batch input" and "… batch output"', () => {
    const items = new Set(scenario.openai.costs.map((c) => c.lineItem));
    expect(items.has('gpt-5-mini, batch input')).toBe(true);
    expect(items.has('gpt-5-mini, batch output')).toBe(true);
    expect(items.has('gpt-5.4, cached input')).toBe(true);
  });

  it('books exactly one org-wide credit of −$25.00 in the middle of the period', () => {
    const credits = scenario.openai.costs.filter((c) => c.amountMicros < 0);
    expect(credits).toEqual([
      {
        day: utcDay(scenario.start + 22 * DAY),
        projectId: null,
        apiKeyId: null,
        lineItem: 'credit',
        amountMicros: -25_000_000,
        quantity: null,
        quantityUnit: null,
      },
    ]);
  });
});

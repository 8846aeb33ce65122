import { describe, expect, it } from 'vitest';
import { DAY, demoStory, utcDay } from '../../../src/sim/scenario/demo-story.js';
import { generateScenario } from '../../../src/sim/scenario/generate-scenario.js';
import type { AnthropicCostRecord } from '../../../src/sim/scenario-types.js';

const END = Date.UTC(2026, 10, 29, 14, 30) / 1000;
const scenario = generateScenario({ end: END, days: 45 });
const story = demoStory(END);

// List prices in micro-USD per MTok, written out independently of the generator's table:
// input, 5m cache write, 1h cache write, cache read, output.
const PRICES: Record<string, { name: string; standard: number[]; longContext?: number[] }> = {
  'claude-sonnet-4-5-20250929': {
    name: 'Claude Sonnet 4.5',
    standard: [3e6, 3.75e6, 6e6, 0.3e6, 15e6],
    longContext: [6e6, 7.5e6, 12e6, 0.6e6, 22.5e6],
  },
  'claude-haiku-4-5-20251001': { name: 'Claude Haiku 4.5', standard: [1e6, 1.25e6, 2e6, 0.1e6, 5e6] },
  'claude-opus-4-1-20250805': { name: 'Claude Opus 4.1', standard: [15e6, 18.75e6, 30e6, 1.5e6, 75e6] },
};
const KINDS = [
  ['Input Tokens', 'uncached_input_tokens'],
  ['Cache Write (5m)', 'cache_creation.ephemeral_5m_input_tokens'],
  ['Cache Write (1h)', 'cache_creation.ephemeral_1h_input_tokens'],
  ['Cache Read', 'cache_read_input_tokens'],
  ['Output Tokens', 'output_tokens'],
] as const;

function halfEven(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  const up = twice > denominator || (twice === denominator && quotient % 2n === 1n);
  return Number(up ? quotient + 1n : quotient);
}

/** The cost lines of `day` recomputed from the usage rows, keyed by workspace and description. */
function expectedLines(day: number): Map<string, { amount: number; tokenType: string | null }> {
  const tokens = new Map<string, number>();
  const searches = new Map<string, number>();
  for (const row of scenario.anthropic.usage) {
    if (utcDay(row.hourStart) !== day) continue;
    const price = PRICES[row.model]!;
    const batch = row.serviceTier === 'batch';
    const longContext = row.contextWindow === '200k-1M';
    const description = `${price.name}${longContext ? ' Long Context' : ''}${batch ? ' Batch' : ''} Usage`;
    const counts = [
      row.uncachedInputTokens,
      row.cacheCreation5mTokens,
      row.cacheCreation1hTokens,
      row.cacheReadInputTokens,
      row.outputTokens,
    ];
    KINDS.forEach(([label], i) => {
      const key = [row.workspaceId, `${description} - ${label}`, batch, longContext, row.model, i].join('|');
      tokens.set(key, (tokens.get(key) ?? 0) + counts[i]!);
    });
    const scope = row.workspaceId ?? '';
    searches.set(scope, (searches.get(scope) ?? 0) + row.webSearchRequests);
  }
  const lines = new Map<string, { amount: number; tokenType: string | null }>();
  for (const [key, count] of tokens) {
    if (count === 0) continue;
    const [workspace, description, batch, longContext, model, kind] = key.split('|');
    const price = PRICES[model!]!;
    const rate = ((longContext === 'true' ? price.longContext : price.standard) ?? price.standard)[
      Number(kind)
    ]!;
    const divisor = batch === 'true' ? 2_000_000n : 1_000_000n;
    lines.set(`${workspace}|${description}`, {
      amount: halfEven(BigInt(count) * BigInt(rate), divisor),
      tokenType: KINDS[Number(kind)]![1],
    });
  }
  for (const [workspace, count] of searches) {
    if (count > 0) lines.set(`${workspace}|Web Search`, { amount: count * 10_000, tokenType: null });
  }
  return lines;
}

function actualLines(day: number): Map<string, { amount: number; tokenType: string | null }> {
  const lines = new Map<string, { amount: number; tokenType: string | null }>();
  for (const cost of scenario.anthropic.costs.filter((c: AnthropicCostRecord) => c.day === day)) {
    const key = `${cost.workspaceId ?? ''}|${cost.description}`;
    expect(lines.has(key)).toBe(false);
    lines.set(key, { amount: cost.amountMicros, tokenType: cost.tokenType });
  }
  return lines;
}

const firstLongContextDay = utcDay(
  scenario.anthropic.usage.find((row) => row.contextWindow === '200k-1M' && row.hourStart >= story.switchDay)!
    .hourStart,
);

describe('anthropicCosts', () => {
  it.each([
    ['a weekday after the switch', story.switchDay + 3 * DAY],
    ['the first day with long-context rows after the switch', firstLongContextDay],
    ['the ask-docs launch day', story.askDocsLaunch],
    ['the partial last day (hours before 14:00 only)', utcDay(scenario.end)],
  ])('bills %s at exactly tokens × list price, half-even per line', (_name, day) => {
    const expected = expectedLines(day);
    expect(expected.size).toBeGreaterThan(10);
    expect(actualLines(day)).toEqual(expected);
  });

  it('labels long-context Sonnet 4.5 lines with context_window 200k-1M and their own description', () => {
    const long = scenario.anthropic.costs.find(
      (c) =>
        c.day === firstLongContextDay &&
        c.contextWindow === '200k-1M' &&
        c.tokenType === 'uncached_input_tokens',
    );
    expect(long?.description).toBe('Claude Sonnet 4.5 Long Context Usage - Input Tokens');
    expect(long?.serviceTier).toBe('standard');
    expect(long?.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('books a daily web-search line for wrkspc_growth at $10 per 1,000 searches and none elsewhere', () => {
    const searchLines = scenario.anthropic.costs.filter((c) => c.costType === 'web_search');
    expect(new Set(searchLines.map((c) => c.workspaceId))).toEqual(new Set(['wrkspc_growth']));
    expect(searchLines.every((c) => c.amountMicros > 0 && c.amountMicros % 10_000 === 0)).toBe(true);
    expect(searchLines.every((c) => c.model === null && c.tokenType === null)).toBe(true);
  });

  it('bills the default workspace (Console use) under workspace null', () => {
    const console = scenario.anthropic.costs.filter((c) => c.workspaceId === null);
    expect(console.length).toBeGreaterThan(0);
    const total = console.reduce((sum, c) => sum + c.amountMicros, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(45 * 50_000_000);
  });
});

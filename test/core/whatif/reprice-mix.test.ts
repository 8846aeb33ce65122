import { describe, expect, it } from 'vitest';
import type { TokenCounts } from '../../../src/core/facts.js';
import { createPriceBook } from '../../../src/core/pricing/price-book.js';
import { capabilityClass, parseTarget } from '../../../src/core/whatif/capability-class.js';
import { type MixRow, repriceMix } from '../../../src/core/whatif/reprice-mix.js';

const DAY = 86_400;
const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const list = createPriceBook();
const tokens = (partial: Partial<TokenCounts>): TokenCounts => ({
  uncachedInput: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  ...partial,
});

// Claude Sonnet 4.5 list: $3 in, $3.75 5m write, $6 1h write, $0.30 read, $15 out.
const sonnetCached: MixRow = {
  day: NOV_1,
  source: 'anthropic',
  model: 'claude-sonnet-4-5-20250929',
  tokens: tokens({
    uncachedInput: 1_000_000,
    cacheWrite5m: 200_000,
    cacheWrite1h: 100_000,
    cacheRead: 2_000_000,
    output: 300_000,
  }),
  estimatedMicros: 9_450_000, // 3 + 0.75 + 0.6 + 0.6 + 4.5
  unpricedTokens: 0,
};
const sonnetBatch: MixRow = {
  day: NOV_1 + DAY,
  source: 'anthropic',
  model: 'claude-sonnet-4-5-20250929',
  serviceTier: 'batch',
  tokens: tokens({ uncachedInput: 400_000, output: 100_000 }),
  estimatedMicros: 1_350_000, // (1.2 + 1.5) / 2
  unpricedTokens: 0,
};

describe('repriceMix', () => {
  it('re-prices cache reads/writes and batch on gpt-4.1 ($2 in and writes, $0.50 read, $8 out): $6.80 kept, $10.60 with neither', () => {
    const result = repriceMix(
      [sonnetCached, sonnetBatch],
      { source: 'openai', model: 'gpt-4.1' },
      {
        book: list,
        listBook: list,
      },
    );
    expect(result.kind).toBe('priced');
    if (result.kind !== 'priced') return;
    expect(result.actualMicros).toBe(10_800_000);
    // kept: 1h writes have no gpt-4.1 rate → input: 1.1M×2 + 0.2M×2 + 2M×0.5 + 0.3M×8 = 6.0; batch (0.8+0.8)/2 = 0.8
    // noCache: 3.3M×2 + 2.4 = 9.0 (+0.8); noBatch: 6.0 + 1.6; neither: 9.0 + 1.6
    expect(result.scenarios).toEqual({
      kept: 6_800_000,
      noCache: 9_800_000,
      noBatch: 7_600_000,
      neither: 10_600_000,
    });
    expect([result.low, result.high]).toEqual([6_800_000, 10_600_000]);
    expect(result.basis).toBe('list');
    expect(result.catalogModelId).toBe('openai/gpt-4.1');
    expect(result.movedTokens).toBe(4_100_000);
    expect(result.notes.join(' ')).toContain('paid as input');
  });

  it('pays cache writes as input where the target lists no write rate: gemini-2.5-flash → $1.385', () => {
    // Vertex gemini-2.5-flash: $0.30 in, no write rate, $0.03 read, $2.50 out; batch halves all but reads.
    // 1.3M×0.3 + 2M×0.03 + 0.3M×2.5 = 1.20; batch (0.4M×0.3 + 0.1M×2.5) / 2 = 0.185
    const result = repriceMix(
      [sonnetCached, sonnetBatch],
      { source: 'vertex', model: 'gemini-2.5-flash' },
      {
        book: list,
        listBook: list,
      },
    );
    expect(result.kind === 'priced' && result.scenarios.kept).toBe(1_385_000);
    expect(result.kind === 'priced' && result.notes.join(' ')).toContain('paid as input');
  });

  it('prices each day at the price in force that day: o3 $10/$40 on 2025-06-09, $2/$8 from 2025-06-10 → $60', () => {
    const june9 = Date.UTC(2025, 5, 9) / 1000;
    const row = (day: number): MixRow => ({
      day,
      source: 'openai',
      model: 'gpt-4.1',
      tokens: tokens({ uncachedInput: 1_000_000, output: 1_000_000 }),
      estimatedMicros: 10_000_000,
      unpricedTokens: 0,
    });
    const result = repriceMix(
      [row(june9), row(june9 + DAY)],
      { source: 'openai', model: 'o3' },
      {
        book: list,
        listBook: list,
      },
    );
    expect(result.kind === 'priced' && result.scenarios.kept).toBe(60_000_000);
  });

  it('uses negotiated prices and says so: 10% off OpenAI makes $6.80 → $6.12', () => {
    const negotiated = createPriceBook({
      models: [],
      discounts: [{ source: 'openai', percent: '10' }],
      tiers: [],
      aliases: {},
    });
    const result = repriceMix(
      [sonnetCached, sonnetBatch],
      { source: 'openai', model: 'gpt-4.1' },
      {
        book: negotiated,
        listBook: list,
      },
    );
    expect(result.kind === 'priced' && [result.scenarios.kept, result.basis]).toEqual([
      6_120_000,
      'negotiated',
    ]);
  });

  it('rounds once per re-priced row, half to even: 7 input + 1 output of gpt-4o-mini = 1.65 µ$ → 2', () => {
    const row: MixRow = {
      ...sonnetCached,
      tokens: tokens({ uncachedInput: 7, output: 1 }),
      estimatedMicros: 36,
    };
    const result = repriceMix(
      [row],
      { source: 'openai', model: 'gpt-4o-mini' },
      { book: list, listBook: list },
    );
    expect(result.kind === 'priced' && result.scenarios.kept).toBe(2);
  });

  it('moves only the rows selected and keeps the stored estimate of the others ($1.35 + haiku $0.50)', () => {
    const haiku: MixRow = {
      day: NOV_1,
      source: 'anthropic',
      model: 'claude-haiku-4-5',
      tokens: tokens({ uncachedInput: 500_000 }),
      estimatedMicros: 500_000,
      unpricedTokens: 0,
    };
    const result = repriceMix(
      [sonnetBatch, haiku],
      { source: 'openai', model: 'gpt-4.1' },
      {
        book: list,
        listBook: list,
        moves: (row) => capabilityClass(row.model) === 'mid',
      },
    );
    expect(
      result.kind === 'priced' && [result.actualMicros, result.scenarios.kept, result.scenarios.noBatch],
    ).toEqual([1_850_000, 1_300_000, 2_100_000]);
  });

  it('says why a model it cannot price is refused: openai gpt-unknown-9', () => {
    const result = repriceMix(
      [sonnetCached],
      { source: 'openai', model: 'gpt-unknown-9' },
      {
        book: list,
        listBook: list,
      },
    );
    expect(result.kind).toBe('unpriced');
    expect(result.kind === 'unpriced' && result.hint).toContain('prices.models');
  });
});

describe('capability classes', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'mid'],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'small'],
    ['claude-opus-4-6', 'frontier'],
    ['gpt-5.4', 'frontier'],
    ['gpt-5-mini', 'small'],
    ['gpt-4.1-2025-04-14', 'mid'],
    ['o4-mini', 'reasoning'],
    ['gemini-2.5-flash-lite', 'small'],
    ['gemini-2.5-pro', 'frontier'],
    ['meta.llama3-3-70b-instruct-v1:0', 'mid'],
  ])('%s is %s', (model, expected) => {
    expect(capabilityClass(model)).toBe(expected);
  });

  it('reads targets: bare names go to the maker, source:model names the provider', () => {
    expect(parseTarget('gpt-5.4')).toEqual({ source: 'openai', model: 'gpt-5.4' });
    expect(parseTarget('gemini-2.5-pro')).toEqual({ source: 'vertex', model: 'gemini-2.5-pro' });
    expect(parseTarget('bedrock:amazon.nova-pro-v1:0')).toEqual({
      source: 'bedrock',
      model: 'amazon.nova-pro-v1:0',
    });
    expect(parseTarget('global.anthropic.claude-sonnet-4-5-20250929-v1:0')?.source).toBe('bedrock');
    expect(parseTarget('mystery-model')).toBeUndefined();
  });
});

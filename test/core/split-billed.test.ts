import { describe, expect, it } from 'vitest';
import { modelFamily } from '../../src/core/model-family.js';
import { splitBilled, type UsageWeight } from '../../src/core/split-billed.js';

const usage: UsageWeight[] = [
  {
    scope: 'anthropic||wrkspc_a',
    model: 'claude-sonnet-4-5-20250929',
    team: 'search',
    feature: 'ask-docs',
    estimatedMicros: 3_000_000,
    tokens: 1,
  },
  {
    scope: 'anthropic||wrkspc_a',
    model: 'claude-sonnet-4-5-20250929',
    team: 'search',
    feature: 'rewrite',
    estimatedMicros: 1_000_000,
    tokens: 1,
  },
  {
    scope: 'anthropic||wrkspc_a',
    model: 'claude-haiku-4-5-20251001',
    team: 'growth',
    feature: 'copy',
    estimatedMicros: 500_000,
    tokens: 1,
  },
  {
    scope: 'anthropic||wrkspc_b',
    model: 'claude-opus-4-1',
    team: 'data',
    feature: '(none)',
    estimatedMicros: 0,
    tokens: 0,
  },
];

describe('splitBilled', () => {
  it('splits a $10.000001 Sonnet line 3:1 over the Sonnet usage of its workspace only', () => {
    const shares = splitBilled(
      [
        {
          id: 1,
          scope: 'anthropic||wrkspc_a',
          model: 'claude-sonnet-4-5',
          amountMicros: 10_000_001,
          team: 'x',
          feature: 'y',
        },
      ],
      usage,
    );
    expect(shares).toEqual([
      {
        billedId: 1,
        team: 'search',
        feature: 'ask-docs',
        model: 'claude-sonnet-4-5-20250929',
        micros: 7_500_001,
      },
      {
        billedId: 1,
        team: 'search',
        feature: 'rewrite',
        model: 'claude-sonnet-4-5-20250929',
        micros: 2_500_000,
      },
    ]);
  });

  it('falls back to the whole scope when no usage has the line model', () => {
    const shares = splitBilled(
      [
        {
          id: 2,
          scope: 'anthropic||wrkspc_a',
          model: 'claude-opus-4-1',
          amountMicros: 900,
          team: 'x',
          feature: 'y',
        },
      ],
      usage,
    );
    expect(shares.map((share) => share.micros)).toEqual([600, 200, 100]);
  });

  it('gives a line no usage can carry to its own attribution, whole', () => {
    const lines = [
      {
        id: 3,
        scope: 'anthropic||wrkspc_b',
        model: '',
        amountMicros: 1_234,
        team: 'data',
        feature: 'web-search',
      },
      {
        id: 4,
        scope: 'openai||proj_x',
        model: 'gpt-5.4',
        amountMicros: -25_000_000,
        team: 'unallocated',
        feature: '(none)',
      },
    ];
    expect(splitBilled(lines, usage)).toEqual([
      { billedId: 3, team: 'data', feature: 'web-search', model: '', micros: 1_234 },
      { billedId: 4, team: 'unallocated', feature: '(none)', model: 'gpt-5.4', micros: -25_000_000 },
    ]);
  });

  it('keeps every line whole: shares of 50 random lines add up to their amounts', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    const lines = Array.from({ length: 50 }, (_, id) => ({
      id,
      scope: id % 2 === 0 ? 'anthropic||wrkspc_a' : 'anthropic||wrkspc_b',
      model: id % 3 === 0 ? 'claude-haiku-4-5' : '',
      amountMicros: next() - 1_000_000_000,
      team: 'unallocated',
      feature: '(none)',
    }));
    const shares = splitBilled(lines, usage);
    for (const line of lines) {
      const total = shares
        .filter((share) => share.billedId === line.id)
        .reduce((sum, share) => sum + share.micros, 0);
      expect(total).toBe(line.amountMicros);
    }
  });
});

describe('modelFamily', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-5.4', 'gpt-5.4'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['global.anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku'],
    ['us.amazon.nova-pro-v1:0', 'nova-pro'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
  ])('%s → %s', (model, family) => {
    expect(modelFamily(model)).toBe(family);
  });
});

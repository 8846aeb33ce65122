import { describe, expect, it } from 'vitest';
import { foldNestedScopes } from '../../../src/core/reconcile/fold-nested-scopes.js';

const DAY = Date.UTC(2026, 10, 27) / 1000;
const row = (scope: string, usage: { estimated: number; tokens: number }, billed: number, final = 1) => ({
  source: 'vertex',
  day: DAY,
  scope,
  estimatedMicros: usage.estimated,
  billedMicros: billed,
  creditMicros: Math.min(0, billed),
  final,
  totalTokens: usage.tokens,
  unpricedTokens: 0,
  cacheTokens: 0,
  batchTokens: 0,
  priorityTokens: 0,
});
const none = { estimated: 0, tokens: 0 };

describe('foldNestedScopes', () => {
  it('moves a labelled Vertex bill ($92.81) into its project usage scope ($92.95 estimated): one row, drift -$0.14', () => {
    const folded = foldNestedScopes([
      row('vertex|acme-growth-prod', { estimated: 92_950_000, tokens: 40_000_000 }, 0),
      row('vertex|acme-growth-prod|feature=copywriter,team=growth', none, 92_810_000, 0),
    ]);
    expect(folded).toEqual([
      expect.objectContaining({
        scope: 'vertex|acme-growth-prod',
        estimatedMicros: 92_950_000,
        billedMicros: 92_810_000,
        final: 0,
      }),
    ]);
  });

  it('keeps bills of unrelated scopes, bills with usage of their own, and other days apart', () => {
    const rows = [
      row('vertex|acme-growth-prod', { estimated: 10_000_000, tokens: 1_000 }, 9_000_000),
      row('vertex|acme-growth-prodx|team=growth', none, 5_000_000),
      row('vertex|acme-growth-prod|team=data', { estimated: 2_000_000, tokens: 100 }, 2_000_000),
      { ...row('vertex|acme-growth-prod|team=mobile', none, 1_000_000), day: DAY + 86_400 },
    ];
    expect(foldNestedScopes(rows)).toEqual(rows);
  });

  it('adds credits and picks the longest parent scope', () => {
    const folded = foldNestedScopes(
      [
        row('a|p', { estimated: 1, tokens: 1 }, 0),
        row('a|p|x', { estimated: 1, tokens: 1 }, 0),
        { ...row('a|p|x|team=t', none, -3_000_000), source: 'a' },
      ].map((entry) => ({ ...entry, source: 'a' })),
    );
    expect(folded.find((entry) => entry.scope === 'a|p|x')).toMatchObject({
      billedMicros: -3_000_000,
      creditMicros: -3_000_000,
    });
    expect(folded).toHaveLength(2);
  });
});

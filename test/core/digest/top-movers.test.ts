import { describe, expect, it } from 'vitest';
import { type DigestRow, topMovers } from '../../../src/core/digest/top-movers.js';

const DAY = Date.UTC(2026, 10, 23) / 1000;

function row(team: string, feature: string, model: string, dollars: number, millions: number): DigestRow {
  const micros = dollars * 1e6;
  return {
    team,
    feature,
    source: model.startsWith('gpt') ? 'openai' : 'anthropic',
    model,
    micros,
    billedMicros: micros,
    estimatedMicros: 0,
    unpricedTokens: 0,
    tokens: millions * 1e6,
    firstDay: DAY,
  };
}

const previous = [
  row('search', 'semantic-search', 'claude-haiku-4-5', 700, 1_000),
  row('support', 'support-bot', 'claude-sonnet-4-5', 16_000, 4_500),
  row('growth', 'ab-copy', 'claude-sonnet-4-5', 500, 100),
  row('data', 'classifier', 'gpt-5-mini', 200, 180),
];
const current = [
  row('search', 'semantic-search', 'claude-haiku-4-5', 720, 1_030),
  row('search', 'ask-docs', 'claude-sonnet-4-5', 2_400, 1_250),
  row('support', 'support-bot', 'claude-sonnet-4-5', 1_500, 700),
  row('support', 'support-bot', 'gpt-5.4', 5_300, 2_800),
  row('growth', 'ab-copy', 'claude-sonnet-4-5', 500, 100),
  row('data', 'classifier', 'gpt-5-mini', 190, 171),
];

describe('topMovers', () => {
  it('ranks (team, feature) pairs by the absolute dollar change, with their reasons', () => {
    expect(
      topMovers(previous, current).map((mover) => [
        mover.team,
        mover.feature,
        mover.change_micros / 1e6,
        mover.reason,
      ]),
    ).toEqual([
      ['support', 'support-bot', -9_200, 'model switch'],
      ['search', 'ask-docs', 2_400, 'new feature'],
      ['search', 'semantic-search', 20, 'volume'],
      ['data', 'classifier', -10, 'volume'],
    ]);
  });

  it('sums a feature over its models: support-bot $16,000 → $6,800 on 4.5B → 3.5B tokens', () => {
    const [switched] = topMovers(previous, current);
    expect(switched).toMatchObject({
      micros: 6_800e6,
      previous_micros: 16_000e6,
      tokens: 3_500e6,
      previous_tokens: 4_500e6,
      switch: { from: 'claude-sonnet-4-5 (anthropic)', to: 'gpt-5.4 (openai)', share_moved: 0.8 },
    });
  });

  it('leaves out features whose spend did not move ($500 both weeks) and keeps the first `limit`', () => {
    expect(topMovers(previous, current).some((mover) => mover.feature === 'ab-copy')).toBe(false);
    expect(topMovers(previous, current, { limit: 2 }).map((mover) => mover.feature)).toEqual([
      'support-bot',
      'ask-docs',
    ]);
  });

  it('breaks ties in the change by team, then feature', () => {
    const movers = topMovers(
      [],
      [
        row('b', 'x', 'gpt-5-mini', 10, 10),
        row('a', 'y', 'gpt-5-mini', 10, 10),
        row('a', 'x', 'gpt-5-mini', 10, 10),
      ],
    );
    expect(movers.map((mover) => `${mover.team}/${mover.feature}`)).toEqual(['a/x', 'a/y', 'b/x']);
  });
});

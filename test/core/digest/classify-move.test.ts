import { describe, expect, it } from 'vitest';
import { classifyMove, type ModelWeek } from '../../../src/core/digest/classify-move.js';

const NOV_24 = Date.UTC(2026, 10, 24) / 1000;
const SONNET = 'claude-sonnet-4-5-20250929';
const HAIKU = 'claude-haiku-4-5-20251001';

/** A model's week: `dollars` spent on `millions` of tokens, billed unless said otherwise. */
function week(
  source: string,
  model: string,
  dollars: number,
  millions: number,
  { estimated = false, firstDay = NOV_24 }: { estimated?: boolean; firstDay?: number } = {},
): ModelWeek {
  const micros = Math.round(dollars * 1e6);
  return {
    source,
    model,
    micros,
    billedMicros: estimated ? 0 : micros,
    estimatedMicros: estimated ? micros : 0,
    tokens: millions * 1e6,
    firstDay,
  };
}

describe('classifyMove', () => {
  it.each([
    {
      case: 'nothing the week before, $300 on 100M Sonnet tokens now',
      previous: [],
      current: [week('anthropic', SONNET, 300, 100)],
      reason: 'new feature',
      explanation: `no spend the week before; first spend 2026-11-24, mostly on ${SONNET} (anthropic)`,
    },
    {
      case: 'tokens doubled (100M → 200M) at $1 per 1M',
      previous: [week('anthropic', HAIKU, 100, 100)],
      current: [week('anthropic', HAIKU, 200, 200)],
      reason: 'volume',
      explanation: 'tokens +100% (100M → 200M) at $1.00 → $1.00 per 1M tokens',
    },
    {
      case: 'the same 100M tokens cost $130 instead of $100',
      previous: [week('anthropic', HAIKU, 100, 100)],
      current: [week('anthropic', HAIKU, 130, 100)],
      reason: 'price',
      explanation: 'cost per 1M tokens $1.00 → $1.30 on about the same tokens (+0%)',
    },
    {
      case: 'the same 100M tokens move from 60/40 to 40/60 Haiku/Sonnet',
      previous: [week('anthropic', HAIKU, 60, 60), week('anthropic', SONNET, 120, 40)],
      current: [week('anthropic', HAIKU, 40, 40), week('anthropic', SONNET, 180, 60)],
      reason: 'mix',
      explanation: `about the same tokens (+0%), split differently: ${SONNET} (anthropic) 40% → 60% of them`,
    },
    {
      case: '80% of 100M Sonnet tokens move to gpt-5.4',
      previous: [week('anthropic', SONNET, 300, 100)],
      current: [week('anthropic', SONNET, 60, 20), week('openai', 'gpt-5.4', 100, 80)],
      reason: 'model switch',
      explanation: `80% of its tokens moved from ${SONNET} (anthropic) to gpt-5.4 (openai) (gpt-5.4 (openai): 0% → 80% of tokens)`,
    },
    {
      case: '$50 on 40M tokens the week before, nothing now',
      previous: [week('openai', 'gpt-5-mini', 50, 40)],
      current: [],
      reason: 'volume',
      explanation: 'no spend this week, after $50.00 on 40M tokens the week before',
    },
    {
      case: 'a -$25 credit with no tokens',
      previous: [week('openai', 'gpt-5-mini', 50, 40)],
      current: [week('openai', 'gpt-5-mini', 50, 40), week('openai', '', -25, 0)],
      reason: 'price',
      explanation: 'cost per 1M tokens $1.25 → $0.63 on about the same tokens (+0%)',
    },
    {
      case: 'only a -$25 credit this week, nothing the week before',
      previous: [],
      current: [week('openai', '', -25, 0)],
      reason: 'price',
      explanation: 'billed amounts with no tokens behind them (a credit, a fee or a restated bill)',
    },
  ])('$case: $reason', ({ previous, current, reason, explanation }) => {
    expect(classifyMove(previous, current)).toMatchObject({ reason, explanation });
  });

  it('names both models of a switch and the share of tokens moved (0.8)', () => {
    const move = classifyMove(
      [week('anthropic', SONNET, 300, 100)],
      [week('anthropic', SONNET, 60, 20), week('openai', 'gpt-5.4', 100, 80)],
    );
    expect(move.switch).toEqual({ from: `${SONNET} (anthropic)`, to: 'gpt-5.4 (openai)', shareMoved: 0.8 });
  });

  it('a 25% shift that changes the leading model is a mix, not a switch (switches start at 30%)', () => {
    const move = classifyMove(
      [week('anthropic', HAIKU, 60, 60), week('anthropic', SONNET, 120, 40)],
      [week('anthropic', HAIKU, 35, 35), week('anthropic', SONNET, 195, 65)],
    );
    expect(move.reason).toBe('mix');
    expect(move.switch).toBeUndefined();
  });

  it('tokens +50% and the rate +10%: volume, the larger factor', () => {
    const move = classifyMove([week('anthropic', HAIKU, 100, 100)], [week('anthropic', HAIKU, 165, 150)]);
    expect(move).toMatchObject({
      reason: 'volume',
      explanation: 'tokens +50% (100M → 150M) at $1.00 → $1.10 per 1M tokens',
    });
  });

  it('says when an estimate this week stands against a bill the week before', () => {
    const move = classifyMove(
      [week('anthropic', HAIKU, 100, 100)],
      [week('anthropic', HAIKU, 120, 100, { estimated: true })],
    );
    expect(move.explanation).toBe(
      'cost per 1M tokens $1.00 → $1.20 on about the same tokens (+0%); this week is partly estimated, the week before billed',
    );
  });

  it('names the earliest first day of a new feature across its models', () => {
    const move = classifyMove(
      [],
      [
        week('anthropic', SONNET, 300, 100, { firstDay: NOV_24 + 86_400 }),
        week('anthropic', HAIKU, 10, 10, { firstDay: NOV_24 }),
      ],
    );
    expect(move.explanation).toMatch(/first spend 2026-11-24, mostly on claude-sonnet/);
  });
});

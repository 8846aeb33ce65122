import { describe, expect, it } from 'vitest';
import { answer } from '../../src/chat/answer.js';
import type { CompareView } from '../../src/core/views/compare-view.js';
import { answerDeps, NOW, seedLedger } from './ledger-fixture.js';

const db = seedLedger();
const deps = answerDeps(db);
const ask = (text: string) => answer(text, NOW, deps);

describe('compare', () => {
  it('re-prices search ($10.80 on Sonnet 4.5) on gpt-4.1: $6.80 with cache and batch kept, $6.80–$10.60', () => {
    const reply = ask('compare search 30d to gpt-4.1');
    const view = reply.data as unknown as CompareView & { kind: string };
    expect(view.kind).toBe('compare');
    expect(view.actual_micros).toBe(10_800_000);
    expect(view.options).toHaveLength(1);
    expect(view.options[0]).toMatchObject({
      target: 'openai:gpt-4.1',
      moves: 'all',
      kept_micros: 6_800_000,
      low_micros: 6_800_000,
      high_micros: 10_600_000,
      change_micros: -4_000_000,
      basis: 'list',
    });
    expect(reply.message.summary).toContain('Cheapest option: openai:gpt-4.1 at $6.80 (-37%), $6.80–$10.60');
    expect(view.assumptions.join(' ')).toContain('catalog list prices');
  });

  it('by default offers the mid class; Sonnet 4.5 itself reproduces the stored $10.80 exactly', () => {
    const view = ask('compare search 30d').data as unknown as CompareView;
    const byTarget = new Map(view.options.map((option) => [option.target, option]));
    expect(byTarget.get('anthropic:claude-sonnet-4-5')?.kept_micros).toBe(10_800_000);
    expect(byTarget.get('openai:gpt-4.1')?.kept_micros).toBe(6_800_000);
    expect(view.options.every((option) => option.moves === 'mid')).toBe(true);
    expect(view.options.map((option) => option.kept_micros)).toEqual(
      [...view.options.map((option) => option.kept_micros)].sort((a, b) => a - b),
    );
  });

  it('works for a feature name too (ask-docs = the same $10.80)', () => {
    const view = ask('compare ask-docs 30d to gpt-4.1').data as unknown as CompareView;
    expect([view.subject.kind, view.actual_micros]).toEqual(['feature', 10_800_000]);
  });

  it('refuses a model it cannot tell or price, with the reason and a suggestion', () => {
    const view = ask('compare search 30d to mystery-model openai:gpt-9-ultra').data as unknown as CompareView;
    expect(view.options).toEqual([]);
    expect(view.refused.map((entry) => entry.target)).toEqual(['mystery-model', 'openai:gpt-9-ultra']);
    expect(view.refused[0]?.reason).toContain('source:model');
    expect(view.refused[1]?.reason).toContain('prices.models');
  });

  it('names an unknown team or feature and suggests the closest', () => {
    const reply = ask('compare serch');
    expect(reply.data).toMatchObject({ kind: 'unknown_subject', name: 'serch' });
    expect(reply.message.summary).toContain('`search`');
  });
});

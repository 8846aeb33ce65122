import { describe, expect, it } from 'vitest';
import { answer } from '../../src/chat/answer.js';
import type { ReconcileView } from '../../src/core/views/reconcile-view.js';
import { answerDeps, NOW, seedLedger } from './ledger-fixture.js';

const db = seedLedger();
const deps = answerDeps(db);
const ask = (text: string) => answer(text, NOW, deps);

describe('reconcile', () => {
  it('shows anthropic billed = estimated ($10.80) and openai $300 billed vs $200 estimated (+33.3%)', () => {
    const reply = ask('reconcile 30d');
    const view = reply.data as unknown as ReconcileView;
    expect(view.providers).toEqual([
      {
        source: 'anthropic',
        days: 2,
        estimated_micros: 10_800_000,
        billed_micros: 10_800_000,
        drift_micros: 0,
        drift_percent: 0,
        over_threshold: 0,
      },
      {
        source: 'openai',
        days: 1,
        estimated_micros: 200_000_000,
        billed_micros: 300_000_000,
        drift_micros: 100_000_000,
        drift_percent: 33.3,
        over_threshold: 1,
        likely_cause: 'mispriced_model',
      },
    ]);
    expect(view.worst).toHaveLength(1);
    expect(view.worst[0]).toMatchObject({
      source: 'openai',
      day: '2026-11-20',
      scope: 'openai||proj_growth',
    });
    expect(reply.message.summary).toContain('1 day × scope entry drifts past 5% and $50.00/day');
  });

  it('narrows to one provider and suggests a misspelt one', () => {
    const view = ask('reconcile anthropic 30d').data as unknown as ReconcileView;
    expect(view.providers.map((entry) => entry.source)).toEqual(['anthropic']);
    const reply = ask('reconcile opnai');
    expect(reply.data).toMatchObject({ kind: 'unknown_provider' });
    expect(reply.message.summary).toContain('`openai`');
  });

  it('says there is nothing to reconcile for today (1d): no bill has arrived', () => {
    const reply = ask('reconcile 1d');
    expect((reply.data as unknown as ReconcileView).providers).toEqual([]);
    expect(reply.message.summary).toContain('No bill has arrived');
  });
});

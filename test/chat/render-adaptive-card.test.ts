import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_LIMITS, adaptiveCardProblems } from '../../src/chat/adaptive-card-limits.js';
import { renderAdaptiveCard } from '../../src/chat/render-adaptive-card.js';
import type { MessageView } from '../../src/core/views/message-view.js';

const view: MessageView = {
  title: 'Team *search* · last 7 days',
  summary: 'search spent $1,234.56, up 12% on the week before.',
  sections: [
    { title: 'Totals', facts: [{ label: 'Total', value: '$1,234.56' }] },
    { title: 'Models', rows: [{ label: 'claude-sonnet-4-5', value: '$1,000.00', share: 0.81 }], more: 3 },
  ],
  context: [
    'usage through 14:05 UTC',
    'billed through 2026-11-27',
    'acknowledged by <@U0ADA>, paging <!subteam^S0ONCALL>',
  ],
  actions: [
    { id: 'alert.acknowledge', label: 'Acknowledge', value: '42', style: 'primary' },
    { id: 'alert.snooze', label: 'Snooze 24h', value: '42' },
  ],
};

describe('renderAdaptiveCard', () => {
  it('renders version 1.5 with facts and rows as FactSets and 2 Action.Execute buttons carrying the alert id', () => {
    const card = renderAdaptiveCard(view);
    expect(card.version).toBe('1.5');
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'Team search · last 7 days',
      weight: 'Bolder',
    });
    const facts = card.body.flatMap(
      (element) => (element.facts as Array<{ title: string; value: string }>) ?? [],
    );
    expect(facts).toEqual([
      { title: 'Total', value: '$1,234.56' },
      { title: 'claude-sonnet-4-5', value: '$1,000.00 · 81%' },
    ]);
    expect(JSON.stringify(card.body)).toContain('… and 3 more');
    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Acknowledge',
        verb: 'alert.acknowledge',
        data: { value: '42' },
        style: 'positive',
      },
      { type: 'Action.Execute', title: 'Snooze 24h', verb: 'alert.snooze', data: { value: '42' } },
    ]);
    expect(card.fallbackText).toContain('Total: $1,234.56');
    expect(JSON.stringify(card.body.at(-1))).toContain('acknowledged by @U0ADA, paging @S0ONCALL');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('keeps a 400-section, 8,000-row view under the 20,000-character budget and says how many parts it left out', () => {
    const huge: MessageView = {
      ...view,
      sections: Array.from({ length: 400 }, (_, index) => ({
        title: `Section ${index}`,
        rows: Array.from({ length: 20 }, (_, row) => ({
          label: `feature-${index}-${row}`,
          value: '$12.34',
          share: 0.05,
        })),
      })),
    };
    const card = renderAdaptiveCard(huge);
    const size = JSON.stringify(card).length;
    expect(size).toBeLessThanOrEqual(ADAPTIVE_CARD_LIMITS.cardJsonChars);
    expect(size).toBeGreaterThan(ADAPTIVE_CARD_LIMITS.cardJsonChars * 0.8);
    expect(JSON.stringify(card)).toMatch(/… and 3\d\d more parts left out to fit one message/);
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('reports a 1.6 card, an Action.Http, an Action.Execute without verb and a 25,000-char card', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'TextBlock', text: 'x'.repeat(1_900) }].concat(
        Array.from({ length: 12 }, () => ({ type: 'TextBlock', text: 'y'.repeat(1_900) })),
      ),
      actions: [{ type: 'Action.Http' }, { type: 'Action.Execute', verb: '' }],
    };
    expect(adaptiveCardProblems(card)).toEqual([
      'card: version "1.6" is not 1.0-1.5',
      expect.stringMatching(/^card: 25,\d{3} chars of JSON, over 20,000$/),
      '$.actions[0]: Action.Http is not supported in Teams',
      '$.actions[1]: Action.Execute has no verb',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Period } from '../../../src/core/period.js';
import { teamSpendMessage } from '../../../src/core/views/team-spend-message.js';
import { buildTeamSpendView, type SpendAggregate } from '../../../src/core/views/team-spend-view.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const period: Period = {
  label: '7d',
  start: day('2026-11-23'),
  end: day('2026-11-30'),
  previousStart: day('2026-11-16'),
  previousEnd: day('2026-11-23'),
};
const row = (
  feature: string,
  billedMicros: number,
  estimatedMicros = 0,
  extra: Partial<SpendAggregate> = {},
) => ({
  source: 'anthropic',
  feature,
  model: 'claude-sonnet-4-5',
  team: 'search',
  billedMicros,
  estimatedMicros,
  unpricedTokens: 0,
  ...extra,
});
const freshness = [
  { source: 'anthropic', usageThrough: day('2026-11-29') + 14 * 3600, billedThrough: day('2026-11-28') },
  { source: 'openai', usageThrough: day('2026-11-29') + 13 * 3600, billedThrough: day('2026-11-27') },
];

describe('team spend view and message', () => {
  it('says $1,500.00 billed + estimated, up $500.00 (+50.0%), with the stalest freshness stamp', () => {
    const view = buildTeamSpendView({
      subject: { kind: 'team', name: 'search' },
      period,
      current: [row('ask-docs', 1_000_000_000, 250_000_000), row('rewrite', 250_000_000)],
      previousTotalMicros: 1_000_000_000,
      freshness,
    });
    expect(view).toMatchObject({
      total_micros: 1_500_000_000,
      billed_micros: 1_250_000_000,
      estimated_micros: 250_000_000,
    });
    expect(view.change).toEqual({ micros: 500_000_000, ratio: 0.5 });
    expect(view.by_provider).toEqual([{ key: 'anthropic', micros: 1_500_000_000, basis: 'mixed' }]);
    expect(view.freshness).toMatchObject({
      usage_through: '2026-11-29T13:00:00Z',
      billed_through: '2026-11-27',
    });
    const message = teamSpendMessage(view);
    expect(message.summary).toBe(
      'Team *search* spent $1,500.00 from 2026-11-23 to 2026-11-29, up $500.00 (+50.0%) on the previous period.',
    );
    expect(message.sections[0]?.facts?.[0]).toEqual({
      label: 'Total',
      value: '$1,500.00 (billed + estimated)',
    });
    expect(message.context[0]).toBe('usage through 2026-11-29 13:00 UTC · billed through 2026-11-27');
  });

  it('omits the ratio and says so when the previous period had no spend', () => {
    const view = buildTeamSpendView({
      subject: { kind: 'team', name: 'search' },
      period,
      current: [row('a', 10_000_000)],
      previousTotalMicros: 0,
      freshness,
    });
    expect(view.change).toEqual({ micros: 10_000_000 });
    expect(teamSpendMessage(view).summary).toMatch(/with no spend in the previous period\.$/);
  });

  it('caps each list at 5 rows and says "and 3 more"', () => {
    const rows = Array.from({ length: 8 }, (_, index) => row(`feature-${index}`, (index + 1) * 1_000_000));
    const message = teamSpendMessage(
      buildTeamSpendView({
        subject: { kind: 'team', name: 'search' },
        period,
        current: rows,
        previousTotalMicros: 1,
        freshness,
      }),
    );
    const byFeature = message.sections.find((section) => section.title === 'By feature');
    expect(byFeature?.rows?.map((entry) => entry.label)).toEqual([
      'feature-7',
      'feature-6',
      'feature-5',
      'feature-4',
      'feature-3',
    ]);
    expect(byFeature?.more).toBe(3);
  });

  it('reports unpriced tokens as a lower bound, never as $0', () => {
    const view = buildTeamSpendView({
      subject: { kind: 'team', name: 'search' },
      period,
      current: [row('a', 0, 2_000_000, { unpricedTokens: 1_500_000 })],
      previousTotalMicros: 0,
      freshness,
    });
    const message = teamSpendMessage(view);
    expect(view.unpriced_tokens).toBe(1_500_000);
    expect(message.context).toContain(
      '1,500,000 tokens have no price yet, so the estimate is at least $2.00; add them under prices.models in ai-spend.yml.',
    );
  });
});

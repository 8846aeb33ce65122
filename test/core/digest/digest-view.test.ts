import { describe, expect, it } from 'vitest';
import { buildDigestView } from '../../../src/core/digest/digest-view.js';
import { orgInput } from './digest-fixture.js';

describe('buildDigestView', () => {
  const view = buildDigestView(orgInput());

  it('compares the week of 2026-11-23 with the week before: $10,250 against $17,080', () => {
    expect(view).toMatchObject({
      kind: 'digest',
      team: 'all',
      week: { start: '2026-11-23T00:00:00Z', end: '2026-11-30T00:00:00Z' },
      previous_week: { start: '2026-11-16T00:00:00Z', end: '2026-11-23T00:00:00Z' },
      total_micros: 10_250e6,
      billed_micros: 7_850e6,
      estimated_micros: 2_400e6,
      previous_total_micros: 17_080e6,
      change: { micros: -6_830e6, ratio: -6_830 / 17_080 },
    });
  });

  it('lists providers, teams and features with both weeks, keys gone this week at $0', () => {
    expect(view.by_provider).toEqual([
      { key: 'openai', micros: 5_630e6, previous_micros: 380e6, change_micros: 5_250e6, basis: 'billed' },
      {
        key: 'anthropic',
        micros: 4_620e6,
        previous_micros: 16_700e6,
        change_micros: -12_080e6,
        basis: 'mixed',
      },
    ]);
    expect(
      view.by_team?.map((entry) => [entry.key, entry.micros / 1e6, entry.previous_micros / 1e6]),
    ).toEqual([
      ['support', 6_800, 16_000],
      ['search', 3_120, 700],
      ['unallocated', 330, 300],
      ['growth', 0, 80],
    ]);
    expect(view.by_feature.map((entry) => entry.key)).toContain('search/ask-docs');
  });

  it('reports the unallocated share of the organisation: $330 of $10,250 = 3.2%', () => {
    expect(view.unallocated).toEqual({ micros: 330e6, share: 330 / 10_250 });
  });

  it('names the movers with reasons: support-bot switched, ask-docs is new', () => {
    expect(view.movers.slice(0, 2).map((mover) => [mover.team, mover.feature, mover.reason])).toEqual([
      ['support', 'support-bot', 'model switch'],
      ['search', 'ask-docs', 'new feature'],
    ]);
    expect(view.moved_features).toBe(5);
    expect(buildDigestView(orgInput({ moverLimit: 2 })).movers).toHaveLength(2);
  });

  it('keeps quotas with a peak this week, tightest first, with the headroom left (90.3% → 9.7%)', () => {
    expect(view.quotas.map((row) => [row.peak_percent, row.headroom_percent])).toEqual([
      [90.3, 9.7],
      [41.5, 58.5],
    ]);
  });

  it("a team's digest keeps only the quotas its models draw on", () => {
    const search = buildDigestView(orgInput({ team: 'search' }));
    expect(search.quotas.map((row) => row.peak_percent)).toEqual([41.5]);
    expect(search.by_team).toBeUndefined();
  });

  it('projects budgets at this week’s run rate: search $6,000 + 1 day × $3,120/7 = $6,445.71', () => {
    expect(view.budgets.map((budget) => [budget.team, budget.projected_micros, budget.status])).toEqual([
      ['search', 6_445_714_286, 'on_track'],
      ['support', 30_971_428_571, 'on_track'],
    ]);
  });

  it('fills the daily series: 14 days, every provider on every day, $0 where nothing was spent', () => {
    expect(view.daily).toHaveLength(14);
    expect(view.daily[0]).toEqual({ day: '2026-11-16', by_provider: { anthropic: 2_000e6, openai: 0 } });
    expect(view.daily[7]).toEqual({ day: '2026-11-23', by_provider: { anthropic: 500e6, openai: 800e6 } });
    expect(view.daily[13]).toEqual({ day: '2026-11-29', by_provider: { anthropic: 0, openai: 700e6 } });
  });

  it('stamps the freshness of the stalest source', () => {
    expect(view.freshness).toMatchObject({
      usage_through: '2026-11-30T08:00:00Z',
      billed_through: '2026-11-28',
    });
  });

  it('omits the change ratio when the week before had no spend', () => {
    const fresh = buildDigestView(orgInput({ previous: [] }));
    expect(fresh.change).toEqual({ micros: 10_250e6 });
  });
});

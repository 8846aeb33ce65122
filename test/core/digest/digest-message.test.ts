import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../src/chat/block-kit-limits.js';
import { renderBlockKit } from '../../../src/chat/render-block-kit.js';
import { digestMessage } from '../../../src/core/digest/digest-message.js';
import { buildDigestView } from '../../../src/core/digest/digest-view.js';
import { orgInput, row } from './digest-fixture.js';

const facts = (message: ReturnType<typeof digestMessage>) =>
  Object.fromEntries(
    message.sections.flatMap((section) => section.facts ?? []).map((f) => [f.label, f.value]),
  );

describe('digestMessage', () => {
  const message = digestMessage(buildDigestView(orgInput()));

  it('leads with the week, the total, the change and the biggest mover', () => {
    expect(message.title).toBe('Weekly digest · All teams · 2026-11-23 to 2026-11-29');
    expect(message.summary).toBe(
      'The organisation spent $10,250.00 (billed + estimated), down $6,830.00 (-40.0%) on the week before. Biggest mover: *support/support-bot* -$9,200.00 (model switch).',
    );
  });

  it('lists the movers with reason and explanation, one line each', () => {
    const movers = message.sections.find((section) => section.title === 'Top movers');
    expect(movers?.text?.split('\n')).toEqual([
      '• *support/support-bot* -$9,200.00 · model switch — 80% of its tokens moved from claude-sonnet-4-5 (anthropic) to gpt-5.4 (openai) (gpt-5.4 (openai): 0% → 80% of tokens)',
      '• *search/ask-docs* +$2,400.00 · new feature — no spend the week before; first spend 2026-11-24, mostly on claude-sonnet-4-5 (anthropic)',
      '• *growth/seo-briefs* -$80.00 · volume — no spend this week, after $80.00 on 60M tokens the week before',
      '• *unallocated/(none)* +$30.00 · volume — tokens +10% (200M → 220M) at $1.50 → $1.50 per 1M tokens',
      '• *search/semantic-search* +$20.00 · volume — tokens +3% (1B → 1.03B) at $0.70 → $0.70 per 1M tokens',
    ]);
  });

  it('has one line each for budget, quota headroom, alerts and unallocated spend', () => {
    expect(facts(message)).toEqual({
      Budget: 'all 2 team budgets on track',
      'Quota headroom':
        'Anthropic Claude Haiku 4.5 (cross-region) in us-east-1: peak 90.3% at 2026-11-26 15:20 UTC, 9.7% headroom; 1 more quotas with more room',
      Alerts: '2 open · 1 acknowledged',
      'Unallocated (all teams)': '$330.00 (3.2% of spend)',
    });
    expect(message.context[0]).toBe('usage through 2026-11-30 08:00 UTC · billed through 2026-11-28');
  });

  it('names the teams not on track: search at risk with $9,000 of $10,000 spent', () => {
    const view = buildDigestView(
      orgInput({
        budgets: [
          { team: 'search', budgetMicros: 10_000e6, monthToDateMicros: 9_000e6, weekMicros: 14_000e6 },
          { team: 'data', budgetMicros: 6_000e6, monthToDateMicros: 6_500e6, weekMicros: 700e6 },
          { team: 'support', budgetMicros: 40_000e6, monthToDateMicros: 30_000e6, weekMicros: 6_800e6 },
        ],
      }),
    );
    expect(facts(digestMessage(view)).Budget).toBe(
      'search $9,000.00 of $10,000.00 by 2026-11-29, projected $11,000.00: at risk; data $6,500.00 of $6,000.00 by 2026-11-29, projected $6,600.00: over budget; 1 on track',
    );
  });

  it("a team's digest shows its features, its own budget line, or where to set one", () => {
    const search = digestMessage(buildDigestView(orgInput({ team: 'search', budgets: [] })));
    expect(search.title).toBe('Weekly digest · search · 2026-11-23 to 2026-11-29');
    expect(search.sections.map((section) => section.title)).toEqual([
      'Top movers',
      'By provider',
      'By feature',
      undefined,
    ]);
    expect(facts(search).Budget).toBe('no monthly budget (teams.search.monthly_budget_usd)');
    expect(facts(search)['Quota headroom']).toMatch(
      /^Anthropic Claude Sonnet 4.5 \(cross-region\) in us-east-1: peak 41.5%/,
    );
  });

  it('stays within Block Kit limits, with 5 movers and "and 75 more", for 80 features with long names', () => {
    const long = 'x'.repeat(120);
    const current = Array.from({ length: 80 }, (_, i) =>
      row(`team-${i % 9}-${long}`, `feature-${i}-${long}`, 'openai', `gpt-${long}`, 100 + i, 50 + i),
    );
    const big = digestMessage(buildDigestView(orgInput({ current, previous: [] })));
    const movers = big.sections.find((section) => section.title === 'Top movers');
    expect(movers?.text?.split('\n')).toHaveLength(5);
    expect(movers?.more).toBe(75);
    expect(blockKitProblems(renderBlockKit(big))).toEqual([]);
    expect(blockKitProblems(renderBlockKit(message))).toEqual([]);
  });
});

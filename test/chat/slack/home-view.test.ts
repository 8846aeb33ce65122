import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../src/chat/block-kit-limits.js';
import { type HomeViewInput, homeView } from '../../../src/chat/slack/home-view.js';
import { sampleAlert } from '../../core/alerts/sample-alert.js';

const USD = 1_000_000;
/** November 2026, counted through 2026-11-23 (23 days, 7 left). */
const month = {
  start: Date.UTC(2026, 10, 1) / 1000,
  end: Date.UTC(2026, 11, 1) / 1000,
  asOf: Date.UTC(2026, 10, 24) / 1000,
};
const freshness = 'billed through 2026-11-23 · signals through 2026-11-24 15:48 UTC';

function texts(blocks: readonly types.KnownBlock[]): string {
  return JSON.stringify(blocks);
}

function buttons(blocks: readonly types.KnownBlock[]): Array<{ id?: string; value?: string }> {
  return blocks
    .filter((block): block is types.ActionsBlock => block.type === 'actions')
    .flatMap((block) => block.elements as types.Button[])
    .map((button) => ({ id: button.action_id, value: button.value }));
}

const managerOfTwo: HomeViewInput = {
  userId: 'U0ALICE',
  teams: ['search', 'ranking'],
  spend: [
    { team: 'search', monthToDateMicros: 1_150 * USD, budgetMicros: 5_000 * USD, weekMicros: 350 * USD },
    { team: 'ranking', monthToDateMicros: 800 * USD, budgetMicros: 1_000 * USD, weekMicros: 700 * USD },
  ],
  openAlerts: [
    sampleAlert({ id: 42, team: 'search' }),
    sampleAlert({ id: 7, team: 'ads', title: 'Ads alert' }),
  ],
  freshness,
  month,
};

describe('homeView', () => {
  it('shows a manager of 2 teams their month against budget: 23% on track, 80% at risk', () => {
    const view = homeView(managerOfTwo);
    expect(view.type).toBe('home');
    const all = texts(view.blocks);
    expect(all).toContain('• *search* — $1,150.00 of $5,000.00 (23%) · :large_green_circle: on track');
    expect(all).toContain(
      '• *ranking* — $800.00 of $1,000.00 (80%) · :large_orange_circle: at risk (projected $1,500.00)',
    );
    expect(all).toContain(freshness);
  });

  it('shows the 1 open alert of their teams with the channel buttons, and not the other team’s', () => {
    const view = homeView(managerOfTwo);
    const all = texts(view.blocks);
    expect(all).toContain('*Open alerts* (1)');
    expect(all).toContain('Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1');
    expect(all).not.toContain('Ads alert');
    expect(buttons(view.blocks)).toEqual([
      { id: 'alert.acknowledge', value: '42' },
      { id: 'alert.snooze', value: '42' },
      { id: 'alert.expected', value: '42' },
    ]);
  });

  it('ends with the help and breaks no Home tab limit', () => {
    const view = homeView(managerOfTwo);
    expect(texts(view.blocks.slice(-6))).toContain('`team &lt;name&gt; [period]`');
    expect(blockKitProblems(view, { surface: 'view' })).toEqual([]);
  });

  it('puts a team over budget as over and a team without a budget as having none', () => {
    const view = homeView({
      ...managerOfTwo,
      spend: [{ team: 'search', monthToDateMicros: 5_500 * USD, budgetMicros: 5_000 * USD }],
    });
    const all = texts(view.blocks);
    expect(all).toContain('$5,500.00 of $5,000.00 (110%) · :red_circle: over budget');
    expect(all).toContain('• *ranking* — $0.00 · no monthly budget (`teams.ranking.monthly_budget_usd`)');
  });

  it('projects from the month average when the week is not given: $690 over 23 days → $900 of $800', () => {
    const view = homeView({
      ...managerOfTwo,
      teams: ['search'],
      spend: [{ team: 'search', monthToDateMicros: 690 * USD, budgetMicros: 800 * USD }],
    });
    expect(texts(view.blocks)).toContain('(86%) · :large_orange_circle: at risk (projected $900.00)');
  });

  it('tells a user in no team how to get one, naming the admin, with no alerts shown', () => {
    const view = homeView({ ...managerOfTwo, userId: 'U0DAVE', teams: [], admins: ['U0ADMIN'] });
    const all = texts(view.blocks);
    expect(all).toContain(
      'To get one, ask an admin (<@U0ADMIN>) to add you as a manager of a team in ai-spend.yml',
    );
    expect(all).not.toContain('Open alerts');
    expect(buttons(view.blocks)).toEqual([]);
    expect(blockKitProblems(view, { surface: 'view' })).toEqual([]);
  });

  it('stays within 100 blocks with 30 teams and 40 alerts, saying how many alerts it left out', () => {
    const teams = Array.from({ length: 30 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
    const view = homeView({
      ...managerOfTwo,
      teams,
      spend: teams.map((team, i) => ({
        team,
        monthToDateMicros: (i + 1) * 100 * USD,
        budgetMicros: 2_000 * USD,
      })),
      openAlerts: Array.from({ length: 40 }, (_, i) =>
        sampleAlert({ id: 100 + i, team: teams[i % 30] ?? 'team-00', openSince: 1_000 + i }),
      ),
    });
    expect(blockKitProblems(view, { surface: 'view' })).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const all = texts(view.blocks);
    expect(all).toContain('*team-29*');
    expect(all).toContain('*Open alerts* (40)');
    const shown = new Set(buttons(view.blocks).map((button) => button.value)).size;
    expect(shown).toBe(17);
    expect(all).toContain(`… and ${40 - shown} more open alerts: see your team channels.`);
    // The oldest alerts come first.
    expect(buttons(view.blocks)[0]).toEqual({ id: 'alert.acknowledge', value: '100' });
  });
});

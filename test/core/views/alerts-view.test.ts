import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/core/alerts/alert.js';
import { parsePeriod } from '../../../src/core/period.js';
import { alertsView, anomaliesView } from '../../../src/core/views/alerts-view.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const period = (() => {
  const parsed = parsePeriod('7d', NOW);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
})();

function alert(id: number, overrides: Partial<Alert>): Alert {
  return {
    id,
    fingerprint: `f${id}`,
    rule: 'cost_anomaly',
    team: 'search',
    severity: 'warning',
    state: 'open',
    title: `title ${id}`,
    summary: 's',
    details: {},
    observedAt: NOW - 3_600,
    openedAt: NOW - 7_200 + id,
    openSince: NOW - 7_200,
    updatedAt: NOW - 7_200,
    lastFiringAt: NOW - 60,
    ...overrides,
  };
}

describe('alertsView', () => {
  it('lists open alerts critical first with who acted, then those resolved in the period', () => {
    const view = alertsView(
      [
        alert(1, { state: 'acknowledged', acknowledgedBy: 'U0ALICE', acknowledgedAt: NOW - 3_000 }),
        alert(2, { severity: 'critical', rule: 'quota', team: 'data' }),
        alert(3, { state: 'resolved', resolvedAt: NOW - 600, rule: 'budget' }),
      ],
      period,
      NOW,
    );
    expect(view.summary).toBe('2 alerts not resolved, 1 critical; 1 resolved in 2026-11-18 → 2026-11-24.');
    expect(view.sections[0]?.rows).toEqual([
      { label: '🔴 #2 data · quota', value: 'title 2 (open since 13:48 UTC)' },
      { label: '🟠 #1 search · cost anomaly', value: 'title 1 (acknowledged by <@U0ALICE> 14:58 UTC)' },
    ]);
    expect(view.sections[1]).toMatchObject({ title: 'Resolved in the period (1)' });
    expect(view.sections[1]?.rows?.[0]?.value).toBe('title 3 (resolved 15:38 UTC)');
  });

  it('says nothing needs attention when every alert is resolved, and caps long lists at 10', () => {
    expect(alertsView([], period, NOW).summary).toBe(
      'Nothing needs attention; 0 alerts resolved in 2026-11-18 → 2026-11-24.',
    );
    const many = Array.from({ length: 13 }, (_, index) => alert(index + 1, {}));
    const view = alertsView(many, period, NOW);
    expect(view.sections[0]?.rows).toHaveLength(10);
    expect(view.sections[0]?.more).toBe(3);
  });
});

describe('anomaliesView', () => {
  it('ranks cost anomalies by the size of their change and names the most specific main cause', () => {
    const view = anomaliesView(
      [
        alert(1, { details: { deltaMicros: 200_000_000 } }),
        alert(2, {
          title: 'search spent 4.8× its usual',
          details: {
            deltaMicros: -900_000_000,
            contributors: [
              { dimension: 'provider', value: 'anthropic', deltaMicros: -900_000_000, share: 1 },
              { dimension: 'feature', value: 'ask-docs', deltaMicros: -880_000_000, share: 0.98 },
              { dimension: 'team', value: 'search', deltaMicros: -900_000_000, share: 1 },
            ],
            view: {
              contributors: {
                title: 'Where it came from',
                rows: [{ label: 'feature ask-docs', value: '+$812' }],
              },
            },
          },
        }),
        alert(3, { rule: 'quota' }),
      ],
      period,
      NOW,
    );
    expect(view.summary).toBe('2 cost anomalies in 2026-11-18 → 2026-11-24, largest change first.');
    expect(view.sections[0]?.rows?.map((row) => row.label)).toEqual([
      '#2 search · 14:48 UTC',
      '#1 search · 14:48 UTC',
    ]);
    expect(view.sections[0]?.rows?.[0]?.value).toBe(
      'search spent 4.8× its usual — mostly feature ask-docs (98%) · open',
    );
  });

  it('says so when there were none', () => {
    expect(anomaliesView([], period, NOW).summary).toBe('No cost anomalies in 2026-11-18 → 2026-11-24.');
  });
});

import { describe, expect, it } from 'vitest';
import type { AlertCandidate } from '../../src/core/alerts/alert.js';
import { createAlertStore } from '../../src/store/alert-store.js';
import { openDatabase } from '../../src/store/open-database.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const OPTIONS = { resolveAfterMinutes: 15 };
const QUOTA = 'quota|us-east-1|Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5';

function candidate(threshold: number, overrides: Partial<AlertCandidate> = {}): AlertCandidate {
  return {
    fingerprint: `${QUOTA}|${threshold}`,
    rule: 'quota',
    team: 'data',
    severity: threshold >= 95 ? 'critical' : 'warning',
    title: `Claude Haiku 4.5 quota past ${threshold}% in us-east-1`,
    summary: `Peaked at ${threshold + 1}%.`,
    details: { threshold, peakPercent: threshold + 1 },
    observedAt: NOW - 60,
    ...overrides,
  };
}

const spike: AlertCandidate = {
  fingerprint: 'cost_anomaly|day|team=search|spike',
  rule: 'cost_anomaly',
  team: 'search',
  severity: 'warning',
  title: 'search spent 3× its usual',
  summary: 'Team search spent $1,500.00.',
  details: { day: '2026-11-23' },
  observedAt: NOW - 86_400,
};

function store() {
  return createAlertStore(openDatabase({ path: ':memory:' }));
}

describe('alert store', () => {
  it('opens one alert per fingerprint: recording the same condition twice keeps one alert', () => {
    const alerts = store();
    const first = alerts.record([candidate(80)], NOW, OPTIONS);
    const second = alerts.record([candidate(80, { summary: 'Peaked at 83%.' })], NOW + 60, OPTIONS);
    expect(first.opened).toHaveLength(1);
    expect(second).toEqual({ opened: [], reopened: [], woke: [], worsened: [], resolved: [], unchanged: 1 });
    expect(alerts.open()).toHaveLength(1);
    expect(alerts.open()[0]).toMatchObject({
      id: first.opened[0]?.id,
      state: 'open',
      summary: 'Peaked at 83%.',
      openedAt: NOW,
      lastFiringAt: NOW + 60,
    });
    expect(alerts.events(first.opened[0]?.id ?? 0).map((event) => event.kind)).toEqual(['opened']);
  });

  it('opens a second, critical alert at 95% and keeps the 80% one open while 95% implies it', () => {
    const alerts = store();
    alerts.record([candidate(80)], NOW, OPTIONS);
    const critical = alerts.record([candidate(95, { implies: [`${QUOTA}|80`] })], NOW + 60, OPTIONS);
    expect(critical.opened.map((alert) => [alert.fingerprint, alert.severity])).toEqual([
      [`${QUOTA}|95`, 'critical'],
    ]);
    const later = alerts.record([candidate(95, { implies: [`${QUOTA}|80`] })], NOW + 3_600, OPTIONS);
    expect(later.resolved).toEqual([]);
    expect(alerts.open().map((alert) => alert.fingerprint)).toEqual([`${QUOTA}|80`, `${QUOTA}|95`]);
  });

  it('never opens an alert for an implied condition alone', () => {
    const alerts = store();
    alerts.record([candidate(95, { implies: [`${QUOTA}|80`] })], NOW, OPTIONS);
    expect(alerts.open().map((alert) => alert.fingerprint)).toEqual([`${QUOTA}|95`]);
  });

  it('resolves an alert 15 minutes after its condition was last seen, then reopens it when it returns', () => {
    const alerts = store();
    const [opened] = alerts.record([candidate(80)], NOW, OPTIONS).opened;
    expect(alerts.record([], NOW + 14 * 60, OPTIONS).resolved).toEqual([]);
    const { resolved } = alerts.record([], NOW + 15 * 60, OPTIONS);
    expect(resolved).toMatchObject([{ id: opened?.id, state: 'resolved', resolvedAt: NOW + 900 }]);
    const { reopened } = alerts.record([candidate(80)], NOW + 7_200, OPTIONS);
    expect(reopened).toMatchObject([{ id: opened?.id, state: 'open', openedAt: NOW + 7_200 }]);
    expect(alerts.events(opened?.id ?? 0).map((event) => [event.kind, event.at])).toEqual([
      ['opened', NOW],
      ['resolved', NOW + 900],
      ['reopened', NOW + 7_200],
    ]);
  });

  it('resolves only the alerts of the rules that ran', () => {
    const alerts = store();
    alerts.record([candidate(80), spike], NOW, OPTIONS);
    const { resolved } = alerts.record([], NOW + 3_600, { ...OPTIONS, rules: ['quota'] });
    expect(resolved.map((alert) => alert.rule)).toEqual(['quota']);
    expect(alerts.open().map((alert) => alert.rule)).toEqual(['cost_anomaly']);
  });

  it('records one event for two Acknowledge presses, and who pressed first', () => {
    const alerts = store();
    const [opened] = alerts.record([candidate(80)], NOW, OPTIONS).opened;
    const id = opened?.id ?? 0;
    expect(alerts.act(id, { kind: 'acknowledge' }, 'U0ALICE', NOW + 60)).toMatchObject({ changed: true });
    expect(alerts.act(id, { kind: 'acknowledge' }, 'U0BOB', NOW + 61)).toMatchObject({ changed: false });
    expect(alerts.get(id)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'U0ALICE',
      acknowledgedAt: NOW + 60,
    });
    expect(alerts.events(id).filter((event) => event.kind === 'acknowledged')).toEqual([
      { kind: 'acknowledged', actor: 'U0ALICE', at: NOW + 60, detail: null },
    ]);
  });

  it('lets the same person snooze again after a snooze woke, recording both', () => {
    const alerts = store();
    const [opened] = alerts.record([candidate(80)], NOW, OPTIONS).opened;
    const id = opened?.id ?? 0;
    alerts.act(id, { kind: 'snooze', until: NOW + 3_600 }, 'U0ALICE', NOW);
    const { woke } = alerts.record([candidate(80)], NOW + 3_600, OPTIONS);
    expect(woke.map((alert) => [alert.id, alert.state])).toEqual([[id, 'open']]);
    alerts.act(id, { kind: 'snooze', until: NOW + 7_200 }, 'U0ALICE', NOW + 3_600);
    expect(alerts.events(id).map((event) => [event.kind, event.actor, event.detail])).toEqual([
      ['opened', null, null],
      ['snoozed', 'U0ALICE', String(NOW + 3_600)],
      ['woke', null, null],
      ['snoozed', 'U0ALICE', String(NOW + 7_200)],
    ]);
  });

  it('refuses actions on resolved alerts and answers undefined for an unknown id', () => {
    const alerts = store();
    const [opened] = alerts.record([candidate(80)], NOW, OPTIONS).opened;
    alerts.record([], NOW + 900, OPTIONS);
    const outcome = alerts.act(
      opened?.id ?? 0,
      { kind: 'expected', reason: 'batch job' },
      'U0ALICE',
      NOW + 1_000,
    );
    expect(outcome?.refused).toBe('This alert resolved at 16:03 UTC; there is nothing left to do.');
    expect(alerts.act(999, { kind: 'acknowledge' }, 'U0ALICE', NOW)).toBeUndefined();
  });

  it('escalates open, unacknowledged quota alerts after 30 minutes, once', () => {
    const alerts = store();
    const recorded = alerts.record([candidate(80), candidate(95), spike], NOW, OPTIONS).opened;
    const [warning, critical] = recorded;
    alerts.act(critical?.id ?? 0, { kind: 'acknowledge' }, 'U0ALICE', NOW + 60);
    expect(alerts.dueForEscalation(NOW + 29 * 60, 30)).toEqual([]);
    expect(alerts.dueForEscalation(NOW + 30 * 60, 30).map((alert) => alert.id)).toEqual([warning?.id]);
    expect(alerts.markEscalated(warning?.id ?? 0, NOW + 1_800)).toBe(true);
    expect(alerts.markEscalated(warning?.id ?? 0, NOW + 1_860)).toBe(false);
    expect(alerts.dueForEscalation(NOW + 3_600, 30)).toEqual([]);
    expect(alerts.get(warning?.id ?? 0)?.escalatedAt).toBe(NOW + 1_800);
    expect(alerts.events(warning?.id ?? 0).filter((event) => event.kind === 'escalated')).toHaveLength(1);
  });

  it('re-notifies when a condition turns critical or grows 1.5× from what was told, and not for less', () => {
    const alerts = store();
    const anomaly = (
      magnitude: number,
      severity: AlertCandidate['severity'] = 'warning',
    ): AlertCandidate => ({
      ...spike,
      fingerprint: 'cost_anomaly|hour|team=search|spike',
      rule: 'cost_anomaly',
      severity,
      magnitude,
    });
    const [opened] = alerts.record([anomaly(400)], NOW, OPTIONS).opened;
    expect(opened).toMatchObject({ notifiedMagnitude: 400, notifiedSeverity: 'warning' });
    expect(alerts.record([anomaly(590)], NOW + 300, OPTIONS)).toMatchObject({ worsened: [], unchanged: 1 });
    const grew = alerts.record([anomaly(600)], NOW + 600, OPTIONS).worsened;
    expect(grew.map((alert) => alert.notifiedMagnitude)).toEqual([600]);
    expect(alerts.record([anomaly(700)], NOW + 900, OPTIONS).worsened).toEqual([]);
    expect(alerts.record([anomaly(700, 'critical')], NOW + 1_200, OPTIONS).worsened).toHaveLength(1);
    expect(alerts.record([anomaly(800, 'critical')], NOW + 1_500, OPTIONS).worsened).toEqual([]);
    expect(alerts.events(opened?.id ?? 0).map((event) => event.kind)).toEqual([
      'opened',
      'worsened',
      'worsened',
    ]);
  });

  it('does not re-notify an alert people marked expected or snoozed, however much it grows', () => {
    const alerts = store();
    const big = (magnitude: number): AlertCandidate => ({ ...spike, magnitude });
    const [opened] = alerts.record([big(100)], NOW, OPTIONS).opened;
    alerts.act(opened?.id ?? 0, { kind: 'expected', reason: 'load test' }, 'U0ALICE', NOW + 60);
    expect(alerts.record([big(1_000)], NOW + 300, OPTIONS).worsened).toEqual([]);
  });

  it('brings an expected condition back quietly within its window, and loudly after it', () => {
    const alerts = store();
    const [opened] = alerts.record([spike], NOW, OPTIONS).opened;
    const id = opened?.id ?? 0;
    alerts.act(id, { kind: 'expected', reason: 'migration week', until: NOW + 86_400 }, 'U0ALICE', NOW + 60);
    alerts.record([], NOW + 3_600, OPTIONS);
    expect(alerts.get(id)?.state).toBe('resolved');
    const quiet = alerts.record([spike], NOW + 7_200, OPTIONS);
    expect(quiet).toMatchObject({ reopened: [], unchanged: 1 });
    expect(alerts.get(id)).toMatchObject({ state: 'expected', expectedReason: 'migration week' });
    alerts.record([], NOW + 10_800, OPTIONS);
    const loud = alerts.record([spike], NOW + 90_000, OPTIONS);
    expect(loud.reopened.map((alert) => alert.state)).toEqual(['open']);
  });

  it('brings a snoozed condition back still snoozed until the snooze ends', () => {
    const alerts = store();
    const [opened] = alerts.record([spike], NOW, OPTIONS).opened;
    const id = opened?.id ?? 0;
    alerts.act(id, { kind: 'snooze', until: NOW + 86_400 }, 'U0ALICE', NOW + 60);
    alerts.record([], NOW + 3_600, OPTIONS);
    expect(alerts.record([spike], NOW + 7_200, OPTIONS).reopened).toEqual([]);
    expect(alerts.get(id)).toMatchObject({ state: 'snoozed', snoozedUntil: NOW + 86_400 });
  });

  it("lists open alerts with those resolved in a period, and a rule's alerts opened in it", () => {
    const alerts = store();
    alerts.record([candidate(80), spike], NOW, OPTIONS);
    alerts.record([spike], NOW + 3_600, OPTIONS);
    expect(alerts.notResolvedOrResolvedIn(NOW, NOW + 7_200).map((alert) => alert.rule)).toEqual([
      'quota',
      'cost_anomaly',
    ]);
    expect(alerts.notResolvedOrResolvedIn(NOW + 7_200, NOW + 9_000).map((alert) => alert.rule)).toEqual([
      'cost_anomaly',
    ]);
    expect(alerts.openedIn('cost_anomaly', NOW, NOW + 1)).toHaveLength(1);
    expect(alerts.openedIn('cost_anomaly', NOW + 1, NOW + 9_000)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../../src/core/alerts/alert.js';
import { reconcile } from '../../../src/core/alerts/reconcile.js';
import { OPENED, sampleAlert } from './sample-alert.js';

const OPTIONS = { resolveAfterMinutes: 15 };

describe('reconcile', () => {
  it.each<[string, number, AlertState, string | undefined]>([
    ['absent 14 min: a blip, still open', 14 * 60, 'open', undefined],
    ['absent 15 min: resolved', 15 * 60, 'resolved', 'resolved'],
    ['absent 2 h: resolved', 7_200, 'resolved', 'resolved'],
  ])('a condition %s', (_, absentFor, state, event) => {
    const outcome = reconcile(sampleAlert(), false, OPENED + absentFor, OPTIONS);
    expect(outcome.alert.state).toBe(state);
    expect(outcome.event).toBe(event);
  });

  it('keeps an acknowledged alert acknowledged while firing and follows the last firing pass', () => {
    const alert = sampleAlert({ state: 'acknowledged', acknowledgedBy: 'U0ALICE', acknowledgedAt: OPENED });
    const outcome = reconcile(alert, true, OPENED + 300, OPTIONS);
    expect(outcome).toEqual({ alert: { ...alert, lastFiringAt: OPENED + 300 } });
  });

  it('resolves acknowledged, snoozed and expected alerts alike once absent long enough', () => {
    for (const state of ['acknowledged', 'snoozed', 'expected'] as const) {
      const outcome = reconcile(sampleAlert({ state }), false, OPENED + 900, OPTIONS);
      expect(outcome.alert).toMatchObject({ state: 'resolved', resolvedAt: OPENED + 900 });
    }
  });

  it('measures absence from the last pass that saw the condition, not from the opening', () => {
    const alert = sampleAlert({ lastFiringAt: OPENED + 3_600 });
    expect(reconcile(alert, false, OPENED + 3_600 + 899, OPTIONS).event).toBeUndefined();
    expect(reconcile(alert, false, OPENED + 3_600 + 900, OPTIONS).event).toBe('resolved');
  });

  it('wakes a snoozed alert when its snooze ends while still firing, and lets it escalate again', () => {
    const alert = sampleAlert({
      state: 'snoozed',
      snoozedUntil: OPENED + 86_400,
      escalatedAt: OPENED + 1_800,
    });
    expect(reconcile(alert, true, OPENED + 86_399, OPTIONS).alert.state).toBe('snoozed');
    const woken = reconcile(alert, true, OPENED + 86_400, OPTIONS);
    expect(woken.event).toBe('woke');
    expect(woken.alert).toMatchObject({ state: 'open', openSince: OPENED + 86_400 });
    expect(woken.alert.snoozedUntil).toBeUndefined();
    expect(woken.alert.escalatedAt).toBeUndefined();
  });

  it('does not wake a snoozed alert whose condition is gone', () => {
    const alert = sampleAlert({ state: 'snoozed', snoozedUntil: OPENED + 60, lastFiringAt: OPENED });
    expect(reconcile(alert, false, OPENED + 120, OPTIONS).alert.state).toBe('snoozed');
  });

  it('reopens a resolved alert whose condition comes back, forgetting who handled it last time', () => {
    const alert = sampleAlert({
      state: 'resolved',
      resolvedAt: OPENED + 3_600,
      acknowledgedBy: 'U0ALICE',
      acknowledgedAt: OPENED + 60,
      escalatedAt: OPENED + 1_800,
    });
    const outcome = reconcile(alert, true, OPENED + 7_200, OPTIONS);
    expect(outcome.event).toBe('reopened');
    expect(outcome.alert).toMatchObject({
      state: 'open',
      openedAt: OPENED + 7_200,
      openSince: OPENED + 7_200,
    });
    for (const key of ['resolvedAt', 'acknowledgedBy', 'acknowledgedAt', 'escalatedAt'] as const) {
      expect(outcome.alert[key]).toBeUndefined();
    }
  });

  it('leaves a resolved alert alone while its condition stays absent', () => {
    const alert = sampleAlert({ state: 'resolved', resolvedAt: OPENED });
    expect(reconcile(alert, false, OPENED + 7_200, OPTIONS)).toEqual({ alert });
  });
});

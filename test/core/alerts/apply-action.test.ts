import { describe, expect, it } from 'vitest';
import type { AlertAction, AlertState } from '../../../src/core/alerts/alert.js';
import { applyAction } from '../../../src/core/alerts/apply-action.js';
import { OPENED, sampleAlert } from './sample-alert.js';

const NOW = OPENED + 600;
const DAY = 86_400;
const acknowledge: AlertAction = { kind: 'acknowledge' };
const snooze: AlertAction = { kind: 'snooze', until: NOW + DAY };
const expected: AlertAction = { kind: 'expected', reason: 'load test until 16:00' };
const ACTIONS = { acknowledge, snooze, expected };

describe('applyAction', () => {
  it.each<[AlertState, keyof typeof ACTIONS, AlertState, boolean]>([
    ['open', 'acknowledge', 'acknowledged', true],
    ['open', 'snooze', 'snoozed', true],
    ['open', 'expected', 'expected', true],
    ['acknowledged', 'acknowledge', 'acknowledged', false],
    ['acknowledged', 'snooze', 'snoozed', true],
    ['acknowledged', 'expected', 'expected', true],
    ['snoozed', 'acknowledge', 'acknowledged', true],
    ['snoozed', 'snooze', 'snoozed', true],
    ['snoozed', 'expected', 'expected', true],
    ['expected', 'acknowledge', 'expected', false],
    ['expected', 'snooze', 'snoozed', true],
    ['resolved', 'acknowledge', 'resolved', false],
    ['resolved', 'snooze', 'resolved', false],
    ['resolved', 'expected', 'resolved', false],
  ])('%s + %s → %s (changed: %s)', (state, action, after, changed) => {
    const alert = sampleAlert({ state, ...(state === 'snoozed' ? { snoozedUntil: NOW + 3_600 } : {}) });
    const outcome = applyAction(alert, ACTIONS[action], 'U0ALICE', NOW);
    expect(outcome.alert.state).toBe(after);
    expect(outcome.changed).toBe(changed);
    expect(outcome.event !== undefined).toBe(changed);
  });

  it('records who acknowledged and when, and clears a snooze', () => {
    const alert = sampleAlert({ state: 'snoozed', snoozedUntil: NOW + 3_600 });
    const { alert: after, event } = applyAction(alert, acknowledge, 'U0ALICE', NOW);
    expect(after).toMatchObject({ acknowledgedBy: 'U0ALICE', acknowledgedAt: NOW, updatedAt: NOW });
    expect(after.snoozedUntil).toBeUndefined();
    expect(event).toEqual({ kind: 'acknowledged' });
  });

  it('acknowledging twice is one change: the second press keeps the first acknowledger', () => {
    const first = applyAction(sampleAlert(), acknowledge, 'U0ALICE', NOW);
    const second = applyAction(first.alert, acknowledge, 'U0BOB', NOW + 1);
    expect(second.changed).toBe(false);
    expect(second.alert).toBe(first.alert);
    expect(second.alert.acknowledgedBy).toBe('U0ALICE');
  });

  it('Snooze 24h pressed twice within 10 minutes snoozes once; a later, longer snooze extends it', () => {
    const first = applyAction(sampleAlert(), { kind: 'snooze', until: NOW + DAY }, 'U0ALICE', NOW);
    const again = applyAction(first.alert, { kind: 'snooze', until: NOW + 5 + DAY }, 'U0ALICE', NOW + 5);
    expect(again.changed).toBe(false);
    const extended = applyAction(first.alert, { kind: 'snooze', until: NOW + 2 * DAY }, 'U0BOB', NOW + 60);
    expect(extended).toMatchObject({ changed: true, alert: { snoozedUntil: NOW + 2 * DAY } });
    expect(extended.event).toEqual({ kind: 'snoozed', detail: String(NOW + 2 * DAY) });
  });

  it('refuses a snooze that ends in the past', () => {
    const outcome = applyAction(sampleAlert(), { kind: 'snooze', until: NOW - 1 }, 'U0ALICE', NOW);
    expect(outcome).toMatchObject({ changed: false, refused: 'A snooze has to end in the future.' });
  });

  it('marks expected with the reason and who said so; the same reason again changes nothing', () => {
    const first = applyAction(sampleAlert(), expected, 'U0ALICE', NOW);
    expect(first.alert).toMatchObject({ expectedReason: 'load test until 16:00', expectedBy: 'U0ALICE' });
    expect(first.event).toEqual({ kind: 'expected', detail: 'load test until 16:00' });
    expect(applyAction(first.alert, expected, 'U0BOB', NOW + 1).changed).toBe(false);
    const other = applyAction(first.alert, { kind: 'expected', reason: 'migration' }, 'U0BOB', NOW + 1);
    expect(other).toMatchObject({
      changed: true,
      alert: { expectedReason: 'migration', expectedBy: 'U0BOB' },
    });
  });

  it('politely refuses any action on an alert resolved at 15:20 UTC', () => {
    const alert = sampleAlert({ state: 'resolved', resolvedAt: OPENED + 1_200 });
    const outcome = applyAction(alert, acknowledge, 'U0ALICE', OPENED + 1_500);
    expect(outcome).toEqual({
      alert,
      changed: false,
      refused: 'This alert resolved at 15:20 UTC; there is nothing left to do.',
    });
  });
});

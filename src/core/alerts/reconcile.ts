import type { Alert, AlertEventKind } from './alert.js';

/** What a pass did to an alert: the alert after it and the transition, if any, to record. */
export interface ReconcileOutcome {
  alert: Alert;
  /** `reopened`, `woke` or `resolved` when the state changed; absent when it did not. */
  event?: Extract<AlertEventKind, 'reopened' | 'woke' | 'resolved'>;
}

export interface ReconcileOptions {
  /** The condition must be absent this long before the alert resolves (hysteresis). */
  resolveAfterMinutes: number;
}

/**
 * Moves an alert along after a rule pass. While the condition fires its `lastFiringAt` follows,
 * a snooze whose `until` has passed wakes the alert (open again), and a resolved alert reopens.
 * Once the condition has been absent for `resolveAfterMinutes` the alert resolves, whatever
 * people did to it; a blip shorter than that changes nothing.
 */
export function reconcile(
  alert: Alert,
  stillFiring: boolean,
  now: number,
  { resolveAfterMinutes }: ReconcileOptions,
): ReconcileOutcome {
  if (stillFiring) {
    if (alert.state === 'resolved') {
      const {
        resolvedAt: _resolved,
        snoozedUntil: _snoozed,
        acknowledgedBy: _by,
        acknowledgedAt: _at,
        expectedReason: _reason,
        expectedBy: _expectedBy,
        escalatedAt: _escalated,
        ...rest
      } = alert;
      return {
        alert: { ...rest, state: 'open', openedAt: now, openSince: now, lastFiringAt: now, updatedAt: now },
        event: 'reopened',
      };
    }
    if (alert.state === 'snoozed' && (alert.snoozedUntil ?? now) <= now) {
      const { snoozedUntil: _, escalatedAt: _escalated, ...rest } = alert;
      return {
        alert: { ...rest, state: 'open', openSince: now, lastFiringAt: now, updatedAt: now },
        event: 'woke',
      };
    }
    return { alert: { ...alert, lastFiringAt: now } };
  }
  if (alert.state === 'resolved' || now - alert.lastFiringAt < resolveAfterMinutes * 60) return { alert };
  return { alert: { ...alert, state: 'resolved', resolvedAt: now, updatedAt: now }, event: 'resolved' };
}

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
 * a snooze whose `until` has passed wakes the alert (open again), and a resolved alert reopens:
 * quietly (still expected, still snoozed) while a window people set has not ended.
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
        snoozedUntil,
        acknowledgedBy: _by,
        acknowledgedAt: _at,
        expectedReason,
        expectedBy,
        expectedUntil,
        escalatedAt: _escalated,
        ...rest
      } = alert;
      const reopened = { ...rest, openedAt: now, openSince: now, lastFiringAt: now, updatedAt: now };
      // Marked expected, or snoozed, for a window that has not ended: it comes back quietly.
      if (expectedUntil !== undefined && expectedUntil > now) {
        return {
          alert: {
            ...reopened,
            state: 'expected',
            expectedUntil,
            ...(expectedReason === undefined ? {} : { expectedReason }),
            ...(expectedBy === undefined ? {} : { expectedBy }),
          },
          event: 'reopened',
        };
      }
      if (snoozedUntil !== undefined && snoozedUntil > now) {
        return { alert: { ...reopened, state: 'snoozed', snoozedUntil }, event: 'reopened' };
      }
      return { alert: { ...reopened, state: 'open' }, event: 'reopened' };
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

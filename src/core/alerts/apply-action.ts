import { type Alert, type AlertAction, type AlertEventKind, EXPECTED_QUIET_DAYS } from './alert.js';
import { formatAlertTime } from './format-alert-time.js';

/** What an action did: the alert after it, whether anything changed, and why nothing did. */
export interface ActionOutcome {
  alert: Alert;
  changed: boolean;
  /** The event to record when `changed`. */
  event?: { kind: AlertEventKind; detail?: string };
  /** A polite answer for the person when the action cannot apply (resolved alert, past snooze). */
  refused?: string;
}

/** A second Snooze press within this many seconds of the first is the same snooze. */
const SNOOZE_SLACK_SECONDS = 10 * 60;

/**
 * Applies a person's action to an alert. Idempotent: acknowledging an acknowledged alert, marking
 * an expected alert expected for the same reason, or pressing Snooze twice in a row changes
 * nothing. A resolved alert refuses every action with a polite answer.
 */
export function applyAction(alert: Alert, action: AlertAction, actor: string, now: number): ActionOutcome {
  const unchanged: ActionOutcome = { alert, changed: false };
  if (alert.state === 'resolved') {
    const when = alert.resolvedAt === undefined ? '' : ` at ${formatAlertTime(alert.resolvedAt, now)}`;
    return { ...unchanged, refused: `This alert resolved${when}; there is nothing left to do.` };
  }
  switch (action.kind) {
    case 'acknowledge': {
      if (alert.state === 'acknowledged' || alert.state === 'expected') return unchanged;
      const { snoozedUntil: _, ...rest } = alert;
      return {
        alert: { ...rest, state: 'acknowledged', acknowledgedBy: actor, acknowledgedAt: now, updatedAt: now },
        changed: true,
        event: { kind: 'acknowledged' },
      };
    }
    case 'snooze': {
      if (action.until <= now) {
        return { ...unchanged, refused: 'A snooze has to end in the future.' };
      }
      const current = alert.state === 'snoozed' ? alert.snoozedUntil : undefined;
      if (current !== undefined && current >= action.until - SNOOZE_SLACK_SECONDS) return unchanged;
      return {
        alert: { ...alert, state: 'snoozed', snoozedUntil: action.until, updatedAt: now },
        changed: true,
        event: { kind: 'snoozed', detail: String(action.until) },
      };
    }
    case 'expected': {
      const reason = action.reason.trim() || 'expected';
      if (alert.state === 'expected' && alert.expectedReason === reason) return unchanged;
      const { snoozedUntil: _, ...rest } = alert;
      const until = action.until ?? now + EXPECTED_QUIET_DAYS * 86_400;
      return {
        alert: {
          ...rest,
          state: 'expected',
          expectedReason: reason,
          expectedBy: actor,
          expectedUntil: until,
          updatedAt: now,
        },
        changed: true,
        event: { kind: 'expected', detail: reason },
      };
    }
  }
}

/** The detection rules that raise alerts. */
export type AlertRule = 'quota' | 'spend_spike';

export const ALERT_RULES: readonly AlertRule[] = ['quota', 'spend_spike'];

export type AlertSeverity = 'warning' | 'critical';

/**
 * Where an alert is in its life: `open` until someone acknowledges it, snoozes it until a time or
 * marks it expected; `resolved` once its condition has been absent long enough (hysteresis).
 * A resolved alert whose condition comes back is reopened (same fingerprint, same alert).
 */
export type AlertState = 'open' | 'acknowledged' | 'snoozed' | 'expected' | 'resolved';

/** A condition a rule finds firing now. Rules return every firing condition on every pass. */
export interface AlertCandidate {
  /** Names the condition: the same fingerprint is the same alert, so it never posts twice. */
  fingerprint: string;
  rule: AlertRule;
  /** The team the alert belongs to (its channel gets it); `unallocated` when nobody owns it. */
  team: string;
  severity: AlertSeverity;
  title: string;
  /** What is happening and how bad, in one or two sentences. */
  summary: string;
  /** The rule's figures (JSON-safe); see `QuotaAlertDetails` and `SpendSpikeDetails`. */
  details: Record<string, unknown>;
  /** The moment the figures describe (the latest minute or day seen), UTC epoch seconds. */
  observedAt: number;
  /**
   * Milder conditions this one implies (80% when 95% is reached): their alerts stay open while
   * this one fires, but none is opened for them.
   */
  implies?: string[];
}

/** An alert as stored. Times are UTC epoch seconds. */
export interface Alert {
  id: number;
  fingerprint: string;
  rule: AlertRule;
  team: string;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  summary: string;
  details: Record<string, unknown>;
  observedAt: number;
  /** First opened, or reopened after being resolved. */
  openedAt: number;
  /** Since when it has been open: opened, reopened, or woken from a snooze. Escalation counts from here. */
  openSince: number;
  updatedAt: number;
  /** The last pass that found the condition firing. */
  lastFiringAt: number;
  snoozedUntil?: number;
  resolvedAt?: number;
  /** Chat user id (Slack `U…`) or name of who acknowledged it. */
  acknowledgedBy?: string;
  acknowledgedAt?: number;
  expectedReason?: string;
  expectedBy?: string;
  escalatedAt?: number;
}

/** What a person can do to an alert from chat. `until` is UTC epoch seconds. */
export type AlertAction =
  | { kind: 'acknowledge' }
  | { kind: 'snooze'; until: number }
  | { kind: 'expected'; reason: string };

/** The `alert_events.kind` an action or a pass records. */
export type AlertEventKind =
  | 'opened'
  | 'reopened'
  | 'acknowledged'
  | 'snoozed'
  | 'expected'
  | 'woke'
  | 'escalated'
  | 'resolved';

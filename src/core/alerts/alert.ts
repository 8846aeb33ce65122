/** The detection rules that raise alerts. */
export const ALERT_RULES = [
  'quota',
  'quota_throttles',
  'quota_rightsizing',
  'cost_anomaly',
  'latency_shift',
  'latency_followup',
  'retry_storm',
  'migration',
  'budget',
  'no_data',
  'reconcile_drift',
] as const;

export type AlertRule = (typeof ALERT_RULES)[number];

/** What an alert message shows beyond its summary (stored in `details.view`). */
export interface AlertCandidateView {
  /** Label/value figures: now, usual, change, limit… */
  facts?: Array<{ label: string; value: string }>;
  /** Ranked contributors to the change (root cause), largest first; `share` of the change, 0–1. */
  contributors?: { title: string; rows: Array<{ label: string; value: string; share?: number }> };
  /** What to look at next, one sentence. */
  next?: string;
}

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
  /** The rule's figures (JSON-safe); see each rule's `…Details` type. */
  details: Record<string, unknown>;
  /** The moment the figures describe (the latest minute or day seen), UTC epoch seconds. */
  observedAt: number;
  /** Facts, contributors and the next step the message shows; kept in `details.view`. */
  view?: AlertCandidateView;
  /**
   * How big the condition is, in the rule's own unit (dollars of change for spend rules, percent for
   * quota): a later pass that finds it materially bigger re-notifies, anything less stays quiet.
   */
  magnitude?: number;
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
  /** A condition marked expected stays quiet until then, even if it resolves and comes back. */
  expectedUntil?: number;
  escalatedAt?: number;
  /** The magnitude and severity people were last told about (re-notify only when materially worse). */
  notifiedMagnitude?: number;
  notifiedSeverity?: AlertSeverity;
}

/** What a person can do to an alert from chat. `until` is UTC epoch seconds. */
export type AlertAction =
  | { kind: 'acknowledge' }
  | { kind: 'snooze'; until: number }
  | { kind: 'expected'; reason: string; until?: number };

/** Days an alert marked expected stays quiet when the action names no end. */
export const EXPECTED_QUIET_DAYS = 7;

/** The `alert_events.kind` an action or a pass records. */
export type AlertEventKind =
  | 'opened'
  | 'reopened'
  | 'acknowledged'
  | 'snoozed'
  | 'expected'
  | 'woke'
  | 'escalated'
  | 'worsened'
  | 'resolved';

import type { Alert, AlertCandidate, AlertRule } from '../core/alerts/alert.js';

/** An `alerts` row as SQLite returns it. */
export interface AlertRow {
  id: number;
  fingerprint: string;
  rule: AlertRule;
  team: string;
  severity: Alert['severity'];
  state: Alert['state'];
  title: string;
  summary: string;
  details: string;
  observed_at: number;
  opened_at: number;
  open_since: number;
  updated_at: number;
  last_firing_at: number;
  snoozed_until: number | null;
  resolved_at: number | null;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  expected_reason: string | null;
  expected_by: string | null;
  expected_until: number | null;
  escalated_at: number | null;
  notified_magnitude: number | null;
  notified_severity: Alert['severity'] | null;
}

export const OPTIONAL = {
  snoozedUntil: 'snoozed_until',
  resolvedAt: 'resolved_at',
  acknowledgedBy: 'acknowledged_by',
  acknowledgedAt: 'acknowledged_at',
  expectedReason: 'expected_reason',
  expectedBy: 'expected_by',
  expectedUntil: 'expected_until',
  escalatedAt: 'escalated_at',
  notifiedMagnitude: 'notified_magnitude',
  notifiedSeverity: 'notified_severity',
} as const;

/** The candidate's figures as stored: its view travels in `details.view`. */
export function storedDetails(candidate: AlertCandidate): Record<string, unknown> {
  return candidate.view === undefined ? candidate.details : { ...candidate.details, view: candidate.view };
}

export function toAlert(row: AlertRow): Alert {
  const alert: Alert = {
    id: row.id,
    fingerprint: row.fingerprint,
    rule: row.rule,
    team: row.team,
    severity: row.severity,
    state: row.state,
    title: row.title,
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, unknown>,
    observedAt: row.observed_at,
    openedAt: row.opened_at,
    openSince: row.open_since,
    updatedAt: row.updated_at,
    lastFiringAt: row.last_firing_at,
  };
  for (const [key, column] of Object.entries(OPTIONAL)) {
    const value = row[column];
    if (value !== null) Object.assign(alert, { [key]: value });
  }
  return alert;
}

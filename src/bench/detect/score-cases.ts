import type { DetectionCase } from './detection-case.js';

/** How well one rule did on its labelled cases. */
export interface CaseScore {
  incidents: number;
  /** Incidents with an alert within their `detectWithinSeconds`. */
  detected: number;
  /** Distinct alerts (fingerprints) raised over every case. */
  alerts: number;
  /** Alerts that matched no incident, quiet cases included. */
  falseAlerts: number;
  recall: number;
  precision: number;
  /** Median of first-alert time minus incident start over detected incidents; `null` when none. */
  medianDelaySeconds: number | null;
  /** False alerts on the quiet controls per team per week of evaluated time. */
  quietFalseAlertsPerTeamWeek: number;
  /** Quiet team-weeks evaluated. */
  quietTeamWeeks: number;
}

const WEEK = 7 * 86_400;

/**
 * Scores cases: an alert first fired in `[incident.at, incident.at + detectWithinSeconds]` detects
 * that incident; every other alert is false. Recall is over incidents, precision over alerts (a
 * rule with no alerts at all has precision 1), delays are from the incident to its first alert.
 */
export function scoreCases(cases: readonly DetectionCase[]): CaseScore {
  let incidents = 0;
  let detected = 0;
  let alerts = 0;
  let falseAlerts = 0;
  let quietFalse = 0;
  let quietTeamWeeks = 0;
  const delays: number[] = [];
  for (const entry of cases) {
    const fired = entry.replay();
    alerts += fired.length;
    const matches = (at: number, incident: { at: number }) =>
      at >= incident.at && at <= incident.at + entry.detectWithinSeconds;
    for (const incident of entry.incidents) {
      incidents += 1;
      const first = fired
        .filter((alert) => matches(alert.firstAt, incident))
        .reduce<number | undefined>(
          (min, alert) => (min === undefined ? alert.firstAt : Math.min(min, alert.firstAt)),
          undefined,
        );
      if (first === undefined) continue;
      detected += 1;
      delays.push(first - incident.at);
    }
    const unmatched = fired.filter(
      (alert) => !entry.incidents.some((incident) => matches(alert.firstAt, incident)),
    );
    falseAlerts += unmatched.length;
    if (entry.incidents.length === 0) {
      quietFalse += unmatched.length;
      quietTeamWeeks += (entry.teams * entry.evaluatedSeconds) / WEEK;
    }
  }
  return {
    incidents,
    detected,
    alerts,
    falseAlerts,
    recall: incidents === 0 ? 1 : detected / incidents,
    precision: alerts === 0 ? 1 : (alerts - falseAlerts) / alerts,
    medianDelaySeconds: median(delays),
    quietFalseAlertsPerTeamWeek: quietTeamWeeks === 0 ? 0 : quietFalse / quietTeamWeeks,
    quietTeamWeeks,
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

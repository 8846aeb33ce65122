import type { Alert, AlertCandidate } from './alert.js';

/** A condition this many times bigger than people were last told about is news again. */
const MATERIAL_GROWTH = 1.5;
const SEVERITY_RANK: Record<Alert['severity'], number> = { warning: 0, critical: 1 };

/** Whether a firing condition is materially worse than what its alert last told people. */
export function isMateriallyWorse(alert: Alert, candidate: AlertCandidate): boolean {
  if (alert.state !== 'open' && alert.state !== 'acknowledged') return false;
  const told = alert.notifiedSeverity ?? alert.severity;
  if (SEVERITY_RANK[candidate.severity] > SEVERITY_RANK[told]) return true;
  const before = alert.notifiedMagnitude;
  return (
    candidate.magnitude !== undefined &&
    before !== undefined &&
    before > 0 &&
    candidate.magnitude >= before * MATERIAL_GROWTH
  );
}

/** What people are told when an alert posts: the figures to compare later passes with. */
export function notified(candidate: AlertCandidate): Pick<Alert, 'notifiedMagnitude' | 'notifiedSeverity'> {
  return {
    notifiedSeverity: candidate.severity,
    ...(candidate.magnitude === undefined ? {} : { notifiedMagnitude: candidate.magnitude }),
  };
}

import type { Alert, AlertCandidate } from '../alerts/alert.js';
import { reconcile } from '../alerts/reconcile.js';

/**
 * The alert lifecycle of a rule pass without a database, for replaying long series fast: the same
 * `reconcile` the alert store runs, with nobody acknowledging, snoozing or marking anything.
 * `step` returns the candidates that opened an alert or reopened a resolved one at `now`.
 */
export function createAlertReplay({ resolveAfterMinutes }: { resolveAfterMinutes: number }) {
  const known = new Map<string, Alert>();
  const active = new Set<string>();
  let nextId = 1;
  return {
    step(candidates: readonly AlertCandidate[], now: number): AlertCandidate[] {
      const raised: AlertCandidate[] = [];
      const firing = new Map(candidates.map((candidate) => [candidate.fingerprint, candidate]));
      const implied = new Set(candidates.flatMap((candidate) => candidate.implies ?? []));
      for (const candidate of firing.values()) {
        const before = known.get(candidate.fingerprint);
        if (before === undefined) {
          known.set(candidate.fingerprint, opened(candidate, nextId, now));
          nextId += 1;
          active.add(candidate.fingerprint);
          raised.push(candidate);
          continue;
        }
        const { alert, event } = reconcile(before, true, now, { resolveAfterMinutes });
        known.set(candidate.fingerprint, alert);
        active.add(candidate.fingerprint);
        if (event === 'reopened' && alert.state === 'open') raised.push(candidate);
      }
      for (const fingerprint of [...active]) {
        if (firing.has(fingerprint)) continue;
        const before = known.get(fingerprint) as Alert;
        const { alert } = reconcile(before, implied.has(fingerprint), now, { resolveAfterMinutes });
        known.set(fingerprint, alert);
        if (alert.state === 'resolved') active.delete(fingerprint);
      }
      return raised;
    },
  };
}

function opened(candidate: AlertCandidate, id: number, now: number): Alert {
  return {
    id,
    fingerprint: candidate.fingerprint,
    rule: candidate.rule,
    team: candidate.team,
    severity: candidate.severity,
    state: 'open',
    title: candidate.title,
    summary: candidate.summary,
    details: candidate.details,
    observedAt: candidate.observedAt,
    openedAt: now,
    openSince: now,
    updatedAt: now,
    lastFiringAt: now,
  };
}

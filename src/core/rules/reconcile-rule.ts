import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_DAY } from '../facts.js';
import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';
import {
  CAUSE_TEXT,
  type Drift,
  type DriftThresholds,
  exceedsThreshold,
} from '../reconcile/compute-drift.js';

/** Billed amounts arrive 1–2 days late and get restated meanwhile: a day counts once this long over. */
export const SETTLE_SECONDS = 2 * SECONDS_PER_DAY;
/** A drifting day keeps its alert firing this long, so one quiet day does not resolve it (hysteresis). */
export const DRIFT_LOOKBACK_DAYS = 7;

/** True when a day's bill is final or at least two days past its end. */
export function isSettled(drift: Pick<Drift, 'day' | 'final'>, now: number): boolean {
  return drift.final || drift.day + SECONDS_PER_DAY + SETTLE_SECONDS <= now;
}

/**
 * One alert per provider × billing scope whose settled bill drifted from the estimate past both
 * thresholds on a day of the last `DRIFT_LOOKBACK_DAYS`; it names the worst day and its likely
 * cause. For the platform owner (`unallocated`: `slack.default_channel`), fingerprint
 * `reconcile_drift|<source>|<scope>`.
 */
export function reconcileRule({
  drifts,
  now,
  thresholds,
}: {
  drifts: readonly Drift[];
  now: number;
  thresholds: DriftThresholds;
}): AlertCandidate[] {
  const since = now - (now % SECONDS_PER_DAY) - DRIFT_LOOKBACK_DAYS * SECONDS_PER_DAY;
  const worst = new Map<string, { drift: Drift; days: number }>();
  for (const drift of drifts) {
    if (drift.day < since || !isSettled(drift, now) || !exceedsThreshold(drift, thresholds)) continue;
    const key = `${drift.source}|${drift.scope}`;
    const seen = worst.get(key);
    const days = (seen?.days ?? 0) + 1;
    const larger = !seen || Math.abs(drift.driftMicros) > Math.abs(seen.drift.driftMicros);
    worst.set(key, { drift: larger ? drift : (seen?.drift ?? drift), days });
  }
  return [...worst.values()].map(({ drift, days }) => {
    const size = Math.abs(drift.driftMicros);
    const direction = drift.driftMicros > 0 ? 'above' : 'below';
    const percent = drift.driftPercent === null ? 'with nothing billed' : `${Math.abs(drift.driftPercent)}%`;
    const [cause = 'mispriced_model', ...others] = drift.causes;
    return {
      fingerprint: `reconcile_drift|${drift.source}|${drift.scope}`,
      rule: 'reconcile_drift' as const,
      team: 'unallocated',
      severity: size >= thresholds.minMicrosPerDay * 10 ? ('critical' as const) : ('warning' as const),
      title: `${drift.source} bill ${direction} estimate by ${formatUsd(size)} on ${isoDay(drift.day)}`,
      summary: `The ${drift.source} bill for ${scopeLabel(drift.scope)} on ${isoDay(drift.day)} is ${formatUsd(drift.billedMicros)}, ${formatUsd(size)} (${percent}) ${direction} the ${formatUsd(drift.estimatedMicros)} estimated from usage. Likely cause: ${CAUSE_TEXT[cause]}.`,
      details: {
        source: drift.source,
        scope: drift.scope,
        day: drift.day,
        estimatedMicros: drift.estimatedMicros,
        billedMicros: drift.billedMicros,
        driftMicros: drift.driftMicros,
        driftPercent: drift.driftPercent,
        causes: drift.causes,
        daysOverThreshold: days,
      },
      view: {
        facts: [
          { label: 'Billed', value: formatUsd(drift.billedMicros) },
          { label: 'Estimated', value: formatUsd(drift.estimatedMicros) },
          { label: 'Drift', value: `${formatUsd(drift.driftMicros)} (${percent})` },
          { label: `Days over threshold (last ${DRIFT_LOOKBACK_DAYS})`, value: String(days) },
        ],
        ...(others.length > 0
          ? {
              contributors: {
                title: 'Other possible causes',
                rows: others.map((other) => ({ label: CAUSE_TEXT[other], value: '' })),
              },
            }
          : {}),
        next: `Run \`/ai-spend reconcile ${drift.source} 30d\` to see every day and scope.`,
      },
      magnitude: size / 1_000_000,
      observedAt: drift.day,
    };
  });
}

/** `anthropic|acct|wrkspc` → `account acct, wrkspc`; `bedrock|team=search` → `team=search`. */
export function scopeLabel(scope: string): string {
  const parts = scope
    .split('|')
    .slice(1)
    .filter((part) => part !== '');
  return parts.length === 0 ? 'the whole organisation' : parts.join(' / ');
}

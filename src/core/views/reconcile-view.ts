import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';
import {
  CAUSE_TEXT,
  type Drift,
  type DriftCause,
  type DriftThresholds,
  exceedsThreshold,
} from '../reconcile/compute-drift.js';
import { scopeLabel } from '../rules/reconcile-rule.js';
import type { MessageSection, MessageView } from './message-view.js';

/** One provider's estimate vs bill over the period (billed days only). Money in micro-dollars. */
export interface ProviderDrift {
  source: string;
  days: number;
  estimated_micros: number;
  billed_micros: number;
  drift_micros: number;
  /** Percentage of the bill, 0.1 precision; `null` when nothing was billed. */
  drift_percent: number | null;
  /** Days × scopes past both thresholds. */
  over_threshold: number;
  /** The most frequent likely cause over the drifting days, if any drifted. */
  likely_cause?: DriftCause;
}

/** The `reconcile` answer as data. */
export interface ReconcileView {
  provider?: string;
  period: { label: string; start: number; end: number };
  thresholds: { min_percent: number; min_micros_per_day: number };
  providers: ProviderDrift[];
  /** Days × scopes past both thresholds, largest drift first. */
  worst: Array<{
    source: string;
    day: string;
    scope: string;
    estimated_micros: number;
    billed_micros: number;
    drift_micros: number;
    drift_percent: number | null;
    final: boolean;
    causes: DriftCause[];
  }>;
}

const percentOf = (drift: number, billed: number) =>
  billed === 0 ? null : Math.round((drift * 1000) / Math.abs(billed)) / 10;

/** Sums drift rows per provider and picks the days that crossed the thresholds. */
export function buildReconcileView({
  drifts,
  period,
  provider,
  thresholds,
}: {
  drifts: readonly Drift[];
  period: { label: string; start: number; end: number };
  provider?: string;
  thresholds: DriftThresholds;
}): ReconcileView {
  const bySource = new Map<string, { rows: Drift[]; days: Set<number> }>();
  for (const drift of drifts) {
    const entry = bySource.get(drift.source) ?? { rows: [], days: new Set<number>() };
    entry.rows.push(drift);
    entry.days.add(drift.day);
    bySource.set(drift.source, entry);
  }
  const over = drifts.filter((drift) => exceedsThreshold(drift, thresholds));
  const providers = [...bySource.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([source, { rows, days }]) => {
      const estimated = rows.reduce((sum, row) => sum + row.estimatedMicros, 0);
      const billed = rows.reduce((sum, row) => sum + row.billedMicros, 0);
      const drifting = over.filter((row) => row.source === source);
      const counts = new Map<DriftCause, number>();
      for (const row of drifting) {
        const [first] = row.causes;
        if (first !== undefined) counts.set(first, (counts.get(first) ?? 0) + 1);
      }
      const likely = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      return {
        source,
        days: days.size,
        estimated_micros: estimated,
        billed_micros: billed,
        drift_micros: billed - estimated,
        drift_percent: percentOf(billed - estimated, billed),
        over_threshold: drifting.length,
        ...(likely === undefined ? {} : { likely_cause: likely }),
      };
    });
  const worst = [...over]
    .sort((a, b) => Math.abs(b.driftMicros) - Math.abs(a.driftMicros) || a.day - b.day)
    .map((drift) => ({
      source: drift.source,
      day: isoDay(drift.day),
      scope: drift.scope,
      estimated_micros: drift.estimatedMicros,
      billed_micros: drift.billedMicros,
      drift_micros: drift.driftMicros,
      drift_percent: drift.driftPercent,
      final: drift.final,
      causes: drift.causes,
    }));
  return {
    ...(provider === undefined ? {} : { provider }),
    period,
    thresholds: { min_percent: thresholds.minPercent, min_micros_per_day: thresholds.minMicrosPerDay },
    providers,
    worst,
  };
}

const signedPercent = (value: number | null) =>
  value === null ? 'nothing billed' : `${value > 0 ? '+' : ''}${value}%`;

/** The chat message: per provider billed vs estimated, then the days that drifted and why. */
export function reconcileMessage(view: ReconcileView, freshness: string): MessageView {
  const what = view.provider ?? 'every provider';
  if (view.providers.length === 0) {
    return {
      title: `Reconciliation: ${what}, ${view.period.label}`,
      summary: `No bill has arrived for ${what} over ${view.period.label} yet: there is nothing to reconcile. Billed amounts arrive 1–2 days after usage.`,
      sections: [],
      context: [freshness],
    };
  }
  const drifting = view.providers.filter((entry) => entry.over_threshold > 0).length;
  const sections: MessageSection[] = [
    {
      title: 'Billed vs estimated (billed days only)',
      rows: view.providers.map((entry) => ({
        label: `${entry.source} (${entry.days} d)`,
        value: `${formatUsd(entry.billed_micros)} billed · ${formatUsd(entry.estimated_micros)} estimated · ${formatUsd(entry.drift_micros)} (${signedPercent(entry.drift_percent)})`,
      })),
    },
  ];
  if (view.worst.length > 0) {
    const shown = view.worst.slice(0, 6);
    sections.push({
      title: 'Days past the threshold',
      rows: shown.map((row) => ({
        label: `${row.source} ${row.day} ${scopeLabel(row.scope)}${row.final ? '' : ' (not final)'}`,
        value: `${formatUsd(row.drift_micros)} (${signedPercent(row.drift_percent)}): ${CAUSE_TEXT[row.causes[0] ?? 'mispriced_model']}`,
      })),
      ...(view.worst.length > shown.length ? { more: view.worst.length - shown.length } : {}),
    });
  }
  const threshold = `${view.thresholds.min_percent}% and ${formatUsd(view.thresholds.min_micros_per_day)}/day`;
  return {
    title: `Reconciliation: ${what}, ${view.period.label}`,
    summary:
      drifting === 0
        ? `Bills and estimates agree within ${threshold} for ${what} over ${view.period.label}.`
        : `${view.worst.length} day × scope ${view.worst.length === 1 ? 'entry drifts' : 'entries drift'} past ${threshold} (${drifting} of ${view.providers.length} providers).`,
    sections,
    context: [freshness, 'drift = billed − estimated; threshold alerts.reconcile'],
  };
}

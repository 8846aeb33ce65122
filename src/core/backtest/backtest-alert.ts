import type { AlertCandidate, AlertRule, AlertSeverity } from '../alerts/alert.js';
import { MICROS_PER_USD } from '../money.js';

/** An alert a replay would have raised (opened, or reopened after resolving). */
export interface BacktestAlert {
  /** When it fired, UTC epoch seconds: the simulated clock, or the series point that tipped it. */
  at: number;
  fingerprint: string;
  rule: AlertRule;
  team: string;
  /** What it is about: `team=search`, `us-east-1 claude-sonnet-4-5`, the series name… */
  scope: string;
  severity: AlertSeverity;
  /** The figure that triggered it, in `unit`. */
  value: number;
  unit: string;
  title: string;
  /** The alert's summary, as the message would say it. */
  message: string;
}

/** The figure behind a candidate: spend for cost anomalies, milliseconds for latency, percent for quotas. */
export function alertFigure(candidate: AlertCandidate): { value: number; unit: string } {
  const details = candidate.details;
  const number = (key: string) => (typeof details[key] === 'number' ? (details[key] as number) : undefined);
  switch (candidate.rule) {
    case 'cost_anomaly': {
      const actual = number('actualMicros');
      if (actual !== undefined) {
        return {
          value: Math.round((actual / MICROS_PER_USD) * 100) / 100,
          unit: details.granularity === 'day' ? 'USD/day' : 'USD/hour',
        };
      }
      break;
    }
    case 'latency_shift': {
      const after = number('afterMs');
      if (after !== undefined) return { value: after, unit: 'ms' };
      break;
    }
    case 'quota': {
      const peak = number('peakPercent');
      if (peak !== undefined) return { value: peak, unit: '%' };
      break;
    }
    default:
      break;
  }
  return { value: candidate.magnitude ?? 0, unit: '' };
}

/** What the alert is about, for grouping: the anomaly's scope, the model, the quota, else the team. */
export function alertScope(candidate: AlertCandidate): string {
  const details = candidate.details;
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : undefined);
  const scope = text('scope');
  if (scope !== undefined) return scope;
  const region = text('region');
  const what = text('shortName') ?? text('label') ?? text('model') ?? text('quota');
  if (region !== undefined && what !== undefined) return `${region} ${what}`;
  return `team=${candidate.team}`;
}

/** The backtest view of a raised candidate. */
export function toBacktestAlert(
  candidate: AlertCandidate,
  at: number,
  scope = alertScope(candidate),
): BacktestAlert {
  return {
    at,
    fingerprint: candidate.fingerprint,
    rule: candidate.rule,
    team: candidate.team,
    scope,
    severity: candidate.severity,
    ...alertFigure(candidate),
    title: candidate.title,
    message: candidate.summary,
  };
}

import type { AlertCandidate } from '../alerts/alert.js';
import { MICROS_PER_USD } from '../money.js';
import { isoTime } from '../period.js';
import { DEFAULT_DAILY_SETTINGS, DEFAULT_HOURLY_SETTINGS } from './cost-anomaly/cost-anomaly-settings.js';
import { type CostScope, scopeKey } from './cost-anomaly/cost-scope.js';
import { type CostAnomalyItem, dedupeAnomalies } from './cost-anomaly/dedupe-anomalies.js';
import { describeCostAnomaly } from './cost-anomaly/describe-cost-anomaly.js';
import type { CostAnomaly } from './cost-anomaly/detect-cost-anomalies.js';
import type { Contributor } from './rank-contributors.js';

export {
  type CostAnomalySettings,
  DEFAULT_DAILY_SETTINGS,
  DEFAULT_HOURLY_SETTINGS,
} from './cost-anomaly/cost-anomaly-settings.js';
export { type CostScope, scopeKey } from './cost-anomaly/cost-scope.js';
export type { CostAnomalyItem } from './cost-anomaly/dedupe-anomalies.js';
export {
  type CostAnomaly,
  type CostAnomalyInput,
  type CostSeries,
  detectCostAnomalies,
} from './cost-anomaly/detect-cost-anomalies.js';
export {
  type Contributor,
  type ContributorDimension,
  type CostBreakdownRow,
  rankContributors,
} from './rank-contributors.js';

/** A team owns a provider, model or org anomaly when it contributes at least this share of the change. */
export const OWNER_SHARE = 0.5;

/** The figures of a cost anomaly alert (`AlertCandidate.details`); amounts in micro-dollars. */
export interface CostAnomalyDetails {
  /** {@link scopeKey}: `team=search`, `feature=search/ask-docs`, `provider=bedrock`, `org`… */
  scope: string;
  granularity: 'hour' | 'day';
  direction: 'spike' | 'drop';
  /** ISO UTC start of the run and of its latest bucket. */
  since: string;
  at: string;
  actualMicros: number;
  expectedMicros: number;
  deltaMicros: number;
  ratio?: number;
  score: number;
  buckets: number;
  baselineWeeks?: number;
  /** The root-cause rows shown, largest |delta| first. */
  contributors: Array<{ dimension: string; value: string; deltaMicros: number; share: number }>;
}

/**
 * Alert candidates from anomalies with their contributors. Fingerprint
 * `cost_anomaly|<granularity>|<scopeKey>|<direction>`: one continuing condition is one alert. The
 * owner is the team of a team or feature scope; for a provider, model or org scope, the team
 * contributing at least half of the change, else `unallocated`. Redundant alerts across the scope
 * hierarchy are left out (see `dedupeAnomalies`). Critical when the anomaly says so (ratio ≥ 3× or
 * ≤ ⅓ and a change of 10× the dollar threshold, by default).
 */
export function costAnomalyRule(items: readonly CostAnomalyItem[]): AlertCandidate[] {
  return dedupeAnomalies(items).map(({ anomaly, contributors }) => {
    const team = ownerOf(anomaly.scope, contributors, anomaly.deltaMicros);
    const { title, summary, view, shown } = describeCostAnomaly(anomaly, contributors, team);
    const details: CostAnomalyDetails = {
      scope: scopeKey(anomaly.scope),
      granularity: anomaly.granularity,
      direction: anomaly.direction,
      since: isoTime(anomaly.since),
      at: isoTime(anomaly.at),
      actualMicros: anomaly.actualMicros,
      expectedMicros: anomaly.expectedMicros,
      deltaMicros: anomaly.deltaMicros,
      ...(anomaly.ratio !== undefined ? { ratio: anomaly.ratio } : {}),
      score: anomaly.score,
      buckets: anomaly.currentBuckets.length,
      ...(anomaly.baselineWeeks !== undefined ? { baselineWeeks: anomaly.baselineWeeks } : {}),
      contributors: shown.map(({ dimension, value, deltaMicros, share }) => ({
        dimension,
        value,
        deltaMicros,
        share,
      })),
    };
    return {
      fingerprint: `cost_anomaly|${anomaly.granularity}|${scopeKey(anomaly.scope)}|${anomaly.direction}`,
      rule: 'cost_anomaly',
      team,
      severity: anomaly.severity ?? defaultSeverity(anomaly),
      title,
      summary,
      details: { ...details },
      observedAt: anomaly.at,
      view,
      magnitude: Math.abs(anomaly.deltaMicros) / MICROS_PER_USD,
    };
  });
}

function ownerOf(scope: CostScope, contributors: readonly Contributor[], deltaMicros: number): string {
  if (scope.kind === 'team' || scope.kind === 'feature') return scope.team;
  const owner = contributors.find(
    (row) =>
      row.dimension === 'team' &&
      row.share >= OWNER_SHARE &&
      Math.sign(row.deltaMicros) === Math.sign(deltaMicros),
  );
  return owner?.value ?? 'unallocated';
}

function defaultSeverity(anomaly: CostAnomaly): 'warning' | 'critical' {
  const { minMicros } = anomaly.granularity === 'hour' ? DEFAULT_HOURLY_SETTINGS : DEFAULT_DAILY_SETTINGS;
  const ratio = anomaly.ratio;
  const extreme =
    ratio === undefined
      ? anomaly.direction === 'spike'
      : anomaly.direction === 'spike'
        ? ratio >= 3
        : ratio <= 1 / 3;
  return extreme && Math.abs(anomaly.deltaMicros) >= 10 * minMicros ? 'critical' : 'warning';
}

/**
 * One condition, one alert: a daily anomaly whose scope and direction an hourly one already reports
 * (fresher, same cause) is left out.
 */
export function withoutDailyEchoes(candidates: readonly AlertCandidate[]): AlertCandidate[] {
  const hourly = new Set(
    candidates
      .filter((candidate) => candidate.fingerprint.startsWith('cost_anomaly|hour|'))
      .map((candidate) => candidate.fingerprint.slice('cost_anomaly|hour|'.length)),
  );
  return candidates.filter(
    (candidate) =>
      !candidate.fingerprint.startsWith('cost_anomaly|day|') ||
      !hourly.has(candidate.fingerprint.slice('cost_anomaly|day|'.length)),
  );
}

import type { Contributor, ContributorDimension } from '../rank-contributors.js';
import type { CostAnomaly } from './detect-cost-anomalies.js';

/** An anomaly with its ranked contributors, as the rule receives them. */
export interface CostAnomalyItem {
  anomaly: CostAnomaly;
  contributors: readonly Contributor[];
}

/** A broader scope's anomaly is left out when narrower anomalies explain at least this share of it. */
export const EXPLAINED_SHARE = 0.5;

/** From the most specific scope to the broadest; a model is taken as narrower than its provider. */
const SPECIFICITY = { feature: 0, team: 1, model: 2, provider: 3, org: 4 } as const;

/**
 * Keeps one alert per change across the scope hierarchy, per granularity and direction:
 * - a feature anomaly is left out whenever its team has one: the team alert is the clearer one (its
 *   contributors name the feature and its share, and the choice does not flip from pass to pass as
 *   the share moves around one half);
 * - a model, provider or org anomaly is left out when narrower anomalies overlapping it in time
 *   (features, teams, then models, providers) explain at least half of its change: by their shares in
 *   its contributors, or, when its contributors lack that dimension, by their change per bucket.
 */
export function dedupeAnomalies(items: readonly CostAnomalyItem[]): CostAnomalyItem[] {
  return items.filter((item) => !redundant(item, items));
}

function redundant(item: CostAnomalyItem, items: readonly CostAnomalyItem[]): boolean {
  const { anomaly } = item;
  const { scope } = anomaly;
  const peers = items
    .map((other) => other.anomaly)
    .filter(
      (other) =>
        other !== anomaly &&
        other.granularity === anomaly.granularity &&
        other.direction === anomaly.direction &&
        other.since <= anomaly.at &&
        anomaly.since <= other.at,
    );
  if (scope.kind === 'feature') {
    return peers.some((other) => other.scope.kind === 'team' && other.scope.team === scope.team);
  }
  if (scope.kind === 'team') return false;
  const narrower = peers.filter((other) => SPECIFICITY[other.scope.kind] < SPECIFICITY[scope.kind]);
  return explainedShare(item, narrower) >= EXPLAINED_SHARE;
}

function explainedShare(item: CostAnomalyItem, narrower: readonly CostAnomaly[]): number {
  const { anomaly, contributors } = item;
  const byDimension = new Map<ContributorDimension, CostAnomaly[]>();
  for (const other of narrower) {
    const dimension = other.scope.kind as ContributorDimension;
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), other]);
  }
  let best = 0;
  for (const [dimension, others] of byDimension) {
    const rows = contributors.filter((row) => row.dimension === dimension);
    const share =
      rows.length > 0
        ? rows
            .filter((row) => others.some((other) => names(other).includes(row.value)))
            .reduce((total, row) => total + Math.max(0, row.share), 0)
        : others.reduce((total, other) => total + perBucket(other) / perBucket(anomaly), 0);
    best = Math.max(best, share);
  }
  return best;
}

/** The contributor values that stand for a narrower scope. */
function names(anomaly: CostAnomaly): string[] {
  const { scope } = anomaly;
  switch (scope.kind) {
    case 'team':
      return [scope.team];
    case 'feature':
      return [scope.feature, `${scope.team}/${scope.feature}`];
    case 'model':
      return [scope.model];
    case 'provider':
      return [scope.provider];
    case 'org':
      return [];
  }
}

function perBucket(anomaly: CostAnomaly): number {
  return anomaly.deltaMicros / Math.max(1, anomaly.currentBuckets.length);
}

import type { CostScope, CostSeries } from '../../core/rules/cost-anomaly-rule.js';
import type { BreakdownFilter, SpendCell } from '../../store/detection-queries.js';

/**
 * The series the cost anomaly rule watches, from rollup cells: the whole org, each team, each
 * team × feature, each provider and each model family, summed per bucket.
 */
export function spendSeries(cells: readonly SpendCell[]): CostSeries[] {
  const series = new Map<string, { scope: CostScope; points: Map<number, number> }>();
  const add = (key: string, scope: CostScope, at: number, micros: number) => {
    let entry = series.get(key);
    if (entry === undefined) {
      entry = { scope, points: new Map() };
      series.set(key, entry);
    }
    entry.points.set(at, (entry.points.get(at) ?? 0) + micros);
  };
  for (const cell of cells) {
    add('org', { kind: 'org' }, cell.at, cell.micros);
    add(`team|${cell.team}`, { kind: 'team', team: cell.team }, cell.at, cell.micros);
    if (cell.feature !== '(none)') {
      add(
        `feature|${cell.team}|${cell.feature}`,
        { kind: 'feature', team: cell.team, feature: cell.feature },
        cell.at,
        cell.micros,
      );
    }
    add(`provider|${cell.source}`, { kind: 'provider', provider: cell.source }, cell.at, cell.micros);
    if (cell.family !== '')
      add(`model|${cell.family}`, { kind: 'model', model: cell.family }, cell.at, cell.micros);
  }
  return [...series.values()].map(({ scope, points }) => ({
    scope,
    points: [...points].map(([at, micros]) => ({ at, micros })).sort((a, b) => a.at - b.at),
  }));
}

/** The facts behind a scope, for its root-cause breakdown. */
export function breakdownFilter(scope: CostScope): BreakdownFilter {
  switch (scope.kind) {
    case 'org':
      return {};
    case 'team':
      return { team: scope.team };
    case 'feature':
      return { team: scope.team, feature: scope.feature };
    case 'provider':
      return { source: scope.provider };
    case 'model':
      return { family: scope.model };
  }
}

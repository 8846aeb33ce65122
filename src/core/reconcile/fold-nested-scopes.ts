import type { DriftInput } from './compute-drift.js';

/**
 * Folds bills of a narrower scope into the usage scope they belong to. Some bills are finer than
 * the usage that explains them: a Vertex AI export row with request labels is billed under
 * `vertex|project|team=…` while Cloud Monitoring reports usage for `vertex|project`. A row with a
 * bill but no usage whose scope extends another row's scope of the same source and day
 * (`<scope>|…`) joins that row (the longest such scope); everything else stays as it is. `final`
 * is 1 or 0, as SQLite gives it.
 */
export function foldNestedScopes<Row extends Omit<DriftInput, 'final'> & { final: number }>(
  rows: readonly Row[],
): Row[] {
  const byKey = new Map(rows.map((row) => [`${row.source}|${row.day}|${row.scope}`, { ...row }]));
  const withUsage = rows.filter((row) => row.totalTokens > 0 || row.estimatedMicros !== 0);
  for (const row of rows) {
    if (row.totalTokens > 0 || row.estimatedMicros !== 0) continue;
    const parent = withUsage
      .filter((other) => other.source === row.source && other.day === row.day)
      .filter((other) => row.scope.startsWith(`${other.scope}|`))
      .sort((a, b) => b.scope.length - a.scope.length)[0];
    if (parent === undefined) continue;
    const target = byKey.get(`${parent.source}|${parent.day}|${parent.scope}`);
    if (target === undefined) continue;
    target.billedMicros += row.billedMicros;
    target.creditMicros += row.creditMicros;
    target.final = Math.min(target.final, row.final);
    byKey.delete(`${row.source}|${row.day}|${row.scope}`);
  }
  return [...byKey.values()];
}

import type { BreakdownRow, DetectionQueries, SpendCell } from '../../store/detection-queries.js';
import type { SignalQueries } from '../../store/signal-queries.js';

/** Index of the first cell at or after `at` (cells sorted by `at`). */
function lowerBound(cells: ReadonlyArray<{ at: number }>, at: number): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cells[middle] as { at: number }).at < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The detection queries of a replay over `[start, end)`: the spend series are read once and sliced
 * per pass (the stored rows do not change while a replay runs, so a slice is what the bounded query
 * returns), root-cause breakdowns are remembered, and a day counts its bill only before `billedBefore`.
 */
export function createReplayQueries(
  queries: DetectionQueries,
  { start, end, spend = true }: { start: number; end: number; spend?: boolean },
) {
  const stable = (cells: SpendCell[]) =>
    cells
      .map((cell, index) => ({ cell, index }))
      .sort((a, b) => a.cell.at - b.cell.at || a.index - b.index)
      .map((entry) => entry.cell);
  const hours = spend ? stable(queries.hourlySpend(start, end)) : [];
  const billedDays = spend ? stable(queries.dailySpend(start, end)) : [];
  // Every day before -∞ is billed: none is, so these are the estimates.
  const estimatedDays = spend ? stable(queries.dailySpend(start, end, Number.NEGATIVE_INFINITY)) : [];
  const slice = (cells: readonly SpendCell[], from: number, to: number) =>
    spend && from >= start && to <= end
      ? cells.slice(lowerBound(cells, from), lowerBound(cells, to))
      : undefined;
  const memo = (
    read: (
      filter: Parameters<DetectionQueries['hourlyBreakdown']>[0],
      buckets: readonly number[],
    ) => BreakdownRow[],
  ) => {
    const seen = new Map<string, BreakdownRow[]>();
    return (filter: Parameters<DetectionQueries['hourlyBreakdown']>[0], buckets: readonly number[]) => {
      const key = `${JSON.stringify(filter)}|${buckets.join(',')}`;
      let rows = seen.get(key);
      if (rows === undefined) {
        rows = read(filter, buckets);
        seen.set(key, rows);
      }
      return rows;
    };
  };
  const hourlyBreakdown = memo(queries.hourlyBreakdown);
  const dailyBreakdown = memo(queries.dailyBreakdown);
  // Metric points are read once per (source, metric, stat) and sliced: the query orders by time.
  const metricSeries = new Map<string, ReturnType<DetectionQueries['metricPoints']>>();
  const metricPoints: DetectionQueries['metricPoints'] = (source, metric, stat, from, to) => {
    if (from < start || to > end) return queries.metricPoints(source, metric, stat, from, to);
    const key = `${source}|${metric}|${stat}`;
    let points = metricSeries.get(key);
    if (points === undefined) {
      points = queries.metricPoints(source, metric, stat, start, end);
      metricSeries.set(key, points);
    }
    return points.slice(lowerBound(points, from), lowerBound(points, to));
  };
  // Hour-aligned reads repeat on every pass of an hour: remember them.
  const remember = <Args extends unknown[], Result>(read: (...args: Args) => Result) => {
    const seen = new Map<string, Result>();
    return (...args: Args): Result => {
      const key = JSON.stringify(args);
      if (!seen.has(key)) seen.set(key, read(...args));
      return seen.get(key) as Result;
    };
  };
  const hourlyMetric = remember(queries.hourlyMetric);
  const hourlyTokens = remember(queries.hourlyTokens);
  return (billedBefore: number): DetectionQueries => ({
    ...queries,
    metricPoints,
    hourlyMetric,
    hourlyTokens,
    hourlySpend: (from, to) => slice(hours, from, to) ?? queries.hourlySpend(from, to),
    dailySpend: (from, to) => {
      const billed = slice(billedDays, from, to);
      const estimated = slice(estimatedDays, from, to);
      if (billed === undefined || estimated === undefined) return queries.dailySpend(from, to, billedBefore);
      const firstEstimated = lowerBound(billed, billedBefore);
      return [...billed.slice(0, firstEstimated), ...estimated.slice(lowerBound(estimated, billedBefore))];
    },
    hourlyBreakdown,
    dailyBreakdown,
  });
}

/**
 * The signal reads of a replay over `[start, end)`: quota usage per (source, region) is read once
 * and sliced per pass; quota limits and model owners, which the replay does not change, once.
 */
export function createReplaySignals(signals: SignalQueries, { start, end }: { start: number; end: number }) {
  const usage = new Map<string, ReturnType<SignalQueries['quotaUsagePoints']>>();
  const groups = new Map<string, ReturnType<SignalQueries['quotaGroups']>>();
  const owners = new Map<string, ReturnType<SignalQueries['owners']>>();
  const firstAtOrAfter = (points: ReturnType<SignalQueries['quotaUsagePoints']>, at: number) => {
    let low = 0;
    let high = points.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((points[middle] as { bucketStart: number }).bucketStart < at) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    ...signals,
    quotaUsagePoints: (source: string, region: string, from: number, to: number) => {
      if (from < start || to > end) return signals.quotaUsagePoints(source, region, from, to);
      const key = `${source}|${region}`;
      let points = usage.get(key);
      if (points === undefined) {
        points = signals
          .quotaUsagePoints(source, region, start, end)
          .map((point, index) => ({ point, index }))
          .sort((a, b) => a.point.bucketStart - b.point.bucketStart || a.index - b.index)
          .map((entry) => entry.point);
        usage.set(key, points);
      }
      return points.slice(firstAtOrAfter(points, from), firstAtOrAfter(points, to));
    },
    quotaGroups: (source: string, overrides: Parameters<SignalQueries['quotaGroups']>[1]) => {
      let found = groups.get(source);
      if (found === undefined) {
        found = signals.quotaGroups(source, overrides);
        groups.set(source, found);
      }
      return found;
    },
    owners: (source: string, region: string) => {
      const key = `${source}|${region}`;
      let found = owners.get(key);
      if (found === undefined) {
        found = signals.owners(source, region);
        owners.set(key, found);
      }
      return found;
    },
  } satisfies SignalQueries;
}

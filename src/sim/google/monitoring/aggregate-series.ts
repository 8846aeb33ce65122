import type { ListRequest } from './list-request.js';
import type { SimSeries, SimValue } from './publisher-series.js';
import { mergeDistributions } from './ttft-distribution.js';

/** A series as the API answers it: points newest first, each over `[start, end)`. */
export interface AnsweredSeries {
  metricType: string;
  metricLabels: Record<string, string>;
  resourceLabels: Record<string, string>;
  valueType: SimSeries['valueType'];
  unit: string;
  points: Array<{ start: number; end: number; value: SimValue }>;
}

/**
 * Applies the request's filter and aggregation to raw minute series. Aligned periods are counted
 * back from `interval.endTime`, as Cloud Monitoring aligns them: period k is
 * `(end - (k+1)·P, end - k·P]` by point end time. A period without points has no point. The
 * reducer groups by `groupByFields` and keeps only those labels; series come out sorted by labels.
 */
export function aggregateSeries(raw: readonly SimSeries[], request: ListRequest): AnsweredSeries[] {
  const matching = raw.filter((series) =>
    request.labelEquals.every(({ field, value }) => labelOf(series, field) === value),
  );
  const { alignmentSeconds: period, aligner, reducer, groupByFields } = request.aggregation;
  const aligned: AnsweredSeries[] = matching.map((series) => {
    const points = [...series.points].map(([start, value]) => ({ start, end: start + 60, value }));
    if (aligner === 'ALIGN_NONE') return { ...describe(series), points: newestFirst(points) };
    const periods = new Map<number, SimValue>();
    for (const point of points) {
      const k = Math.floor((request.end - point.end) / period);
      const periodEnd = request.end - k * period;
      const seen = periods.get(periodEnd);
      periods.set(periodEnd, seen === undefined ? point.value : addValues(seen, point.value));
    }
    return {
      ...describe(series),
      points: newestFirst([...periods].map(([end, value]) => ({ start: end - period, end, value }))),
    };
  });
  if (reducer === 'REDUCE_NONE') return sortByLabels(aligned);

  const groups = new Map<string, AnsweredSeries>();
  for (const series of aligned) {
    const metricLabels: Record<string, string> = {};
    const resourceLabels: Record<string, string> = {};
    for (const field of groupByFields) {
      const [scope, , name = ''] = field.split('.');
      const value = labelOf(series, field) ?? '';
      if (scope === 'metric') metricLabels[name] = value;
      else resourceLabels[name] = value;
    }
    const key = JSON.stringify([metricLabels, resourceLabels]);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { ...series, metricLabels, resourceLabels, points: [...series.points] });
      continue;
    }
    const byEnd = new Map(group.points.map((point) => [point.end, point]));
    for (const point of series.points) {
      const seen = byEnd.get(point.end);
      byEnd.set(
        point.end,
        seen === undefined ? point : { ...seen, value: addValues(seen.value, point.value) },
      );
    }
    group.points = newestFirst([...byEnd.values()]);
  }
  return sortByLabels([...groups.values()]);
}

function describe(series: SimSeries): Omit<AnsweredSeries, 'points'> {
  const { metricType, metricLabels, resourceLabels, valueType, unit } = series;
  return { metricType, metricLabels, resourceLabels, valueType, unit };
}

function labelOf(series: Pick<SimSeries, 'metricLabels' | 'resourceLabels'>, field: string) {
  const [scope, , name = ''] = field.split('.');
  return scope === 'metric' ? series.metricLabels[name] : series.resourceLabels[name];
}

function addValues(a: SimValue, b: SimValue): SimValue {
  if ('int64' in a && 'int64' in b) return { int64: a.int64 + b.int64 };
  if ('distribution' in a && 'distribution' in b) {
    return { distribution: mergeDistributions(a.distribution, b.distribution) };
  }
  throw new Error('cannot add a count to a distribution');
}

function newestFirst<T extends { end: number }>(points: T[]): T[] {
  return points.sort((a, b) => b.end - a.end);
}

function sortByLabels(series: AnsweredSeries[]): AnsweredSeries[] {
  const key = (one: AnsweredSeries) => JSON.stringify([one.resourceLabels, one.metricLabels]);
  return series.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

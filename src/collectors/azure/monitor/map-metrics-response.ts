import { AiSpendError } from '../../../core/errors.js';

/** Hourly Totals of one deployment of one account, by metric name and hour start. */
export interface DeploymentSeries {
  deployment: string;
  model: string;
  /** metric name → hour start (UTC epoch seconds) → total. */
  totals: Map<string, Map<number, number>>;
}

/** Reads a `metrics.list` answer split by `ModelDeploymentName` and `ModelName`. */
export function mapMetricsResponse(
  response: unknown,
  resourceId: string,
): { region: string | undefined; series: DeploymentSeries[] } {
  const record = response as { resourceregion?: unknown; value?: unknown };
  if (!Array.isArray(record?.value)) throw schemaError(resourceId, 'value', 'is not a list');
  const series = new Map<string, DeploymentSeries>();
  record.value.forEach((metric: unknown, m: number) => {
    const name = (metric as { name?: { value?: unknown } })?.name?.value;
    if (typeof name !== 'string') throw schemaError(resourceId, `value[${m}].name.value`, 'is not text');
    const timeseries = (metric as { timeseries?: unknown }).timeseries ?? [];
    if (!Array.isArray(timeseries)) throw schemaError(resourceId, `value[${m}].timeseries`, 'is not a list');
    timeseries.forEach((entry: unknown, t: number) => {
      const path = `value[${m}].timeseries[${t}]`;
      const meta = (entry as { metadatavalues?: unknown }).metadatavalues ?? [];
      const data = (entry as { data?: unknown }).data ?? [];
      if (!Array.isArray(meta)) throw schemaError(resourceId, `${path}.metadatavalues`, 'is not a list');
      if (!Array.isArray(data)) throw schemaError(resourceId, `${path}.data`, 'is not a list');
      const dimension = (wanted: string): string =>
        String(
          meta.find(
            (value: { name?: { value?: unknown } }) =>
              String(value?.name?.value ?? '').toLowerCase() === wanted,
          )?.value ?? '',
        );
      const deployment = dimension('modeldeploymentname');
      const model = dimension('modelname');
      const key = `${deployment}|${model}`;
      const target = series.get(key) ?? { deployment, model, totals: new Map() };
      series.set(key, target);
      const totals = target.totals.get(name) ?? new Map<number, number>();
      target.totals.set(name, totals);
      data.forEach((point: { timeStamp?: unknown; total?: unknown }, d: number) => {
        const stamp = point?.timeStamp;
        const time = stamp instanceof Date ? stamp.getTime() : Date.parse(String(stamp));
        if (!Number.isFinite(time))
          throw schemaError(resourceId, `${path}.data[${d}].timeStamp`, 'is not a time');
        if (point.total === undefined || point.total === null) return;
        if (typeof point.total !== 'number' || !Number.isFinite(point.total) || point.total < 0) {
          throw schemaError(resourceId, `${path}.data[${d}].total`, `is ${JSON.stringify(point.total)}`);
        }
        const hour = Math.floor(time / 1000);
        totals.set(hour, (totals.get(hour) ?? 0) + point.total);
      });
    });
  });
  const region = typeof record.resourceregion === 'string' ? record.resourceregion.toLowerCase() : undefined;
  return { region, series: [...series.values()] };
}

function schemaError(resourceId: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Azure Monitor ${resourceId}: ${path} ${problem}`, {
    hint: 'the metrics answer has an unknown shape; check that sources.azure.endpoint points at management.azure.com',
  });
}

import { AiSpendError } from '../../../core/errors.js';

/** The aggregations ai-spend asks Azure Monitor for, as the answer's `data[]` elements name them. */
export type MonitorAggregation = 'total' | 'average';

/** The values of one deployment of one account, per metric and time grain. */
export interface DeploymentSeries {
  deployment: string;
  model: string;
  /** `StatusCode` when the request split by it, else ''. */
  statusCode: string;
  /** metric name → grain start (UTC epoch seconds) → value of the requested aggregation. */
  totals: Map<string, Map<number, number>>;
}

/**
 * Reads a `metrics.list` answer split by `ModelDeploymentName` and `ModelName` (and `StatusCode`
 * when asked): the `aggregation` value of every point that carries one. Grains without a value
 * (no traffic) are absent, never 0. Throws `AiSpendError` (`provider_schema`) on an unknown shape.
 */
export function mapMetricsResponse(
  response: unknown,
  resourceId: string,
  aggregation: MonitorAggregation = 'total',
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
      const statusCode = dimension('statuscode');
      const key = `${deployment}|${model}|${statusCode}`;
      const target = series.get(key) ?? { deployment, model, statusCode, totals: new Map() };
      series.set(key, target);
      const totals = target.totals.get(name) ?? new Map<number, number>();
      target.totals.set(name, totals);
      data.forEach((point: Record<string, unknown>, d: number) => {
        const stamp = point?.timeStamp;
        const time = stamp instanceof Date ? stamp.getTime() : Date.parse(String(stamp));
        if (!Number.isFinite(time))
          throw schemaError(resourceId, `${path}.data[${d}].timeStamp`, 'is not a time');
        const value = point[aggregation];
        if (value === undefined || value === null) return;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          throw schemaError(resourceId, `${path}.data[${d}].${aggregation}`, `is ${JSON.stringify(value)}`);
        }
        const grain = Math.floor(time / 1000);
        totals.set(grain, (totals.get(grain) ?? 0) + value);
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

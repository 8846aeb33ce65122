import { type MetricPoint, PROVISIONED_UTILIZATION } from '../../../core/facts.js';
import { invocationMetric } from '../../invocation-metric.js';
import type { DeploymentSeries } from './map-metrics-response.js';

/**
 * Metric points per (region, model) and minute, named as Bedrock's CloudWatch names them so the
 * same rules read every source:
 * - `Invocations`, `InvocationThrottles` (429), `InvocationClientErrors`, `InvocationServerErrors`
 *   (stat `Sum`) from `AzureOpenAIRequests` split by `StatusCode`;
 * - `TimeToFirstToken` stat `avg` in ms: `AzureOpenAITimeToResponse` where the deployment emits it
 *   (provisioned), else `AzureOpenAINormalizedTTFTInMS` (Standard);
 * - `ProvisionedUtilization` stat `Average` in percent.
 * Deployments of one model in one region are summed (counts) or averaged (latency, utilisation).
 * A minute without a value has no point.
 */
export function signalPoints(
  accounts: ReadonlyArray<{ region: string; series: readonly DeploymentSeries[] }>,
  window: { start: number; end: number; bucketSeconds: number },
): MetricPoint[] {
  const sums = new Map<string, MetricPoint>();
  const means = new Map<string, { point: MetricPoint; values: number[] }>();
  const inWindow = (grain: number) => grain >= window.start && grain < window.end;
  const base = (region: string, model: string, metric: string, stat: string, grain: number) => ({
    region,
    model,
    metric,
    stat,
    bucketStart: grain,
    bucketSeconds: window.bucketSeconds,
  });
  const addMean = (region: string, model: string, metric: string, stat: string, grain: number, v: number) => {
    const key = JSON.stringify([region, model, metric, stat, grain]);
    const seen = means.get(key);
    if (seen) seen.values.push(v);
    else means.set(key, { point: { ...base(region, model, metric, stat, grain), value: 0 }, values: [v] });
  };
  for (const { region, series } of accounts) {
    for (const entry of series) {
      const model = entry.model || entry.deployment;
      const calls = entry.totals.get('AzureOpenAIRequests');
      const metric = invocationMetric(entry.statusCode);
      if (calls !== undefined && metric !== undefined) {
        for (const [grain, value] of calls) {
          if (!inWindow(grain)) continue;
          const key = JSON.stringify([region, model, metric, grain]);
          const seen = sums.get(key);
          if (seen) seen.value += value;
          else sums.set(key, { ...base(region, model, metric, 'Sum', grain), value });
        }
      }
      const response = entry.totals.get('AzureOpenAITimeToResponse') ?? new Map<number, number>();
      const normalized = entry.totals.get('AzureOpenAINormalizedTTFTInMS') ?? new Map<number, number>();
      for (const grain of new Set([...response.keys(), ...normalized.keys()])) {
        const ms = response.get(grain) ?? normalized.get(grain);
        if (ms !== undefined && inWindow(grain)) addMean(region, model, 'TimeToFirstToken', 'avg', grain, ms);
      }
      for (const [grain, percent] of entry.totals.get('AzureOpenAIProvisionedManagedUtilizationV2') ?? []) {
        if (inWindow(grain)) addMean(region, model, PROVISIONED_UTILIZATION, 'Average', grain, percent);
      }
    }
  }
  const averaged = [...means.values()].map(({ point, values }) => ({
    ...point,
    value: Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10,
  }));
  return [...sums.values(), ...averaged].sort((a, b) => a.bucketStart - b.bucketStart);
}

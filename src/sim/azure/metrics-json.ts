import {
  type AzureWorkload,
  azureAccountId,
  azureHour,
  azureMinute,
} from '../scenario/azure/azure-workloads.js';
import { AzureSimError } from './run-cost-query.js';

type Grain = 'PT1H' | 'PT1M';
type Aggregation = 'total' | 'average';

interface SimMetric {
  unit: string;
  aggregation: Aggregation;
  /** The value of one grain, split by HTTP status when the metric has that dimension. */
  read: (workload: AzureWorkload, start: number, grain: Grain, status?: string) => number | undefined;
}

const hourly =
  (pick: (hour: ReturnType<typeof azureHour>) => number) => (w: AzureWorkload, start: number, grain: Grain) =>
    grain === 'PT1H' ? pick(azureHour(w, start)) : undefined;

const METRICS: Record<string, SimMetric> = {
  ProcessedPromptTokens: { unit: 'Count', aggregation: 'total', read: hourly((h) => h.inputTokens) },
  GeneratedTokens: { unit: 'Count', aggregation: 'total', read: hourly((h) => h.outputTokens) },
  TokenTransaction: {
    unit: 'Count',
    aggregation: 'total',
    read: hourly((h) => h.inputTokens + h.outputTokens),
  },
  AzureOpenAIRequests: {
    unit: 'Count',
    aggregation: 'total',
    read: (w, start, grain, status) => {
      if (grain === 'PT1H')
        return status === undefined || status === '200' ? azureHour(w, start).requests : 0;
      const minute = azureMinute(w, start);
      if (status === undefined) return minute.ok + minute.throttled;
      return status === '429' ? minute.throttled : minute.ok;
    },
  },
  AzureOpenAITimeToResponse: {
    unit: 'MilliSeconds',
    aggregation: 'average',
    read: (w, start, grain) => (grain === 'PT1M' && w.provisioned ? azureMinute(w, start).ttftMs : undefined),
  },
  AzureOpenAINormalizedTTFTInMS: {
    unit: 'MilliSeconds',
    aggregation: 'average',
    read: (w, start, grain) => (grain === 'PT1M' ? azureMinute(w, start).ttftMs : undefined),
  },
  AzureOpenAIProvisionedManagedUtilizationV2: {
    unit: 'Percent',
    aggregation: 'average',
    read: (w, start, grain) => (grain === 'PT1M' ? azureMinute(w, start).utilizationPercent : undefined),
  },
};

const GRAIN_SECONDS: Record<Grain, number> = { PT1H: 3_600, PT1M: 60 };

/**
 * The `metrics` list answer for one account: hourly Totals of tokens and calls, or per-minute calls
 * (split by `StatusCode` when `$filter` asks), latency averages and PTU utilisation; split per
 * deployment and model when `$filter` asks. A metric a deployment does not emit, or a grain without
 * traffic, comes back as a data element without a value, as Azure Monitor answers.
 */
export function metricsJson(
  resourceId: string,
  params: URLSearchParams,
  { workloads, now }: { workloads: readonly AzureWorkload[]; now: number },
): unknown {
  const deployments = workloads.filter((workload) => azureAccountId(workload) === resourceId.toLowerCase());
  const first = deployments[0];
  if (!first) throw new AzureSimError(404, 'ResourceNotFound', `resource ${resourceId} not found`);
  const grain = params.get('interval');
  if (grain !== 'PT1H' && grain !== 'PT1M') {
    throw new AzureSimError(400, 'BadRequest', 'only PT1H and PT1M are simulated');
  }
  const step = GRAIN_SECONDS[grain];
  const timespan = params.get('timespan') ?? '';
  const [startText, endText] = timespan.split('/');
  const start = Date.parse(startText ?? '') / 1000;
  const end = Date.parse(endText ?? '') / 1000;
  if (!Number.isFinite(start) || !Number.isFinite(end) || start % step !== 0 || end < start) {
    throw new AzureSimError(400, 'BadRequest', `invalid timespan ${timespan}`);
  }
  const aggregations = (params.get('aggregation') ?? '').toLowerCase().split(',');
  const filter = params.get('$filter') ?? '';
  const split = {
    deployment: /ModelDeploymentName eq '\*'/i.test(filter),
    model: /ModelName eq '\*'/i.test(filter),
    status: /StatusCode eq '\*'/i.test(filter),
  };
  const top = Number(params.get('top') ?? '10');
  const names = (params.get('metricnames') ?? '').split(',').filter(Boolean);
  const value = names.map((name) => {
    const metric = METRICS[name];
    if (!metric) throw new AzureSimError(400, 'BadRequest', `unknown metric ${name}`);
    if (!aggregations.includes(metric.aggregation)) {
      throw new AzureSimError(
        400,
        'BadRequest',
        `${name} is simulated with the ${metric.aggregation} aggregation`,
      );
    }
    if (split.status && name !== 'AzureOpenAIRequests') {
      throw new AzureSimError(400, 'BadRequest', `${name} has no StatusCode dimension`);
    }
    const groups = new Map<string, { workloads: AzureWorkload[]; status?: string }>();
    for (const workload of deployments) {
      // Only statuses a deployment answered with have a series: Standard ones here never throttle.
      for (const status of split.status ? ['200', ...(workload.provisioned ? ['429'] : [])] : [undefined]) {
        const key = `${split.deployment ? workload.deployment : ''}|${split.model ? workload.model : ''}|${status ?? ''}`;
        const group = groups.get(key) ?? { workloads: [], ...(status === undefined ? {} : { status }) };
        group.workloads.push(workload);
        groups.set(key, group);
      }
    }
    const timeseries = [...groups.values()].slice(0, top).map((group) => {
      const [sample] = group.workloads;
      const data = [];
      for (let at = start; at < end; at += step) {
        const stamp = new Date(at * 1000).toISOString().replace('.000Z', 'Z');
        const values = group.workloads
          .map((w) => (at >= now ? undefined : metric.read(w, at, grain, group.status)))
          .filter((v) => v !== undefined);
        if (values.length === 0) {
          data.push({ timeStamp: stamp });
          continue;
        }
        const sum = values.reduce((total, v) => total + v, 0);
        data.push({
          timeStamp: stamp,
          [metric.aggregation]: metric.aggregation === 'total' ? sum : sum / values.length,
        });
      }
      const dimension = (key: string, label: string, v: string | undefined) => ({
        name: { value: key, localizedValue: label },
        value: v,
      });
      const metadatavalues = [
        ...(split.deployment
          ? [dimension('modeldeploymentname', 'ModelDeploymentName', sample?.deployment)]
          : []),
        ...(split.model ? [dimension('modelname', 'ModelName', sample?.model)] : []),
        ...(split.status ? [dimension('statuscode', 'StatusCode', group.status)] : []),
      ];
      return { metadatavalues, data };
    });
    return {
      id: `${resourceId}/providers/Microsoft.Insights/metrics/${name}`,
      type: 'Microsoft.Insights/metrics',
      name: { value: name, localizedValue: name },
      unit: metric.unit,
      timeseries,
      errorCode: 'Success',
    };
  });
  return {
    cost: 0,
    timespan,
    interval: grain,
    namespace: 'Microsoft.CognitiveServices/accounts',
    resourceregion: first.region,
    value,
  };
}

import { type AzureWorkload, azureAccountId, azureHour } from '../scenario/azure/azure-workloads.js';
import { AzureSimError } from './run-cost-query.js';

const METRICS: Record<string, { unit: string; read: (workload: AzureWorkload, hour: number) => number }> = {
  ProcessedPromptTokens: { unit: 'Count', read: (w, h) => azureHour(w, h).inputTokens },
  GeneratedTokens: { unit: 'Count', read: (w, h) => azureHour(w, h).outputTokens },
  TokenTransaction: {
    unit: 'Count',
    read: (w, h) => azureHour(w, h).inputTokens + azureHour(w, h).outputTokens,
  },
  AzureOpenAIRequests: { unit: 'Count', read: (w, h) => azureHour(w, h).requests },
};

/** The `metrics` list answer for one account: hourly Totals, split per deployment when `$filter` asks. */
export function metricsJson(
  resourceId: string,
  params: URLSearchParams,
  { workloads, now }: { workloads: readonly AzureWorkload[]; now: number },
): unknown {
  const deployments = workloads.filter((workload) => azureAccountId(workload) === resourceId.toLowerCase());
  const first = deployments[0];
  if (!first) throw new AzureSimError(404, 'ResourceNotFound', `resource ${resourceId} not found`);
  const timespan = params.get('timespan') ?? '';
  const [startText, endText] = timespan.split('/');
  const start = Date.parse(startText ?? '') / 1000;
  const end = Date.parse(endText ?? '') / 1000;
  if (!Number.isFinite(start) || !Number.isFinite(end) || start % 3_600 !== 0 || end < start) {
    throw new AzureSimError(400, 'BadRequest', `invalid timespan ${timespan}`);
  }
  if (params.get('interval') !== 'PT1H') throw new AzureSimError(400, 'BadRequest', 'only PT1H is simulated');
  if ((params.get('aggregation') ?? '').toLowerCase() !== 'total') {
    throw new AzureSimError(400, 'BadRequest', 'only the Total aggregation is simulated');
  }
  const filter = params.get('$filter') ?? '';
  const split = {
    deployment: /ModelDeploymentName eq '\*'/i.test(filter),
    model: /ModelName eq '\*'/i.test(filter),
  };
  const top = Number(params.get('top') ?? '10');
  const names = (params.get('metricnames') ?? '').split(',').filter(Boolean);
  const value = names.map((name) => {
    const metric = METRICS[name];
    if (!metric) throw new AzureSimError(400, 'BadRequest', `unknown metric ${name}`);
    const groups = new Map<string, AzureWorkload[]>();
    for (const workload of deployments) {
      const key = `${split.deployment ? workload.deployment : ''}|${split.model ? workload.model : ''}`;
      groups.set(key, [...(groups.get(key) ?? []), workload]);
    }
    const timeseries = [...groups.values()].slice(0, top).map((group) => {
      const [sample] = group;
      const data = [];
      for (let hour = start; hour < end; hour += 3_600) {
        const stamp = new Date(hour * 1000).toISOString().replace('.000Z', 'Z');
        if (hour >= now) data.push({ timeStamp: stamp });
        else data.push({ timeStamp: stamp, total: group.reduce((sum, w) => sum + metric.read(w, hour), 0) });
      }
      const metadatavalues = [
        ...(split.deployment
          ? [
              {
                name: { value: 'modeldeploymentname', localizedValue: 'ModelDeploymentName' },
                value: sample?.deployment,
              },
            ]
          : []),
        ...(split.model
          ? [{ name: { value: 'modelname', localizedValue: 'ModelName' }, value: sample?.model }]
          : []),
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
    interval: 'PT1H',
    namespace: 'Microsoft.CognitiveServices/accounts',
    resourceregion: first.region,
    value,
  };
}

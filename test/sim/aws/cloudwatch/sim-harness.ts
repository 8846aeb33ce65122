import {
  CloudWatchClient,
  type GetMetricDataCommandInput,
  type ListMetricsCommandInput,
  type MetricDataQuery,
  paginateListMetrics,
} from '@aws-sdk/client-cloudwatch';
import {
  type CloudWatchSimulator,
  startCloudWatchSimulator,
} from '../../../../src/sim/aws/cloudwatch/server.js';
import type { BedrockScenario, BedrockSeries } from '../../../../src/sim/scenario-types.js';
import { NOW, SMALL_SERIES, smallBedrockScenario } from './small-bedrock-scenario.js';

export const sims: CloudWatchSimulator[] = [];

/** A simulator at `NOW` over the small scenario, and SDK clients signed for any region. */
export async function start(
  options: { scenario?: BedrockScenario; listPageSize?: number; maxDatapointsPerCall?: number } = {},
) {
  const { scenario = smallBedrockScenario(), ...limits } = options;
  const sim = await startCloudWatchSimulator({ scenario, now: () => NOW, ...limits });
  sims.push(sim);
  return { sim, client: (region: string) => cloudWatchClient(sim.url, region) };
}

export function cloudWatchClient(url: string, region: string): CloudWatchClient {
  return new CloudWatchClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** Every listed metric as `MetricName Name=Value`, all pages, sorted. */
export async function listAll(client: CloudWatchClient, input: ListMetricsCommandInput) {
  const metrics: string[] = [];
  for await (const page of paginateListMetrics({ client }, input)) {
    for (const metric of page.Metrics ?? []) {
      metrics.push(`${metric.MetricName} ${metric.Dimensions?.map((d) => `${d.Name}=${d.Value}`).join(',')}`);
    }
  }
  return metrics.sort();
}

export function query(
  id: string,
  modelId: string,
  metricName: string,
  stat: string,
  period: number,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Bedrock',
        MetricName: metricName,
        Dimensions: [{ Name: 'ModelId', Value: modelId }],
      },
      Period: period,
      Stat: stat,
    },
  };
}

export function input(queries: MetricDataQuery[], start: number, end: number): GetMetricDataCommandInput {
  return {
    MetricDataQueries: queries,
    StartTime: new Date(start * 1000),
    EndTime: new Date(end * 1000),
    ScanBy: 'TimestampAscending',
  };
}

export const seconds = (dates: Date[] | undefined) => (dates ?? []).map((date) => date.getTime() / 1000);

export const [sonnet, profile, nova] = SMALL_SERIES as [BedrockSeries, BedrockSeries, BedrockSeries];

import {
  type CloudWatchClient,
  ListMetricsCommand,
  type ListMetricsCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { AiSpendError } from '../../../core/errors.js';
import { CLOUDWATCH, endpointHint } from '../aws-service.js';
import { classifyCloudWatchError } from './classify-cloudwatch-error.js';

/** A `ModelId` that publishes Bedrock metrics in a region, with the cache metric names it uses. */
export interface ModelSeries {
  /** As CloudWatch reports it: base model id, system profile id or application profile ARN. */
  modelId: string;
  /** `CacheReadInputTokenCount` or `CacheReadInputTokens`; absent when the model lists neither. */
  cacheReadMetric?: string;
  cacheWriteMetric?: string;
}

// AWS's own samples use the `…TokenCount` names and its user guide the `…Tokens` names; a model
// listing both would double count, so the first spelling wins.
const CACHE_READ = ['CacheReadInputTokenCount', 'CacheReadInputTokens'];
const CACHE_WRITE = ['CacheWriteInputTokenCount', 'CacheWriteInputTokens'];
const MAX_PAGES = 1_000;

/**
 * The `ModelId`s with an `Invocations` metric in the region (ListMetrics keeps a metric about two
 * weeks after its last datapoint), sorted, each with its cache metric spelling.
 */
export async function discoverModelSeries(client: CloudWatchClient, region: string): Promise<ModelSeries[]> {
  const modelIds = await listModelIds(client, region, 'Invocations');
  const series = new Map<string, ModelSeries>([...modelIds].sort().map((modelId) => [modelId, { modelId }]));
  for (const [names, field] of [
    [CACHE_READ, 'cacheReadMetric'],
    [CACHE_WRITE, 'cacheWriteMetric'],
  ] as const) {
    for (const name of names) {
      for (const modelId of await listModelIds(client, region, name)) {
        const one = series.get(modelId);
        if (one !== undefined && one[field] === undefined) one[field] = name;
      }
    }
  }
  return [...series.values()];
}

async function listModelIds(
  client: CloudWatchClient,
  region: string,
  metricName: string,
): Promise<Set<string>> {
  const modelIds = new Set<string>();
  let nextToken: string | undefined;
  let pages = 0;
  do {
    let output: ListMetricsCommandOutput;
    try {
      output = await client.send(
        new ListMetricsCommand({
          Namespace: 'AWS/Bedrock',
          MetricName: metricName,
          Dimensions: [{ Name: 'ModelId' }],
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
      );
    } catch (error) {
      throw classifyCloudWatchError(error, { operation: 'ListMetrics', region });
    }
    if (output.Metrics !== undefined && !Array.isArray(output.Metrics)) {
      throw schemaError(region, 'Metrics is not a list');
    }
    for (const metric of output.Metrics ?? []) {
      // Series with extra dimensions are other slices of the same traffic; only the ModelId-only one is read.
      const [dimension, ...others] = metric.Dimensions ?? [];
      if (dimension?.Name === 'ModelId' && dimension.Value && others.length === 0)
        modelIds.add(dimension.Value);
    }
    const token = output.NextToken ?? undefined;
    if (token !== undefined && (token === nextToken || ++pages >= MAX_PAGES)) {
      throw schemaError(region, 'NextToken does not move forward');
    }
    nextToken = token;
  } while (nextToken !== undefined);
  return modelIds;
}

function schemaError(region: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `CloudWatch ListMetrics in ${region}: ${problem}`, {
    hint: endpointHint(CLOUDWATCH, region),
  });
}

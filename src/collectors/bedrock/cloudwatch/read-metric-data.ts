import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { AiSpendError } from '../../../core/errors.js';
import { CLOUDWATCH, endpointHint } from '../aws-service.js';
import { permissionHint } from '../classify-aws-error.js';
import { classifyCloudWatchError } from './classify-cloudwatch-error.js';

/** One statistic of one `AWS/Bedrock` metric of one `ModelId`, at one period (seconds). */
export interface MetricRequest {
  modelId: string;
  metricName: string;
  stat: string;
  period: number;
}

/** CloudWatch's ceiling of queries per GetMetricData call. */
export const MAX_QUERIES_PER_CALL = 500;
const MAX_CALLS_PER_BATCH = 10_000;

/**
 * Reads `[start, end)` of every requested metric with GetMetricData, `maxQueriesPerCall` queries
 * per call, following `NextToken` until each batch is complete. Returns, parallel to `requests`,
 * the datapoints by bucket start (UTC epoch seconds); a bucket without data has no entry.
 */
export async function readMetricData(
  client: CloudWatchClient,
  {
    region,
    requests,
    start,
    end,
    maxQueriesPerCall = MAX_QUERIES_PER_CALL,
  }: { region: string; requests: MetricRequest[]; start: number; end: number; maxQueriesPerCall?: number },
): Promise<Array<Map<number, number>>> {
  const points = requests.map(() => new Map<number, number>());
  const batchSize = Math.max(1, Math.min(maxQueriesPerCall, MAX_QUERIES_PER_CALL));
  for (let first = 0; first < requests.length; first += batchSize) {
    const batch = requests.slice(first, first + batchSize);
    const queries: MetricDataQuery[] = batch.map((request, index) => ({
      Id: `q${first + index}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Bedrock',
          MetricName: request.metricName,
          Dimensions: [{ Name: 'ModelId', Value: request.modelId }],
        },
        Period: request.period,
        Stat: request.stat,
      },
    }));
    let nextToken: string | undefined;
    let calls = 0;
    do {
      const output = await send(client, region, {
        MetricDataQueries: queries,
        StartTime: new Date(start * 1000),
        EndTime: new Date(end * 1000),
        ScanBy: 'TimestampAscending',
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      });
      const partial = collectResults(output, { region, requests, points, start, end });
      const token = output.NextToken ?? undefined;
      if (token !== undefined && (token === nextToken || ++calls >= MAX_CALLS_PER_BATCH)) {
        throw schemaError(region, `NextToken ${token} does not move forward`);
      }
      if (token === undefined && partial) {
        throw schemaError(region, 'a result is PartialData but the response has no NextToken');
      }
      nextToken = token;
    } while (nextToken !== undefined);
  }
  return points;
}

async function send(
  client: CloudWatchClient,
  region: string,
  input: ConstructorParameters<typeof GetMetricDataCommand>[0],
): Promise<GetMetricDataCommandOutput> {
  try {
    return await client.send(new GetMetricDataCommand(input));
  } catch (error) {
    throw classifyCloudWatchError(error, { operation: 'GetMetricData', region });
  }
}

/** Adds a response's datapoints to `points`; `true` when some result is still `PartialData`. */
function collectResults(
  output: GetMetricDataCommandOutput,
  context: {
    region: string;
    requests: MetricRequest[];
    points: Array<Map<number, number>>;
    start: number;
    end: number;
  },
): boolean {
  const { region, requests, points, start, end } = context;
  if (!Array.isArray(output.MetricDataResults)) throw schemaError(region, 'MetricDataResults is missing');
  let partial = false;
  for (const result of output.MetricDataResults) {
    const index = /^q(\d+)$/.exec(result.Id ?? '')?.[1];
    const request = index === undefined ? undefined : requests[Number(index)];
    const byTime = index === undefined ? undefined : points[Number(index)];
    if (request === undefined || byTime === undefined) {
      throw schemaError(region, `a result has an Id that was not asked for: ${String(result.Id)}`);
    }
    const where = `${request.metricName} ${request.stat} of ${request.modelId}`;
    if (result.StatusCode === 'Forbidden') {
      throw new AiSpendError(
        'provider_auth',
        `CloudWatch GetMetricData in ${region}: ${where} is Forbidden`,
        {
          hint: permissionHint({ service: CLOUDWATCH, operation: 'GetMetricData', region }),
        },
      );
    }
    if (result.StatusCode === 'InternalError') {
      throw new AiSpendError(
        'provider_unavailable',
        `CloudWatch GetMetricData in ${region}: ${where} failed`,
        {
          hint: 'CloudWatch had an internal error; the next collection retries',
        },
      );
    }
    partial ||= result.StatusCode === 'PartialData';
    const timestamps = result.Timestamps ?? [];
    const values = result.Values ?? [];
    if (timestamps.length !== values.length) {
      throw schemaError(region, `${where}: ${timestamps.length} timestamps but ${values.length} values`);
    }
    timestamps.forEach((timestamp, i) => {
      const time = timestamp instanceof Date ? timestamp.getTime() / 1000 : Number.NaN;
      const value = values[i];
      if (!Number.isInteger(time) || time < start || time >= end || (time - start) % request.period !== 0) {
        throw schemaError(
          region,
          `${where}: timestamp ${String(timestamp)} is not a ${request.period}-s bucket of the window`,
        );
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw schemaError(region, `${where}: value ${String(value)} at ${time} is not a non-negative number`);
      }
      if (byTime.has(time)) throw schemaError(region, `${where}: two datapoints for ${time}`);
      byTime.set(time, value);
    });
  }
  return partial;
}

function schemaError(region: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `CloudWatch GetMetricData in ${region}: ${problem}`, {
    hint: endpointHint(CLOUDWATCH, region),
  });
}

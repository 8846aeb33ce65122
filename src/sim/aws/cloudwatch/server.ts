import type { BedrockScenario } from '../../scenario-types.js';
import { AwsError, type AwsRequest, startAwsJsonServer } from '../aws-json-server.js';
import { accessDenied, internalFailure, throttling } from './cloudwatch-errors.js';
import { getMetricData } from './get-metric-data.js';
import { listMetrics } from './list-metrics.js';
import { createActivityCache } from './series-activity.js';

export interface CloudWatchSimulatorOptions {
  /** Read on every request, so series added after start are served. */
  scenario: Pick<BedrockScenario, 'series' | 'minute' | 'hour'>;
  host?: string;
  port?: number;
  /** Metrics per ListMetrics page (CloudWatch: 500). */
  listPageSize?: number;
  /** Datapoints per GetMetricData call before it answers `PartialData` (CloudWatch: 100,800). */
  maxDatapointsPerCall?: number;
  /**
   * The simulator's clock, UTC epoch seconds (default: the wall clock). Only minutes before it have
   * data, retention rules count back from it, and `RecentlyActive` looks 3 hours back from it.
   */
  now?: () => number;
}

/**
 * Failures the next requests meet, in the order they were queued. A fault given an `operation`
 * waits for a request of that operation; without one it takes the next request of any kind.
 */
export interface CloudWatchFaults {
  /** `Throttling` (HTTP 400, `x-amzn-query-error: Throttling;Sender`). */
  throttle(count: number, operation?: CloudWatchOperationName): void;
  /** `AccessDenied` (HTTP 403) naming the `cloudwatch:<Operation>` permission the caller lacks. */
  accessDenied(count: number, operation?: CloudWatchOperationName): void;
  /** HTTP 500 `InternalServiceError`. */
  serverError(count: number, operation?: CloudWatchOperationName): void;
}

export type CloudWatchOperationName = 'ListMetrics' | 'GetMetricData';

export interface CloudWatchSimulator {
  url: string;
  close(): Promise<void>;
  /** Every request received, faulted ones included, with the region it was signed for. */
  requests: AwsRequest[];
  faults: CloudWatchFaults;
}

interface Fault {
  operation: string | undefined;
  error(operation: string): AwsError;
}

/**
 * A loopback CloudWatch (JSON 1.0, query-compatible) serving the `AWS/Bedrock` metrics of a
 * scenario: `ListMetrics` and `GetMetricData`, each region seeing only its own series.
 */
export async function startCloudWatchSimulator({
  scenario,
  host = '127.0.0.1',
  port = 0,
  listPageSize = 500,
  maxDatapointsPerCall = 100_800,
  now = () => Math.floor(Date.now() / 1000),
}: CloudWatchSimulatorOptions): Promise<CloudWatchSimulator> {
  const queued: Fault[] = [];
  const queue = (count: number, operation: string | undefined, error: Fault['error']) => {
    for (let i = 0; i < count; i++) queued.push({ operation, error });
  };
  const activity = createActivityCache(scenario, now);
  const handle = ({ operation, region, body }: AwsRequest): unknown => {
    const faultAt = queued.findIndex(
      (fault) => fault.operation === undefined || fault.operation === operation,
    );
    const fault = faultAt < 0 ? undefined : queued.splice(faultAt, 1)[0];
    if (fault !== undefined) throw fault.error(operation);
    const series = scenario.series.filter((one) => one.region === region);
    switch (operation) {
      case 'ListMetrics':
        return listMetrics(body, { series, activity, pageSize: listPageSize });
      case 'GetMetricData':
        return getMetricData(body, { scenario, series, now: now(), maxDatapointsPerCall });
      default:
        throw unknownOperation(operation);
    }
  };
  const server = await startAwsJsonServer({
    contentType: 'application/x-amz-json-1.0',
    targetPrefix: 'GraniteServiceVersion20100801',
    signingName: 'monitoring',
    handle,
    host,
    port,
  });
  return {
    url: server.url,
    close: server.close,
    requests: server.requests,
    faults: {
      throttle: (count, operation) => queue(count, operation, () => throttling()),
      accessDenied: (count, operation) => queue(count, operation, accessDenied),
      serverError: (count, operation) => queue(count, operation, () => internalFailure()),
    },
  };
}

function unknownOperation(operation: string): AwsError {
  return new AwsError(
    'UnknownOperationException',
    `The operation ${operation} is not served by the simulator.`,
  );
}

import type { BedrockScenario } from '../../scenario-types.js';
import { AwsError, type AwsRequest, startAwsJsonServer } from '../aws-json-server.js';
import type { MatchOptionPolicy } from './filter-expression.js';
import { getCostAndUsage } from './get-cost-and-usage.js';
import { getDimensionValues } from './get-dimension-values.js';

export interface CostExplorerSimulatorOptions {
  /** Read on every request, so records added or restated after start are served. */
  scenario: Pick<BedrockScenario, 'costs'>;
  host?: string;
  port?: number;
  /** Groups per GetCostAndUsage page; more groups come back with a `NextPageToken`. */
  pageSize?: number;
  /** UTC epoch seconds; decides which days are `Estimated`. */
  now?: () => number;
  /** `documented` (default) rejects filter MatchOptions the API reference does not allow, like the service. */
  matchOptions?: MatchOptionPolicy;
  /** The payer account named in AccessDeniedException messages. */
  accountId?: string;
}

/** Failures served instead of the next answers, in the order they were queued. */
export interface CostExplorerFaults {
  /** LimitExceededException, the service's throttling error. */
  throttle(count: number): void;
  /** AccessDeniedException naming the `ce:` action of the request. */
  accessDenied(count: number): void;
  /** DataUnavailableException, as for an account whose Cost Explorer data is not ready yet. */
  dataUnavailable(count: number): void;
}

export interface CostExplorerSimulator {
  url: string;
  /** Every signed request that reached an operation, answered or failed: each costs $0.01 at AWS. */
  requests: AwsRequest[];
  faults: CostExplorerFaults;
  close(): Promise<void>;
}

type Fault = 'throttle' | 'accessDenied' | 'dataUnavailable';

/**
 * A loopback AWS Cost Explorer (JSON 1.1, target `AWSInsightsIndexService`) serving
 * GetCostAndUsage and GetDimensionValues over the scenario's Bedrock cost records. Cost Explorer
 * is global: a request signed for any region but us-east-1 gets InvalidSignatureException (403),
 * as the real endpoint answers a credential scoped to the wrong region.
 */
export async function startCostExplorerSimulator({
  scenario,
  host = '127.0.0.1',
  port = 0,
  pageSize = 50,
  now = () => Math.floor(Date.now() / 1000),
  matchOptions = 'documented',
  accountId = '111122223333',
}: CostExplorerSimulatorOptions): Promise<CostExplorerSimulator> {
  const queue: Fault[] = [];
  const push = (fault: Fault) => (count: number) => {
    for (let i = 0; i < count; i++) queue.push(fault);
  };
  const server = await startAwsJsonServer({
    contentType: 'application/x-amz-json-1.1',
    targetPrefix: 'AWSInsightsIndexService',
    signingName: 'ce',
    host,
    port,
    handle: (request) => {
      if (request.region !== 'us-east-1') {
        throw new AwsError(
          'InvalidSignatureException',
          'Credential should be scoped to a valid region. ',
          403,
        );
      }
      const fault = queue.shift();
      if (fault !== undefined) throw faultError(fault, request.operation, accountId);
      const context = { costs: scenario.costs, policy: matchOptions };
      switch (request.operation) {
        case 'GetCostAndUsage':
          return getCostAndUsage(request.body, { ...context, pageSize, now: now() });
        case 'GetDimensionValues':
          return getDimensionValues(request.body, context);
        default:
          throw new AwsError('UnknownOperationException', '');
      }
    },
  });
  return {
    url: server.url,
    requests: server.requests,
    faults: {
      throttle: push('throttle'),
      accessDenied: push('accessDenied'),
      dataUnavailable: push('dataUnavailable'),
    },
    close: server.close,
  };
}

function faultError(fault: Fault, operation: string, accountId: string): AwsError {
  switch (fault) {
    case 'throttle':
      return new AwsError(
        'LimitExceededException',
        'You made too many calls in a short period of time. Try again later.',
      );
    case 'accessDenied':
      return new AwsError(
        'AccessDeniedException',
        `User: arn:aws:iam::${accountId}:user/ai-spend is not authorized to perform: ce:${operation} on resource: arn:aws:ce:us-east-1:${accountId}:/${operation} because no identity-based policy allows the ce:${operation} action`,
      );
    case 'dataUnavailable':
      return new AwsError(
        'DataUnavailableException',
        'Data is not available. Please try to adjust the time period.',
      );
  }
}

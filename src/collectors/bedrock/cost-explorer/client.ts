import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';

export interface CostExplorerClientOptions {
  /** Overrides the endpoint, e.g. a simulator; without it the SDK reads `AWS_ENDPOINT_URL_COST_EXPLORER`. */
  endpoint?: string;
  /** Static credentials or a provider; the SDK's default chain when absent. */
  credentials?: CostExplorerClientConfig['credentials'];
  maxAttempts?: number;
}

/**
 * A Cost Explorer client. Cost Explorer is global: requests are always signed for us-east-1,
 * whichever regions Bedrock runs in.
 */
export function createCostExplorerClient({
  endpoint,
  credentials,
  maxAttempts = 3,
}: CostExplorerClientOptions = {}): CostExplorerClient {
  return new CostExplorerClient({
    region: 'us-east-1',
    maxAttempts,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
  });
}

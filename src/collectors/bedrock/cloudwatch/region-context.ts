import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CollectRequest } from '../../collector.js';
import type { ModelSeries } from './discover-model-series.js';

/** How a Bedrock `ModelId` maps to the dimensions attribution matches on. */
export interface ResolvedModel {
  /** The model id prices and answers use (a profile resolves to the model it invokes). */
  model: string;
  /** The inference profile id or ARN the traffic went through, when it did. */
  inferenceProfile?: string;
  tags?: Record<string, string>;
  billingScope?: string;
}

/** What both CloudWatch streams of one region read with. */
export interface RegionContext {
  client: CloudWatchClient;
  region: string;
  accountId?: string;
  request: CollectRequest;
  models: ModelSeries[];
  maxQueriesPerCall: number;
}

import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { BedrockSettings } from '../../core/bedrock-settings.js';
import type { AiSpendError } from '../../core/errors.js';
import { SECONDS_PER_HOUR } from '../../core/facts.js';
import { collectResult, failureAt } from '../collect-result.js';
import type { Collector, CollectResult, StreamSummary } from '../collector.js';
import { collectCloudWatchRegion, type ResolvedModel } from './cloudwatch/collect-cloudwatch-region.js';
import { createCostExplorerClient } from './cost-explorer/client.js';
import { collectBedrockCosts } from './cost-explorer/collect-bedrock-costs.js';
import { readApplicationProfiles } from './profiles/read-application-profiles.js';
import { readQuotaLimits } from './quotas/read-quota-limits.js';

/** Static AWS credentials; without them the SDK's default credential chain is used. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface BedrockCollectorOptions extends BedrockSettings {
  credentials?: AwsCredentials;
  endpoints?: { cloudwatch?: string; costExplorer?: string; serviceQuotas?: string; bedrock?: string };
  maxAttempts?: number;
}

interface Profile {
  model: string;
  tags: Record<string, string>;
}

/**
 * Amazon Bedrock: per region, application inference profiles (for attribution), CloudWatch usage
 * and signals, and Service Quotas (daily); then Cost Explorer (global, rarely: it costs money).
 * A failing region or service never stops the others; the result names every failure.
 */
export function createBedrockCollector(options: BedrockCollectorOptions): Collector {
  const { credentials, endpoints = {}, maxAttempts = 3 } = options;
  const clientOptions = (region: string, endpoint: string | undefined) => ({
    region,
    maxAttempts,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
  });
  const primaryTag = options.costAllocationTags[0];

  const resolver =
    (profiles: Map<string, Profile>) =>
    (modelId: string): ResolvedModel => {
      const profile = profiles.get(modelId);
      const tags = profile?.tags ?? {};
      return {
        model: profile?.model ?? modelId,
        ...(profile ? { inferenceProfile: modelId, tags } : {}),
        // Cost Explorer lines are grouped by the primary tag: usage splits them within the same value.
        ...(primaryTag === undefined ? {} : { billingScope: `${primaryTag}=${tags[primaryTag] ?? ''}` }),
      };
    };

  return {
    source: 'bedrock',
    async collect(request): Promise<CollectResult> {
      const streams: StreamSummary[] = [];
      const failures: AiSpendError[] = [];

      for (const region of options.regions) {
        const profiles = new Map<string, Profile>();
        try {
          const listed = await readApplicationProfiles({
            client: new BedrockClient(clientOptions(region, endpoints.bedrock)),
            region,
          });
          for (const [key, profile] of listed)
            profiles.set(key, { model: profile.model, tags: profile.tags });
        } catch (error) {
          // Profiles named in the config stand in for the control plane; without them, say what is missing.
          if (Object.keys(options.inferenceProfiles).length === 0) failures.push(failureAt(error, region));
        }
        for (const [arn, profile] of Object.entries(options.inferenceProfiles)) profiles.set(arn, profile);
        const resolveModelId = resolver(profiles);

        let modelIds: string[] = [];
        try {
          await collectCloudWatchRegion({
            client: new CloudWatchClient(clientOptions(region, endpoints.cloudwatch)),
            region,
            ...(options.accountId === undefined ? {} : { accountId: options.accountId }),
            request,
            resolveModelId,
            backfillDays: options.backfillDays,
            usageRepollHours: options.usageRepollHours,
            metricsLookbackMinutes: options.metricsLookbackMinutes,
            metricsBackfillDays: options.metricsBackfillDays,
            onStreamDone: (summary) => streams.push(summary),
            onModelsFound: (found) => {
              modelIds = found;
            },
          });
        } catch (error) {
          failures.push(failureAt(error, region));
        }

        const refreshedAt = request.sink.quotasRefreshedAt('bedrock', region);
        const due =
          refreshedAt === undefined ||
          request.now - refreshedAt >= options.quotaRefreshHours * SECONDS_PER_HOUR;
        if (due && modelIds.length > 0) {
          try {
            const limits = await readQuotaLimits({
              client: new ServiceQuotasClient(clientOptions(region, endpoints.serviceQuotas)),
              region,
              modelIds,
              resolveModelId: (modelId) => resolveModelId(modelId).model,
            });
            request.sink.writeQuotas('bedrock', region, limits, request.now);
          } catch (error) {
            failures.push(failureAt(error, region));
          }
        }
      }

      try {
        streams.push(
          await collectBedrockCosts({
            client: createCostExplorerClient({
              ...(endpoints.costExplorer === undefined ? {} : { endpoint: endpoints.costExplorer }),
              ...(credentials === undefined ? {} : { credentials }),
              maxAttempts,
            }),
            request,
            tagKeys: options.costAllocationTags,
            costMetric: options.costMetric,
            backfillDays: options.backfillDays,
            repollDays: options.costRepollDays,
            minPollSeconds: options.costPollHours * SECONDS_PER_HOUR,
          }),
        );
      } catch (error) {
        failures.push(failureAt(error, 'Cost Explorer'));
      }

      return collectResult('bedrock', streams, failures);
    },
  };
}

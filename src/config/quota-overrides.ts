import type { QuotaLimit } from '../core/facts.js';
import { inferenceTypeOf } from '../core/inference-type.js';
import type { AiSpendConfig } from './config-types.js';

/** Quota values from `sources.bedrock.quotas`, which win over Service Quotas. */
export function quotaOverrides(config: AiSpendConfig): QuotaLimit[] {
  return (config.sources.bedrock?.quotas ?? []).flatMap((quota) =>
    [
      ...(quota.tokensPerMinute === undefined
        ? []
        : [
            {
              region: quota.region,
              model: quota.model,
              unit: 'tokens_per_minute' as const,
              value: quota.tokensPerMinute,
            },
          ]),
      ...(quota.requestsPerMinute === undefined
        ? []
        : [
            {
              region: quota.region,
              model: quota.model,
              unit: 'requests_per_minute' as const,
              value: quota.requestsPerMinute,
            },
          ]),
    ].map((limit) => ({ ...limit, inferenceType: inferenceTypeOf(limit.model), origin: 'config' as const })),
  );
}

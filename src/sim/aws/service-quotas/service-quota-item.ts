import type { BedrockQuota } from '../../scenario-types.js';

/**
 * A Bedrock quota as the simulator serves it. `defaultValue` is the AWS default when it differs
 * from the applied `value`; without it the default equals `value`.
 */
export interface SimulatedQuota extends BedrockQuota {
  defaultValue?: number;
}

/** The `ServiceQuota` wire shape (Service Quotas API 2019-06-24) of one quota. */
export function serviceQuotaItem(
  quota: SimulatedQuota,
  { accountId, useDefault }: { accountId: string; useDefault: boolean },
): Record<string, unknown> {
  // Default quotas are not tied to an account, so their ARN has an empty account field.
  const account = useDefault ? '' : accountId;
  return {
    ServiceCode: 'bedrock',
    ServiceName: 'Amazon Bedrock',
    QuotaArn: `arn:aws:servicequotas:${quota.region}:${account}:bedrock/${quota.quotaCode}`,
    QuotaCode: quota.quotaCode,
    QuotaName: quota.quotaName,
    Value: useDefault ? (quota.defaultValue ?? quota.value) : quota.value,
    Unit: 'None',
    Adjustable: true,
    GlobalQuota: false,
    QuotaAppliedAtLevel: 'ACCOUNT',
  };
}

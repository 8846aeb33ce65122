import {
  paginateListAWSDefaultServiceQuotas,
  paginateListServiceQuotas,
  type ServiceQuota,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import type { QuotaLimit } from '../../../core/facts.js';
import { SERVICE_QUOTAS } from '../aws-service.js';
import { classifyAwsError } from '../classify-aws-error.js';
import { type BedrockQuotaValue, matchQuotaLimits } from './match-quota-limits.js';

export interface ReadQuotaLimitsOptions {
  /** A client for Service Quotas in `region`. */
  client: ServiceQuotasClient;
  region: string;
  /** ModelIds CloudWatch reports in `region`. */
  modelIds: readonly string[];
  /** The id an application profile ARN copies (from `readApplicationProfiles`); identity for other ids. */
  resolveModelId?: (modelId: string) => string;
}

/**
 * The Bedrock TPM and RPM quotas that apply to the ModelIds seen in one region: AWS defaults merged
 * with applied values (applied wins), matched to each ModelId by quota scope and model name.
 * ModelIds without a matching quota get no limit. Throws `AiSpendError` when Service Quotas fails.
 */
export async function readQuotaLimits({
  client,
  region,
  modelIds,
  resolveModelId = (modelId) => modelId,
}: ReadQuotaLimitsOptions): Promise<QuotaLimit[]> {
  const quotas = new Map<string, BedrockQuotaValue>();
  try {
    // Each listing gets its own input object: the SDK paginators write `NextToken` into it.
    for await (const page of paginateListAWSDefaultServiceQuotas({ client }, { ServiceCode: 'bedrock' })) {
      for (const quota of page.Quotas ?? []) remember(quotas, quota, false);
    }
    for await (const page of paginateListServiceQuotas({ client }, { ServiceCode: 'bedrock' })) {
      for (const quota of page.Quotas ?? []) remember(quotas, quota, true);
    }
  } catch (error) {
    throw classifyAwsError(error, {
      service: SERVICE_QUOTAS,
      region,
      permissions: ['ListServiceQuotas', 'ListAWSDefaultServiceQuotas'],
    });
  }
  return matchQuotaLimits({ region, modelIds, resolveModelId, quotas: [...quotas.values()] });
}

function remember(quotas: Map<string, BedrockQuotaValue>, quota: ServiceQuota, applied: boolean): void {
  const { QuotaCode: quotaCode, QuotaName: quotaName, Value: value } = quota;
  if (quotaCode === undefined || quotaName === undefined || value === undefined) return;
  quotas.set(quotaCode, { quotaCode, quotaName, value, applied });
}

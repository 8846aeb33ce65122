import type { AiSpendError } from '../../../core/errors.js';
import { COST_EXPLORER } from '../aws-service.js';
import { classifyAwsError, type ServiceErrorCase } from '../classify-aws-error.js';

const CHANGED_WHILE_READ: ServiceErrorCase = {
  code: 'provider_unavailable',
  problem: 'data changed while it was read',
  hint: 'collect again; the next pass re-reads the whole window',
};

const COST_EXPLORER_ERRORS: Record<string, ServiceErrorCase> = {
  // Not read as "no spend": writing empty days would erase the lines stored for them.
  DataUnavailableException: {
    code: 'provider_unavailable',
    problem: 'has no data for the period yet',
    hint: 'enable Cost Explorer in the AWS Billing console (data appears within 24 hours), then collect again',
  },
  BillExpirationException: CHANGED_WHILE_READ,
  RequestChangedException: CHANGED_WHILE_READ,
  InvalidNextTokenException: CHANGED_WHILE_READ,
};

/** `classifyAwsError` for Cost Explorer: global, paid per request, and with errors of its own. */
export function classifyCostExplorerError(error: unknown): AiSpendError {
  return classifyAwsError(error, {
    service: COST_EXPLORER,
    permissions: ['GetCostAndUsage', 'GetDimensionValues'],
    rateLimitHint:
      'collect Bedrock costs less often or try again later (every Cost Explorer request costs $0.01)',
    serviceErrors: COST_EXPLORER_ERRORS,
  });
}

import { AiSpendError } from '../../../core/errors.js';
import { ENDPOINT_HINT } from './cost-schema-error.js';

const PERMISSION_HINT =
  'grant ce:GetCostAndUsage and ce:GetDimensionValues (Cost Explorer is global: the permission is not regional)';
const CREDENTIALS_HINT =
  'check the AWS credentials ai-spend runs with (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the instance role)';
const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'CredentialsProviderError',
]);

/** Turns whatever a Cost Explorer call threw into the one error type, with a hint naming what to fix. */
export function classifyCostExplorerError(error: unknown): AiSpendError {
  if (error instanceof AiSpendError) return error;
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const fail = (code: AiSpendError['code'], message: string, hint: string) =>
    new AiSpendError(code, message, { hint, cause: error });

  if (name === 'AccessDeniedException') {
    return fail('provider_auth', `Cost Explorer denied access: ${detail}`, PERMISSION_HINT);
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return fail(
      'provider_auth',
      `Cost Explorer refused the credentials: ${name} ${detail}`.trim(),
      CREDENTIALS_HINT,
    );
  }
  if (name === 'LimitExceededException' || name === 'ThrottlingException' || status === 429) {
    return fail(
      'provider_rate_limited',
      `Cost Explorer is throttling requests: ${detail}`,
      'collect Bedrock costs less often or try again later (every Cost Explorer request costs $0.01)',
    );
  }
  if (name === 'DataUnavailableException') {
    // Not read as "no spend": writing empty days would erase the lines stored for them.
    return fail(
      'provider_unavailable',
      `Cost Explorer has no data for the period yet: ${detail}`,
      'enable Cost Explorer in the AWS Billing console (data appears within 24 hours), then collect again',
    );
  }
  if (
    name === 'BillExpirationException' ||
    name === 'RequestChangedException' ||
    name === 'InvalidNextTokenException'
  ) {
    return fail(
      'provider_unavailable',
      `Cost Explorer data changed while it was read: ${detail}`,
      'collect again; the next pass re-reads the whole window',
    );
  }
  if (status !== undefined && status < 500) {
    return fail(
      'provider_schema',
      `Cost Explorer rejected the request: ${name} ${detail}`.trim(),
      ENDPOINT_HINT,
    );
  }
  return fail('provider_unavailable', `cannot read Cost Explorer: ${detail}`, ENDPOINT_HINT);
}

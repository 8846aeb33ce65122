import { AiSpendError } from '../../../core/errors.js';

const PERMISSION_ERRORS = new Set(['AccessDeniedException', 'AccessDenied']);
const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'MissingAuthenticationTokenException',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling']);
const CREDENTIALS_HINT =
  'check the AWS credentials ai-spend runs with (AWS_PROFILE, AWS_ACCESS_KEY_ID, or the instance role)';

export interface AwsErrorContext {
  /** As people know it: `Service Quotas`, `the Bedrock control plane`. */
  service: string;
  region: string;
  /** Names the IAM actions to grant when access is denied. */
  permissionHint: string;
  /** Names the endpoint setting to check when the service cannot be reached. */
  endpointHint: string;
}

/** Turns what an AWS SDK v3 call threw into the one error type, with a hint naming what to fix. */
export function classifyAwsError(
  error: unknown,
  { service, region, permissionHint, endpointHint }: AwsErrorContext,
): AiSpendError {
  if (error instanceof AiSpendError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const where = `${service} in ${region}`;
  if (PERMISSION_ERRORS.has(name)) {
    return new AiSpendError('provider_auth', `${where} denied access: ${message}`, {
      hint: permissionHint,
      cause: error,
    });
  }
  if (CREDENTIAL_ERRORS.has(name) || status === 401 || status === 403) {
    return new AiSpendError('provider_auth', `${where} refused the credentials: ${message}`, {
      hint: CREDENTIALS_HINT,
      cause: error,
    });
  }
  if (THROTTLING_ERRORS.has(name) || status === 429) {
    return new AiSpendError('provider_rate_limited', `${where} is throttling requests: ${message}`, {
      hint: 'collect less often (schedule.collect) or try again later',
      cause: error,
    });
  }
  // No HTTP status means the request never got an answer: refused, reset or timed out.
  if (status === undefined || status >= 500) {
    return new AiSpendError('provider_unavailable', `cannot reach ${where}: ${message}`, {
      hint: endpointHint,
      cause: error,
    });
  }
  return new AiSpendError('provider_schema', `${where} rejected the request: ${message}`, {
    hint: endpointHint,
    cause: error,
  });
}

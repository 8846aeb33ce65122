import { AiSpendError, type ErrorCode } from '../../core/errors.js';
import { type AwsService, endpointHint } from './aws-service.js';

/** One AWS call as failures name it; the hints are built from it. */
export interface AwsCall {
  service: AwsService;
  /** The operation, as IAM names it: `ListMetrics`. */
  operation?: string;
  /** The region called; absent for a global service (Cost Explorer). */
  region?: string;
  /** The IAM actions to grant on a denial, without prefix; default: `operation`. */
  permissions?: readonly string[];
  /** Another way out of a denial: `list the profiles under … in ai-spend.yml`. */
  orElse?: string;
  /** What eases throttling; default: collecting less often. */
  rateLimitHint?: string;
  /** Errors only this service raises, by error name; they win over the shared cases. */
  serviceErrors?: Readonly<Record<string, ServiceErrorCase>>;
}

/** How to report one service-specific error: `${where} ${problem}: ${message}`. */
export interface ServiceErrorCase {
  code: ErrorCode;
  problem: string;
  hint: string;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'OptInRequired']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'CredentialsProviderError',
  'TokenProviderError',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceeded',
  'LimitExceededException',
  'LimitExceededFault',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const CREDENTIALS_HINT =
  'check the AWS credentials ai-spend runs with (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the instance role)';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/**
 * Turns what an AWS SDK v3 call threw into the one error type, with a hint naming the permission,
 * credentials, setting or endpoint variable to fix. An `AiSpendError` passes through unchanged.
 */
export function classifyAwsError(error: unknown, call: AwsCall): AiSpendError {
  if (error instanceof AiSpendError) return error;
  const { service, operation, region } = call;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = shape.name ?? '';
  const status = shape.$metadata?.httpStatusCode;
  const where = [service.label, operation, region === undefined ? undefined : `in ${region}`]
    .filter(Boolean)
    .join(' ');
  const message = shape.message ?? String(error);
  const detail = name === '' || name === 'Error' ? message : `${name}: ${message}`;
  const fail = (code: ErrorCode, text: string, hint: string) =>
    new AiSpendError(code, text, { hint, cause: error });

  const special = call.serviceErrors?.[name];
  if (special !== undefined) {
    return fail(special.code, `${where} ${special.problem}: ${detail}`, special.hint);
  }
  if (BAD_CREDENTIALS.has(name) || status === 401) {
    return fail('provider_auth', `${where} refused the credentials: ${detail}`, CREDENTIALS_HINT);
  }
  if (DENIED.has(name) || status === 403) {
    return fail('provider_auth', `${where} denied access: ${detail}`, permissionHint(call));
  }
  if (THROTTLED.has(name) || status === 429) {
    return fail(
      'provider_rate_limited',
      `${where} is throttling requests: ${detail}`,
      call.rateLimitHint ?? 'collect less often (schedule.collect) or try again later',
    );
  }
  const inRegion = region === undefined ? '' : ` in ${region} (sources.bedrock.regions)`;
  const unavailableHint = `check ${service.endpointVariable} (unset it for AWS itself) and that ${service.label} is reachable${inRegion}`;
  if (shape.$fault === 'server' || (status !== undefined && status >= 500)) {
    return fail('provider_unavailable', `${where} is unavailable: ${detail}`, unavailableHint);
  }
  // No HTTP status means no answer (refused, reset, timed out), unless parsing or our own code failed.
  if (
    UNREACHABLE.has(shape.code ?? '') ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (status === undefined &&
      shape.$fault === undefined &&
      !(error instanceof SyntaxError) &&
      !(error instanceof TypeError))
  ) {
    return fail('provider_unavailable', `cannot reach ${where}: ${detail}`, unavailableHint);
  }
  return fail('provider_schema', `${where} rejected the request: ${detail}`, endpointHint(service, region));
}

/** The IAM actions to grant for `call`, where, and any other way out. */
export function permissionHint({ service, operation, region, permissions, orElse }: AwsCall): string {
  const actions = (permissions ?? (operation === undefined ? [] : [operation]))
    .map((action) => `${service.iamPrefix}:${action}`)
    .join(' and ');
  const grant = `grant ${actions}${region === undefined ? '' : ` in ${region}`} to the AWS credentials ai-spend runs with`;
  const global = region === undefined ? ` (${service.label} is global: the permission is not regional)` : '';
  return `${grant}${global}${orElse === undefined ? '' : `, or ${orElse}`}`;
}

import { AiSpendError } from '../../../core/errors.js';

/** The CloudWatch operations ai-spend calls, named as IAM actions name them. */
export type CloudWatchOperation = 'ListMetrics' | 'GetMetricData';

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'OptInRequired']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'CredentialsProviderError',
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

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/**
 * Turns what a CloudWatch call threw into the one error type, with a hint naming the permission,
 * setting or environment variable to fix.
 */
export function classifyCloudWatchError(
  error: unknown,
  { operation, region }: { operation: CloudWatchOperation; region: string },
): AiSpendError {
  if (error instanceof AiSpendError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = shape.name ?? '';
  const status = shape.$metadata?.httpStatusCode;
  const detail = `CloudWatch ${operation} in ${region}: ${shape.message ?? String(error)}`;
  const options = (hint: string) => ({ hint, cause: error });
  if (BAD_CREDENTIALS.has(name) || status === 401) {
    return new AiSpendError(
      'provider_auth',
      detail,
      options('check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, or the instance role)'),
    );
  }
  if (DENIED.has(name) || status === 403) {
    return new AiSpendError(
      'provider_auth',
      detail,
      options(
        `grant cloudwatch:${operation} in ${region} to the AWS credentials ai-spend runs with (IAM policy of the role or user)`,
      ),
    );
  }
  if (THROTTLED.has(name) || status === 429) {
    return new AiSpendError(
      'provider_rate_limited',
      detail,
      options(
        `collect less often (schedule.collect) or raise the CloudWatch ${operation} quota in ${region}`,
      ),
    );
  }
  const unavailableHint = `check AWS_ENDPOINT_URL_CLOUDWATCH (unset for AWS itself) and that ${region} in sources.bedrock.regions is a Bedrock region`;
  if (shape.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new AiSpendError('provider_unavailable', detail, options(unavailableHint));
  }
  if (
    UNREACHABLE.has(shape.code ?? '') ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (status === undefined &&
      shape.$fault === undefined &&
      !(error instanceof SyntaxError) &&
      !(error instanceof TypeError))
  ) {
    return new AiSpendError('provider_unavailable', `cannot reach ${detail}`, options(unavailableHint));
  }
  return new AiSpendError(
    'provider_schema',
    detail,
    options('check AWS_ENDPOINT_URL_CLOUDWATCH points at CloudWatch (monitoring.<region>.amazonaws.com)'),
  );
}

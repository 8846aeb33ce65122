import type { AiSpendError } from '../../../core/errors.js';
import { CLOUDWATCH } from '../aws-service.js';
import { classifyAwsError } from '../classify-aws-error.js';

/** The CloudWatch operations ai-spend calls, named as IAM actions name them. */
export type CloudWatchOperation = 'ListMetrics' | 'GetMetricData';

/** `classifyAwsError` for a CloudWatch call: a throttled operation also has a quota that can be raised. */
export function classifyCloudWatchError(
  error: unknown,
  { operation, region }: { operation: CloudWatchOperation; region: string },
): AiSpendError {
  return classifyAwsError(error, {
    service: CLOUDWATCH,
    operation,
    region,
    rateLimitHint: `collect less often (schedule.collect) or raise the CloudWatch ${operation} quota in ${region}`,
  });
}

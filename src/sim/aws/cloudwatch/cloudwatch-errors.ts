import { AwsError } from '../aws-json-server.js';

const PREFIX = 'com.amazonaws.cloudwatch#';

/** `InvalidParameterValue` as CloudWatch's query-compatible JSON protocol sends it. */
export function invalidParameter(message: string): AwsError {
  return new AwsError(
    `${PREFIX}InvalidParameterValueException`,
    message,
    400,
    'InvalidParameterValue;Sender',
  );
}

export function invalidNextToken(): AwsError {
  return new AwsError(
    `${PREFIX}InvalidNextToken`,
    'The service returned an invalid next token.',
    400,
    'InvalidNextToken;Sender',
  );
}

export function throttling(): AwsError {
  return new AwsError(`${PREFIX}ThrottlingException`, 'Rate exceeded', 400, 'Throttling;Sender');
}

/** The denial IAM answers when the caller's policy lacks `cloudwatch:<operation>`. */
export function accessDenied(operation: string): AwsError {
  const action = `cloudwatch:${operation}`;
  return new AwsError(
    `${PREFIX}AccessDeniedException`,
    `User: arn:aws:iam::000000000000:user/ai-spend is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    403,
    'AccessDenied;Sender',
  );
}

export function internalFailure(): AwsError {
  return new AwsError(
    `${PREFIX}InternalServiceFault`,
    'Internal service error',
    500,
    'InternalServiceError;Receiver',
  );
}

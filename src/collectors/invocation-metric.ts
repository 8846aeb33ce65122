/**
 * The Bedrock CloudWatch metric an HTTP status counts in, so every source's call counts read as
 * Bedrock's do: `InvocationThrottles` (429), `InvocationServerErrors` (5xx), `InvocationClientErrors`
 * (other 4xx), `Invocations` (answered). `undefined` for anything that is not a 3-digit status.
 */
export function invocationMetric(statusCode: string): string | undefined {
  if (!/^\d{3}$/.test(statusCode)) return undefined;
  if (statusCode === '429') return 'InvocationThrottles';
  if (statusCode >= '500') return 'InvocationServerErrors';
  if (statusCode >= '400') return 'InvocationClientErrors';
  return 'Invocations';
}

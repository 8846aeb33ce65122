import { describe, expect, it } from 'vitest';
import { COST_EXPLORER, SERVICE_QUOTAS } from '../../../src/collectors/bedrock/aws-service.js';
import { type AwsCall, classifyAwsError } from '../../../src/collectors/bedrock/classify-aws-error.js';
import { classifyCostExplorerError } from '../../../src/collectors/bedrock/cost-explorer/classify-cost-explorer-error.js';
import { AiSpendError } from '../../../src/core/errors.js';

const QUOTAS_CALL: AwsCall = {
  service: SERVICE_QUOTAS,
  region: 'eu-west-1',
  permissions: ['ListServiceQuotas'],
};
const sdkError = (name: string, status?: number) =>
  Object.assign(new Error(`${name} from AWS`), {
    name,
    ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }),
  });

describe('classifyAwsError', () => {
  it.each<[string, unknown, string, string]>([
    [
      'AccessDeniedException (403)',
      sdkError('AccessDeniedException', 403),
      'provider_auth',
      'grant servicequotas:ListServiceQuotas in eu-west-1 to the AWS credentials ai-spend runs with',
    ],
    [
      'an unnamed 403',
      sdkError('UnknownError', 403),
      'provider_auth',
      'grant servicequotas:ListServiceQuotas in eu-west-1 to the AWS credentials ai-spend runs with',
    ],
    [
      'ExpiredTokenException (400)',
      sdkError('ExpiredTokenException', 400),
      'provider_auth',
      'check the AWS credentials ai-spend runs with (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the instance role)',
    ],
    [
      'TooManyRequestsException (400)',
      sdkError('TooManyRequestsException', 400),
      'provider_rate_limited',
      'collect less often (schedule.collect) or try again later',
    ],
    [
      'a 503',
      sdkError('ServiceUnavailableException', 503),
      'provider_unavailable',
      'check AWS_ENDPOINT_URL_SERVICE_QUOTAS (unset it for AWS itself) and that Service Quotas is reachable in eu-west-1 (sources.bedrock.regions)',
    ],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      'provider_unavailable',
      'check AWS_ENDPOINT_URL_SERVICE_QUOTAS (unset it for AWS itself) and that Service Quotas is reachable in eu-west-1 (sources.bedrock.regions)',
    ],
    [
      'ValidationException (400)',
      sdkError('ValidationException', 400),
      'provider_schema',
      'check AWS_ENDPOINT_URL_SERVICE_QUOTAS points at Service Quotas (servicequotas.eu-west-1.amazonaws.com)',
    ],
    [
      'a SyntaxError without a status',
      new SyntaxError('Unexpected token'),
      'provider_schema',
      'check AWS_ENDPOINT_URL_SERVICE_QUOTAS points at Service Quotas (servicequotas.eu-west-1.amazonaws.com)',
    ],
  ])('reports %s from Service Quotas in eu-west-1 as %s', (_, error, code, hint) => {
    const failure = classifyAwsError(error, QUOTAS_CALL);
    expect(failure).toMatchObject({ name: 'AiSpendError', code, hint });
    expect(failure.message).toContain('Service Quotas in eu-west-1');
  });

  it('names a global service without a region, and the other way out of a denial', () => {
    const failure = classifyAwsError(sdkError('AccessDeniedException', 400), {
      service: COST_EXPLORER,
      permissions: ['GetCostAndUsage', 'GetDimensionValues'],
      orElse: 'turn Cost Explorer off',
    });
    expect(failure.message).toBe(
      'Cost Explorer denied access: AccessDeniedException: AccessDeniedException from AWS',
    );
    expect(failure.hint).toBe(
      'grant ce:GetCostAndUsage and ce:GetDimensionValues to the AWS credentials ai-spend runs with (Cost Explorer is global: the permission is not regional), or turn Cost Explorer off',
    );
  });

  it('lets a service error win over the shared cases and passes an AiSpendError through', () => {
    const failure = classifyAwsError(sdkError('ThrottlingException', 400), {
      ...QUOTAS_CALL,
      serviceErrors: { ThrottlingException: { code: 'provider_schema', problem: 'differs', hint: 'h' } },
    });
    expect(failure).toMatchObject({ code: 'provider_schema', hint: 'h' });
    const ours = new AiSpendError('provider_schema', 'ours');
    expect(classifyAwsError(ours, QUOTAS_CALL)).toBe(ours);
  });
});

describe('classifyCostExplorerError', () => {
  it.each<[string, string, string]>([
    [
      'DataUnavailableException',
      'Cost Explorer has no data for the period yet',
      'enable Cost Explorer in the AWS Billing console (data appears within 24 hours), then collect again',
    ],
    [
      'RequestChangedException',
      'Cost Explorer data changed while it was read',
      'collect again; the next pass re-reads the whole window',
    ],
    [
      'BillExpirationException',
      'Cost Explorer data changed while it was read',
      'collect again; the next pass re-reads the whole window',
    ],
  ])('reports %s (400) as provider_unavailable: %s', (name, message, hint) => {
    const failure = classifyCostExplorerError(sdkError(name, 400));
    expect(failure).toMatchObject({ code: 'provider_unavailable', hint });
    expect(failure.message).toContain(message);
  });

  it('reports LimitExceededException as provider_rate_limited noting the $0.01 a request', () => {
    expect(classifyCostExplorerError(sdkError('LimitExceededException', 400))).toMatchObject({
      code: 'provider_rate_limited',
      hint: 'collect Bedrock costs less often or try again later (every Cost Explorer request costs $0.01)',
    });
  });
});

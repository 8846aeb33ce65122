import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ServiceQuotasSimulator,
  startServiceQuotasSimulator,
} from '../../../../src/sim/aws/service-quotas/server.js';
import type { SimulatedQuota } from '../../../../src/sim/aws/service-quotas/service-quota-item.js';

const SONNET_TPM = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6';
const QUOTAS: SimulatedQuota[] = [
  {
    region: 'us-east-1',
    quotaCode: 'L-A0000001',
    quotaName: SONNET_TPM,
    value: 3_000_000,
    applied: true,
    defaultValue: 2_000_000,
  },
  {
    region: 'us-east-1',
    quotaCode: 'L-A0000002',
    quotaName: 'On-demand InvokeModel tokens per minute for Amazon Nova Pro',
    value: 1_000_000,
    applied: false,
  },
  {
    region: 'us-east-1',
    quotaCode: 'L-A0000003',
    quotaName: 'Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6',
    value: 2_000,
    applied: true,
  },
  { region: 'us-west-2', quotaCode: 'L-A0000001', quotaName: SONNET_TPM, value: 800_000, applied: true },
];

let sim: ServiceQuotasSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(pageSize = 100): Promise<ServiceQuotasSimulator> {
  sim = await startServiceQuotasSimulator({ scenario: { quotas: QUOTAS }, pageSize });
  return sim;
}

function client(url: string, region = 'us-east-1'): ServiceQuotasClient {
  return new ServiceQuotasClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

describe('startServiceQuotasSimulator', () => {
  it('lists the 2 applied Bedrock quotas of us-east-1 in the ServiceQuota shape', async () => {
    const { url, requests } = await start();
    const result = await client(url).send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock' }));
    expect(result.Quotas).toEqual([
      {
        ServiceCode: 'bedrock',
        ServiceName: 'Amazon Bedrock',
        QuotaArn: 'arn:aws:servicequotas:us-east-1:111122223333:bedrock/L-A0000001',
        QuotaCode: 'L-A0000001',
        QuotaName: SONNET_TPM,
        Value: 3_000_000,
        Unit: 'None',
        Adjustable: true,
        GlobalQuota: false,
        QuotaAppliedAtLevel: 'ACCOUNT',
      },
      expect.objectContaining({ QuotaCode: 'L-A0000003', Value: 2_000 }),
    ]);
    expect(result.NextToken).toBeUndefined();
    expect(requests.map(({ operation, region, service }) => ({ operation, region, service }))).toEqual([
      { operation: 'ListServiceQuotas', region: 'us-east-1', service: 'servicequotas' },
    ]);
  });

  it('lists all 3 us-east-1 defaults with the default value of 2,000,000 TPM where it differs', async () => {
    const { url } = await start();
    const result = await client(url).send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'bedrock' }));
    expect(result.Quotas?.map((quota) => [quota.QuotaCode, quota.Value, quota.QuotaArn])).toEqual([
      ['L-A0000001', 2_000_000, 'arn:aws:servicequotas:us-east-1::bedrock/L-A0000001'],
      ['L-A0000002', 1_000_000, 'arn:aws:servicequotas:us-east-1::bedrock/L-A0000002'],
      ['L-A0000003', 2_000, 'arn:aws:servicequotas:us-east-1::bedrock/L-A0000003'],
    ]);
  });

  it('serves only the quotas of the SigV4 region: 800,000 TPM in us-west-2', async () => {
    const { url } = await start();
    const result = await client(url, 'us-west-2').send(
      new ListServiceQuotasCommand({ ServiceCode: 'bedrock' }),
    );
    expect(result.Quotas?.map((quota) => [quota.QuotaArn, quota.Value])).toEqual([
      ['arn:aws:servicequotas:us-west-2:111122223333:bedrock/L-A0000001', 800_000],
    ]);
  });

  it('pages 3 defaults as 2 + 1 with the page size of 2, and honours MaxResults 1', async () => {
    const { url } = await start(2);
    const sq = client(url);
    const first = await sq.send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'bedrock' }));
    const second = await sq.send(
      new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'bedrock', NextToken: first.NextToken }),
    );
    expect(first.Quotas?.map((quota) => quota.QuotaCode)).toEqual(['L-A0000001', 'L-A0000002']);
    expect(second.Quotas?.map((quota) => quota.QuotaCode)).toEqual(['L-A0000003']);
    expect(second.NextToken).toBeUndefined();
    const one = await sq.send(
      new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'bedrock', MaxResults: 1 }),
    );
    expect(one.Quotas).toHaveLength(1);
    await expect(
      sq.send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: 'bedrock', NextToken: 'bogus' })),
    ).rejects.toMatchObject({ name: 'InvalidPaginationTokenException' });
  });

  it('gets an applied quota, a default, and NoSuchResourceException for a quota with no applied value', async () => {
    const { url } = await start();
    const sq = client(url);
    const applied = await sq.send(
      new GetServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: 'L-A0000001' }),
    );
    const byDefault = await sq.send(
      new GetAWSDefaultServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: 'L-A0000001' }),
    );
    expect([applied.Quota?.Value, byDefault.Quota?.Value]).toEqual([3_000_000, 2_000_000]);
    await expect(
      sq.send(new GetServiceQuotaCommand({ ServiceCode: 'bedrock', QuotaCode: 'L-A0000002' })),
    ).rejects.toMatchObject({ name: 'NoSuchResourceException', $metadata: { httpStatusCode: 404 } });
  });

  it('answers NoSuchResourceException for a service code other than bedrock', async () => {
    const { url } = await start();
    await expect(
      client(url).send(new ListServiceQuotasCommand({ ServiceCode: 'ec2' })),
    ).rejects.toMatchObject({
      name: 'NoSuchResourceException',
      message: 'The service ec2 does not exist.',
    });
  });

  it('denies 1 request, throttles the next 1, then answers again', async () => {
    const simulator = await start();
    simulator.faults.accessDenied(1);
    simulator.faults.throttle(1);
    const sq = client(simulator.url);
    const list = () => sq.send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock' }));
    await expect(list()).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('servicequotas:ListServiceQuotas'),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(list()).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
    expect((await list()).Quotas).toHaveLength(2);
  });
});

import { createServer } from 'node:net';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { afterEach, describe, expect, it } from 'vitest';
import { readApplicationProfiles } from '../../../../src/collectors/bedrock/profiles/read-application-profiles.js';
import { readQuotaLimits } from '../../../../src/collectors/bedrock/quotas/read-quota-limits.js';
import { AiSpendError } from '../../../../src/core/errors.js';
import { startBedrockControlSimulator } from '../../../../src/sim/aws/bedrock-control/server.js';
import { startServiceQuotasSimulator } from '../../../../src/sim/aws/service-quotas/server.js';
import type { SimulatedQuota } from '../../../../src/sim/aws/service-quotas/service-quota-item.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const SONNET_46_CRIS_TPM = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6';
const east = (quotaCode: string, quotaName: string, value: number, extra: Partial<SimulatedQuota> = {}) => ({
  region: 'us-east-1',
  quotaCode,
  quotaName,
  value,
  applied: false,
  ...extra,
});
const QUOTAS: SimulatedQuota[] = [
  east('L-A0000001', 'On-demand InvokeModel tokens per minute for Anthropic Claude Haiku 4.5', 400_000),
  east('L-A0000002', SONNET_46_CRIS_TPM, 3_000_000, { applied: true, defaultValue: 2_000_000 }),
  east('L-A0000003', 'Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6', 2_000),
  east(
    'L-A0000004',
    'Global cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
    5_000_000,
  ),
  east('L-A0000005', 'Model invocation max tokens per day for Anthropic Claude Sonnet 4.6', 4_320_000_000),
  east('L-A0000006', 'On-demand model inference tokens per minute for Amazon Nova Pro', 1_000_000),
  east('L-A0000007', 'Cross-Model Max Tokens Per Day', 9_000_000_000),
  east('L-A0000008', 'On-demand InvokeModel tokens per minute for Meta Llama 3.3 70B Instruct', 300_000),
  east('L-A0000009', 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5', 1_000_000),
  east('L-A0000010', 'On-demand InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5', 200_000),
  {
    region: 'us-west-2',
    quotaCode: 'L-A0000002',
    quotaName: SONNET_46_CRIS_TPM,
    value: 800_000,
    applied: false,
  },
];
const SEARCH_PROFILE = 'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/srch0001';

const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function quotasClient(region = 'us-east-1', pageSize = 100) {
  const sim = await startServiceQuotasSimulator({ scenario: { quotas: QUOTAS }, pageSize });
  closers.push(sim.close);
  const client = new ServiceQuotasClient({
    region,
    endpoint: sim.url,
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
  return { sim, client };
}

describe('readQuotaLimits', () => {
  it('gives each seen ModelId its TPM and RPM quota by scope, applied 3,000,000 beating the 2,000,000 default', async () => {
    const { client } = await quotasClient();
    const limits = await readQuotaLimits({
      client,
      region: 'us-east-1',
      modelIds: [
        'us.anthropic.claude-sonnet-4-6',
        'global.anthropic.claude-sonnet-4-6',
        'anthropic.claude-haiku-4-5-20251001-v1:0',
        'amazon.nova-pro-v1:0',
        'meta.llama3-3-70b-instruct-v1:0',
        'anthropic.claude-3-5-haiku-20241022-v1:0',
      ],
    });
    const base = { region: 'us-east-1', origin: 'service_quotas', unit: 'tokens_per_minute' };
    expect(limits).toEqual([
      {
        ...base,
        model: 'us.anthropic.claude-sonnet-4-6',
        inferenceType: 'cross_region',
        value: 3_000_000,
        quotaCode: 'L-A0000002',
        quotaName: SONNET_46_CRIS_TPM,
      },
      {
        ...base,
        model: 'us.anthropic.claude-sonnet-4-6',
        inferenceType: 'cross_region',
        unit: 'requests_per_minute',
        value: 2_000,
        quotaCode: 'L-A0000003',
        quotaName: 'Cross-Region InvokeModel requests per minute for Anthropic Claude Sonnet 4.6',
      },
      {
        ...base,
        model: 'global.anthropic.claude-sonnet-4-6',
        inferenceType: 'global',
        value: 5_000_000,
        quotaCode: 'L-A0000004',
        quotaName: 'Global cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.6',
      },
      {
        ...base,
        model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
        inferenceType: 'on_demand',
        value: 400_000,
        quotaCode: 'L-A0000001',
        quotaName: 'On-demand InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
      },
      {
        ...base,
        model: 'amazon.nova-pro-v1:0',
        inferenceType: 'on_demand',
        value: 1_000_000,
        quotaCode: 'L-A0000006',
        quotaName: 'On-demand model inference tokens per minute for Amazon Nova Pro',
      },
      {
        ...base,
        model: 'meta.llama3-3-70b-instruct-v1:0',
        inferenceType: 'on_demand',
        value: 300_000,
        quotaCode: 'L-A0000008',
        quotaName: 'On-demand InvokeModel tokens per minute for Meta Llama 3.3 70B Instruct',
      },
    ]);
  });

  it('reads both listings to the end with a page size of 2: 5 default pages and 1 applied page', async () => {
    const { sim, client } = await quotasClient('us-east-1', 2);
    const limits = await readQuotaLimits({ client, region: 'us-east-1', modelIds: ['amazon.nova-pro-v1:0'] });
    expect(limits.map((limit) => limit.value)).toEqual([1_000_000]);
    expect(sim.requests.map((request) => request.operation)).toEqual([
      ...Array<string>(5).fill('ListAWSDefaultServiceQuotas'),
      'ListServiceQuotas',
    ]);
    expect(sim.requests.filter((request) => request.body.NextToken !== undefined)).toHaveLength(4);
  });

  it('gives an application profile that copies us.anthropic.claude-sonnet-4-5 the 1,000,000 TPM cross-Region quota', async () => {
    const control = await startBedrockControlSimulator({
      scenario: {
        profiles: [
          {
            arn: SEARCH_PROFILE,
            region: 'us-east-1',
            name: 'search-ask-docs',
            copyFrom: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
            tags: { team: 'search' },
          },
        ],
      },
    });
    closers.push(control.close);
    const bedrock = new BedrockClient({
      region: 'us-east-1',
      endpoint: control.url,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    const profiles = await readApplicationProfiles({ client: bedrock, region: 'us-east-1' });
    const { client } = await quotasClient();
    const limits = await readQuotaLimits({
      client,
      region: 'us-east-1',
      modelIds: [SEARCH_PROFILE],
      resolveModelId: (modelId) => profiles.get(modelId)?.model ?? modelId,
    });
    expect(limits).toEqual([
      {
        region: 'us-east-1',
        model: SEARCH_PROFILE,
        inferenceType: 'cross_region',
        unit: 'tokens_per_minute',
        value: 1_000_000,
        origin: 'service_quotas',
        quotaCode: 'L-A0000009',
        quotaName: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5',
      },
    ]);
  });

  it('reads only its own region: 800,000 TPM from the us-west-2 default', async () => {
    const { client } = await quotasClient('us-west-2');
    const limits = await readQuotaLimits({
      client,
      region: 'us-west-2',
      modelIds: ['us.anthropic.claude-sonnet-4-6', 'amazon.nova-pro-v1:0'],
    });
    expect(limits.map(({ region, model, value }) => ({ region, model, value }))).toEqual([
      { region: 'us-west-2', model: 'us.anthropic.claude-sonnet-4-6', value: 800_000 },
    ]);
  });

  it('turns AccessDeniedException into provider_auth naming both permissions and the region', async () => {
    const { sim, client } = await quotasClient();
    sim.faults.accessDenied(1);
    const error = await readQuotaLimits({ client, region: 'us-east-1', modelIds: [] }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(AiSpendError);
    expect(error).toMatchObject({
      code: 'provider_auth',
      hint: 'grant servicequotas:ListServiceQuotas and servicequotas:ListAWSDefaultServiceQuotas in us-east-1 to the AWS credentials ai-spend runs with',
    });
  });

  it('turns TooManyRequestsException after 1 attempt into provider_rate_limited', async () => {
    const { sim, client } = await quotasClient();
    sim.faults.throttle(1);
    await expect(readQuotaLimits({ client, region: 'us-east-1', modelIds: [] })).rejects.toMatchObject({
      code: 'provider_rate_limited',
    });
  });

  it('turns a refused connection into provider_unavailable naming AWS_ENDPOINT_URL_SERVICE_QUOTAS', async () => {
    const client = new ServiceQuotasClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    await expect(readQuotaLimits({ client, region: 'us-east-1', modelIds: [] })).rejects.toMatchObject({
      code: 'provider_unavailable',
      hint: expect.stringContaining('AWS_ENDPOINT_URL_SERVICE_QUOTAS'),
    });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

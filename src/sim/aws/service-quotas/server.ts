import { AwsError, type AwsJsonServer, type AwsRequest, startAwsJsonServer } from '../aws-json-server.js';
import { countedFaults } from '../counted-faults.js';
import { pageSlice } from './page-slice.js';
import { type SimulatedQuota, serviceQuotaItem } from './service-quota-item.js';

export interface ServiceQuotasSimulatorOptions {
  /** Read on every request, so quotas changed after start are served. */
  scenario: { quotas: readonly SimulatedQuota[] };
  /** The account in applied quotas' ARNs. */
  accountId?: string;
  host?: string;
  port?: number;
  /** Items per page when the request has no `MaxResults`. */
  pageSize?: number;
}

/** Failures the next requests meet, whatever the operation; access denial goes first. */
export interface ServiceQuotasFaults {
  /** The next `count` requests get `AccessDeniedException` (403). */
  accessDenied(count: number): void;
  /** The next `count` requests get `TooManyRequestsException` (429). */
  throttle(count: number): void;
}

export interface ServiceQuotasSimulator extends AwsJsonServer {
  faults: ServiceQuotasFaults;
}

const MAX_RESULTS = 100;

/**
 * A loopback AWS Service Quotas endpoint for `ServiceCode: 'bedrock'`: applied quotas
 * (`ListServiceQuotas`, `GetServiceQuota`) and AWS defaults (`ListAWSDefaultServiceQuotas`,
 * `GetAWSDefaultServiceQuota`) of the region in the request's SigV4 scope.
 */
export async function startServiceQuotasSimulator({
  scenario,
  accountId = '111122223333',
  host = '127.0.0.1',
  port = 0,
  pageSize = 100,
}: ServiceQuotasSimulatorOptions): Promise<ServiceQuotasSimulator> {
  const counted = countedFaults();

  const handle = (request: AwsRequest): unknown => {
    const fault = counted.next();
    if (fault === 'accessDenied') {
      throw new AwsError(
        'AccessDeniedException',
        `User: arn:aws:iam::${accountId}:user/ai-spend is not authorized to perform: servicequotas:${request.operation}`,
        403,
      );
    }
    if (fault === 'throttle') throw new AwsError('TooManyRequestsException', 'Rate exceeded', 429);
    const { body, region } = request;
    if (body.ServiceCode !== 'bedrock') {
      throw new AwsError(
        'NoSuchResourceException',
        `The service ${String(body.ServiceCode)} does not exist.`,
        404,
      );
    }
    const inRegion = scenario.quotas.filter((quota) => quota.region === region);
    switch (request.operation) {
      case 'ListServiceQuotas':
        return listPage(
          inRegion.filter((quota) => quota.applied && matchesCode(quota, body.QuotaCode)),
          body,
          (quota) => serviceQuotaItem(quota, { accountId, useDefault: false }),
        );
      case 'ListAWSDefaultServiceQuotas':
        return listPage(inRegion, body, (quota) => serviceQuotaItem(quota, { accountId, useDefault: true }));
      case 'GetServiceQuota':
        return {
          Quota: serviceQuotaItem(findQuota(inRegion, body, true), { accountId, useDefault: false }),
        };
      case 'GetAWSDefaultServiceQuota':
        return {
          Quota: serviceQuotaItem(findQuota(inRegion, body, false), { accountId, useDefault: true }),
        };
      default:
        throw new AwsError('UnknownOperationException', `unknown operation ${request.operation}`);
    }
  };

  const listPage = (
    quotas: readonly SimulatedQuota[],
    body: Record<string, unknown>,
    render: (quota: SimulatedQuota) => Record<string, unknown>,
  ): unknown => {
    const maxResults = body.MaxResults ?? pageSize;
    if (
      typeof maxResults !== 'number' ||
      !Number.isInteger(maxResults) ||
      maxResults < 1 ||
      maxResults > MAX_RESULTS
    ) {
      throw new AwsError('IllegalArgumentException', `MaxResults must be between 1 and ${MAX_RESULTS}`);
    }
    const nextToken = typeof body.NextToken === 'string' ? body.NextToken : undefined;
    const page = pageSlice(quotas, { pageSize: maxResults, nextToken });
    if (page === undefined) throw new AwsError('InvalidPaginationTokenException', 'Invalid pagination token');
    return {
      Quotas: page.items.map(render),
      ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    };
  };

  const server = await startAwsJsonServer({
    contentType: 'application/x-amz-json-1.1',
    targetPrefix: 'ServiceQuotasV20190624',
    signingName: 'servicequotas',
    handle,
    host,
    port,
  });
  return { ...server, faults: counted.faults };
}

function matchesCode(quota: SimulatedQuota, code: unknown): boolean {
  return code === undefined || code === quota.quotaCode;
}

function findQuota(
  quotas: readonly SimulatedQuota[],
  body: Record<string, unknown>,
  applied: boolean,
): SimulatedQuota {
  const quota = quotas.find(
    (candidate) => candidate.quotaCode === body.QuotaCode && (candidate.applied || !applied),
  );
  if (quota === undefined) {
    throw new AwsError('NoSuchResourceException', `The quota ${String(body.QuotaCode)} does not exist.`, 404);
  }
  return quota;
}

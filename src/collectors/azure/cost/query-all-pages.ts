import type { CostManagementClient, QueryDefinition } from '@azure/arm-costmanagement';
import { AiSpendError } from '../../../core/errors.js';
import { classifyAzureError } from '../classify-azure-error.js';
import { type CostTable, parseQueryResult } from './parse-query-result.js';

/** The header that sends a request to a `nextLink` instead of the operation's path (see `followNextLink`). */
export const NEXT_LINK_HEADER = 'x-ai-spend-next-link';

/** Throttling headers of Cost Management, in seconds; the largest one is how long to wait. */
const RETRY_AFTER_HEADERS = [
  'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after',
  'x-ms-ratelimit-microsoft.costmanagement-client-retry-after',
  'x-ms-ratelimit-microsoft.consumption-retry-after',
  'retry-after',
];

export interface QueryPacing {
  /** 429s waited out per page before giving up. */
  maxRetries: number;
  /** A 429 asking for a longer wait fails the pass instead (provider_rate_limited). */
  maxWaitSeconds: number;
  sleep: (seconds: number) => Promise<void>;
}

/**
 * Runs one Query API request and follows `nextLink` to the end, returning every row. A 429 is
 * waited out for as long as its retry-after headers say, up to `maxWaitSeconds`.
 */
export async function queryAllPages(
  client: CostManagementClient,
  scope: string,
  body: QueryDefinition,
  pacing: QueryPacing,
): Promise<CostTable> {
  const rows: unknown[][] = [];
  let columns: string[] | undefined;
  let nextLink: string | undefined;
  let pages = 0;
  do {
    const link = nextLink;
    const result = await withThrottling(scope, pacing, () =>
      client.query.usage(
        scope,
        body,
        link === undefined ? {} : { requestOptions: { customHeaders: { [NEXT_LINK_HEADER]: link } } },
      ),
    );
    const table = parseQueryResult(result, `page ${pages + 1}`);
    if (columns !== undefined && table.columns.join('|') !== columns.join('|')) {
      throw new AiSpendError('provider_schema', `Cost Management ${scope}: columns changed between pages`, {
        hint: 'the query answer changed shape; check that sources.azure.endpoint points at management.azure.com',
      });
    }
    columns = table.columns;
    rows.push(...table.rows);
    pages += 1;
    if (table.nextLink !== undefined && table.nextLink === nextLink) {
      throw new AiSpendError('provider_schema', `Cost Management ${scope}: nextLink does not move forward`);
    }
    nextLink = table.nextLink;
  } while (nextLink !== undefined);
  return { columns: columns ?? [], rows, pages };
}

async function withThrottling<T>(scope: string, pacing: QueryPacing, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const wait = retryAfterSeconds(error);
      if (wait === undefined) throw classifyAzureError(error, 'cost', scope);
      if (attempt >= pacing.maxRetries || wait > pacing.maxWaitSeconds) {
        throw new AiSpendError(
          'provider_rate_limited',
          `Cost Management ${scope}: throttled, retry after ${wait} s (${attempt} retries done)`,
          { hint: 'Cost Management allows a few queries per scope per minute; collect less often' },
        );
      }
      await pacing.sleep(wait);
    }
  }
}

/** Seconds a 429 asks to wait (the largest of its headers, at least 1), or `undefined` if not a 429. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const rest = error as {
    statusCode?: number;
    response?: { headers?: { get(name: string): string | undefined } };
  };
  if (rest?.statusCode !== 429) return undefined;
  let wait = 1;
  for (const name of RETRY_AFTER_HEADERS) {
    const value = Number(rest.response?.headers?.get(name));
    if (Number.isFinite(value) && value > wait) wait = Math.ceil(value);
  }
  return wait;
}

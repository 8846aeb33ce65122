import { BigQuery, type Query, type QueryRowsResponse } from '@google-cloud/bigquery';
import type { AuthClient } from 'google-auth-library';
import { AiSpendError } from '../../../core/errors.js';
import { billingSchemaError } from './billing-schema-error.js';

export interface BigQueryClientOptions {
  /** The project query jobs run in and are billed to; the identity needs BigQuery Job User there. */
  projectId: string;
  /** Origin of the BigQuery API (a simulator in tests); https://bigquery.googleapis.com when absent. */
  apiEndpoint?: string;
  /** Credentials; Google application default credentials when absent. */
  authClient?: AuthClient;
  /** Retries of rate limits and 5xx, with the SDK's exponential backoff; 0 turns them off. */
  maxRetries?: number;
}

/** A BigQuery client for the billing export. Pass `projectId` so the SDK never asks the metadata server. */
export function createBigQueryClient({
  projectId,
  apiEndpoint,
  authClient,
  maxRetries = 3,
}: BigQueryClientOptions): BigQuery {
  return new BigQuery({
    projectId,
    ...(apiEndpoint === undefined ? {} : { apiEndpoint }),
    ...(authClient === undefined ? {} : { authClient }),
    retryOptions: maxRetries > 0 ? { autoRetry: true, maxRetries } : { autoRetry: false },
  });
}

/** Vertex AI (Gemini and Google models) and Claude on Vertex, which bills as its own Marketplace service. */
export const VERTEX_SERVICE_FILTER =
  "(service.description = 'Vertex AI' OR service.description LIKE '%Claude%' OR sku.description LIKE '%Claude%')";

const TABLE = /^[a-z0-9][a-z0-9.:-]*[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_$-]+$/;

/**
 * Checks `project.dataset.table` before it goes into SQL (a table name cannot be a parameter),
 * so a typo is a config error and nothing but a table name reaches the query text.
 */
export function checkBillingTable(table: string): string {
  const trimmed = table.trim();
  if (!TABLE.test(trimmed)) {
    throw new AiSpendError(
      'config_invalid',
      `billing table ${JSON.stringify(table)} is not project.dataset.table`,
      {
        hint: 'set sources.vertex.billing_table to the Cloud Billing export table, e.g. my-proj.billing.gcp_billing_export_resource_v1_0123AB_CDEF45_678901',
      },
    );
  }
  return trimmed;
}

/**
 * The hourly export rows of Vertex AI and Claude on Vertex with `usage_start_time` in
 * `[@since, @until)`. Money leaves BigQuery as text (`CAST(… AS STRING)`) so no float step
 * happens in the client library. The export is partitioned by day of export (or, on older
 * tables, of usage in Pacific time), and a row is exported after its usage: partitions from one
 * day before `@since` hold every row wanted.
 */
export function billingExportQuery(table: string): string {
  return [
    'SELECT',
    '  usage_start_time,',
    '  export_time,',
    '  service.description AS service,',
    '  sku.description AS sku,',
    '  project.id AS project_id,',
    '  project.labels AS project_labels,',
    '  labels,',
    '  location.location AS location,',
    '  location.region AS region,',
    '  CAST(cost AS STRING) AS cost,',
    '  currency,',
    '  ARRAY(SELECT AS STRUCT CAST(c.amount AS STRING) AS amount, c.type AS type FROM UNNEST(credits) AS c) AS credits',
    `FROM \`${checkBillingTable(table)}\``,
    'WHERE _PARTITIONTIME >= TIMESTAMP_SUB(@since, INTERVAL 1 DAY)',
    '  AND usage_start_time >= @since',
    '  AND usage_start_time < @until',
    `  AND ${VERTEX_SERVICE_FILTER}`,
  ].join('\n');
}

export interface BillingRowsRequest {
  table: string;
  /** `[since, until)` on `usage_start_time`, UTC epoch seconds. */
  since: number;
  until: number;
  /** The dataset's location (`US`, `EU`, `europe-west4`); BigQuery finds it from the table when absent. */
  location?: string;
  /** Rows per result page (`maxResults`). */
  pageRows: number;
  /** Pause between polls of a query that is still running (the server already waits up to 10 s). */
  pollDelayMs: number;
  /** Polls of a running query before giving up. */
  maxPolls: number;
}

/** Every row of a query's result, decoded by the client library, and how it was read. */
export interface BillingRows {
  rows: unknown[];
  pages: number;
  polls: number;
}

/**
 * Runs the billing query through `jobs.query` and reads every page with `jobs.getQueryResults`,
 * polling while BigQuery answers `jobComplete: false`. Throws the client library's errors as they
 * come (see `classifyBigQueryError`) and `AiSpendError` for paging that does not add up.
 */
export async function readBillingRows(bigquery: BigQuery, request: BillingRowsRequest): Promise<BillingRows> {
  const query: Query = {
    query: billingExportQuery(request.table),
    params: {
      since: BigQuery.timestamp(new Date(request.since * 1000)),
      until: BigQuery.timestamp(new Date(request.until * 1000)),
    },
    ...(request.location === undefined ? {} : { location: request.location }),
  };
  // With maxResults the library hands back one page at a time, with the query for the next one.
  let [rows, next, response] = (await bigquery.query(query, {
    maxResults: request.pageRows,
    autoPaginate: false,
  })) as unknown as QueryRowsResponse;
  const all: unknown[] = [];
  const tokens = new Set<string>();
  let pages = 0;
  let polls = 0;
  for (;;) {
    if (response?.jobComplete !== false) {
      pages += 1;
      for (const row of rows) all.push(row);
    }
    if (!next) break;
    if (response?.jobComplete === false) {
      polls += 1;
      if (polls > request.maxPolls) {
        throw new AiSpendError(
          'provider_unavailable',
          `the billing query was still running after ${request.maxPolls} polls`,
          {
            hint: 'BigQuery is slow or the billing export is large: try again later, or collect fewer days at once',
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, request.pollDelayMs));
    } else if (next.pageToken === undefined || tokens.has(next.pageToken)) {
      throw billingSchemaError('$.pageToken', `a page token it sent before (${String(next.pageToken)})`);
    } else {
      tokens.add(next.pageToken);
    }
    if (next.job === undefined)
      throw billingSchemaError('$.jobReference', 'no job to read further pages from');
    [rows, next, response] = await next.job.getQueryResults(next);
  }
  const totalRows = response?.totalRows;
  if (totalRows !== undefined && totalRows !== null && Number(totalRows) !== all.length) {
    throw billingSchemaError(
      '$.totalRows',
      `totalRows ${totalRows} but ${all.length} rows over ${pages} pages`,
    );
  }
  return { rows: all, pages, polls };
}

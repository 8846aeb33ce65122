import { BigQueryError } from './bigquery-error.js';
import type { BillingExportRow } from './billing-export-row.js';
import { parseBillingQuery } from './parse-billing-query.js';
import { readQueryParameters } from './query-parameters.js';
import { type QueryResult, runBillingQuery, type SimTable } from './run-billing-query.js';

/** What the jobs read from the simulator on every request. */
export interface QueryJobsOptions {
  /** Read on every query, so rows restated between queries are served. */
  rows: BillingExportRow[];
  now: () => number;
  table: SimTable;
  pendingPolls: (queryNumber: number) => number;
  pageRows: number;
  denied: () => 'jobs' | 'table' | undefined;
  extraColumn: () => { name: string; value: string } | undefined;
}

/** `jobs.query` and `jobs.getQueryResults`: both answer a JSON body or throw `BigQueryError`. */
export interface QueryJobs {
  startQuery(projectId: string, body: Record<string, unknown>): object;
  queryResults(projectId: string, jobId: string, query: Record<string, string>): object;
}

interface Job {
  projectId: string;
  jobId: string;
  location: string;
  query: ReturnType<typeof parseBillingQuery>;
  parameters: ReturnType<typeof readQueryParameters>;
  /** The rows exported when the job ran: later edits do not change its results, as in BigQuery. */
  snapshot: BillingExportRow[];
  pendingPolls: number;
  firstPageRows: number | undefined;
}

/**
 * Query jobs over the export table. A job snapshots the exported rows (`export_time <= now`) when
 * it starts, answers `jobComplete: false` as often as `pendingPolls` says, then pages its result
 * by `maxResults` with opaque page tokens.
 */
export function createQueryJobs(options: QueryJobsOptions): QueryJobs {
  const { rows, now, table, pendingPolls, pageRows, denied, extraColumn } = options;
  const jobs = new Map<string, Job>();
  let queries = 0;

  const page = (
    job: Job,
    kind: string,
    { offset, size, int64 }: { offset: number; size: number; int64: boolean },
  ) => {
    const result = withExtraColumn(
      runBillingQuery(job.query, job.snapshot, table, {
        parameters: job.parameters,
        location: job.location,
        int64Timestamps: int64,
      }),
      extraColumn(),
    );
    const slice = result.rows.slice(offset, offset + size);
    const next = offset + size < result.rows.length ? offset + size : undefined;
    return {
      kind,
      etag: `"${job.jobId}-${offset}"`,
      schema: { fields: result.fields },
      jobReference: reference(job),
      totalRows: String(result.rows.length),
      ...(slice.length === 0 ? {} : { rows: slice }),
      ...(next === undefined ? {} : { pageToken: Buffer.from(`${job.jobId}:${next}`).toString('base64url') }),
      totalBytesProcessed: String(job.snapshot.length * 640),
      jobComplete: true,
      cacheHit: false,
    };
  };

  return {
    startQuery(projectId, body) {
      if (denied() === 'jobs') {
        throw new BigQueryError(
          403,
          'accessDenied',
          `Access Denied: Project ${projectId}: User does not have bigquery.jobs.create permission in project ${projectId}.`,
        );
      }
      if (body.useLegacySql !== false) {
        throw new BigQueryError(400, 'invalid', 'the simulator runs GoogleSQL only: send useLegacySql false');
      }
      if (typeof body.query !== 'string') {
        throw new BigQueryError(400, 'required', 'Required parameter is missing: query');
      }
      const query = parseBillingQuery(body.query);
      if (denied() === 'table') {
        const name = query.table.replace('.', ':');
        throw new BigQueryError(
          403,
          'accessDenied',
          `Access Denied: Table ${name}: User does not have permission to query table ${name}, or perhaps it does not exist.`,
        );
      }
      const location = typeof body.location === 'string' ? body.location : 'US';
      const parameters = readQueryParameters(body);
      const clock = now();
      const snapshot = structuredClone(rows.filter((row) => row.export_time <= clock));
      // Run once now so a bad query fails on jobs.query: BigQuery checks a query before it starts it.
      runBillingQuery(query, snapshot, table, { parameters, location, int64Timestamps: true });
      queries += 1;
      const job: Job = {
        projectId,
        jobId: `job_sim_${String(queries).padStart(4, '0')}`,
        location,
        query,
        parameters,
        snapshot,
        pendingPolls: Math.max(0, pendingPolls(queries)),
        firstPageRows: positiveInteger(body.maxResults, 'maxResults'),
      };
      jobs.set(`${projectId}/${job.jobId}`, job);
      if (job.pendingPolls > 0) {
        job.pendingPolls -= 1;
        return pending(job, 'bigquery#queryResponse');
      }
      const int64 =
        (body.formatOptions as { useInt64Timestamp?: unknown } | undefined)?.useInt64Timestamp === true;
      return page(job, 'bigquery#queryResponse', { offset: 0, size: job.firstPageRows ?? pageRows, int64 });
    },

    queryResults(projectId, jobId, query) {
      const job = jobs.get(`${projectId}/${jobId}`);
      const asked = query.location ?? 'US';
      if (job === undefined || job.location.toUpperCase() !== asked.toUpperCase()) {
        throw new BigQueryError(404, 'notFound', `Not found: Job ${projectId}:${asked}.${jobId}`);
      }
      if (job.pendingPolls > 0) {
        job.pendingPolls -= 1;
        return pending(job, 'bigquery#getQueryResultsResponse');
      }
      const offset =
        query.pageToken === undefined ? Number(query.startIndex ?? 0) : readPageToken(query.pageToken, job);
      const size = positiveInteger(query.maxResults, 'maxResults');
      const int64 = query['formatOptions.useInt64Timestamp'] === 'true';
      return page(job, 'bigquery#getQueryResultsResponse', { offset, size: size ?? pageRows, int64 });
    },
  };
}

function pending(job: Job, kind: string): object {
  return { kind, etag: `"${job.jobId}-pending"`, jobReference: reference(job), jobComplete: false };
}

function reference(job: Job) {
  return { projectId: job.projectId, jobId: job.jobId, location: job.location };
}

function withExtraColumn(
  result: QueryResult,
  extra: { name: string; value: string } | undefined,
): QueryResult {
  if (extra === undefined) return result;
  return {
    fields: [...result.fields, { name: extra.name, type: 'STRING', mode: 'NULLABLE' }],
    rows: result.rows.map((row) => ({ f: [...row.f, { v: extra.value }] })),
  };
}

function readPageToken(token: string, job: Job): number {
  const [jobId, offset] = Buffer.from(token, 'base64url').toString().split(':');
  if (jobId !== job.jobId || offset === undefined || !/^\d+$/.test(offset)) {
    throw new BigQueryError(400, 'invalid', `Invalid page token: ${token}`);
  }
  return Number(offset);
}

function positiveInteger(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new BigQueryError(400, 'invalid', `Invalid value for ${name}: ${String(value)}`);
  }
  return number;
}

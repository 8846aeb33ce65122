import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../listen-on-loopback.js';
import { BigQueryError } from './bigquery-error.js';
import type { BillingExportRow } from './billing-export-row.js';
import { createQueryJobs } from './query-jobs.js';
import { SIM_BILLING_TABLE } from './vertex-billing-rows.js';

export interface BigQuerySimOptions {
  /** The simulator's clock, UTC epoch seconds: rows with a later `export_time` are not exported yet. */
  now: () => number;
  /** `project.dataset.table` of the export; other tables answer 404. */
  table?: string;
  /** The dataset's location; a job in another location does not find the table. */
  location?: string;
  /**
   * How many `jobComplete: false` answers (jobs.query's included) query number `n` (1-based)
   * gives before its results; by default every second query is still running on its first answer.
   */
  pendingPolls?: (queryNumber: number) => number;
  /** Rows per page when a request names no `maxResults`. */
  pageRows?: number;
  host?: string;
  port?: number;
}

/** One request as the simulator saw it. */
export interface BigQuerySimCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: Record<string, unknown>;
  authorization?: string;
  status: number;
}

/** Failures the next requests meet. */
export interface BigQuerySimFaults {
  /** From now on jobs.query answers 403: `jobs` lacks bigquery.jobs.create, `table` lacks read access. */
  deny(kind: 'jobs' | 'table'): void;
  allow(): void;
  /** The next `count` requests get 503 `backendError`. */
  serverError(count: number): void;
  /** From now on every result carries one more STRING column the query did not ask for. */
  extraColumn(name: string, value: string): void;
}

export interface BigQuerySim {
  /** The origin to pass as `apiEndpoint`; the SDK appends `/bigquery/v2/…`. */
  url: string;
  table: string;
  calls: BigQuerySimCall[];
  faults: BigQuerySimFaults;
  close(): Promise<void>;
}

const QUERIES = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/;
const QUERY_RESULTS = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/;

/**
 * Starts a loopback fake of the BigQuery REST API serving a billing export table over `rows`
 * (read on every query, so a test may restate rows between passes): `jobs.query` and
 * `jobs.getQueryResults` with `jobComplete: false` polling, `maxResults`/`pageToken` paging and
 * rows in the `f`/`v` encoding, Google's JSON errors.
 */
export async function startBigQuerySim(
  rows: BillingExportRow[],
  {
    now,
    table = SIM_BILLING_TABLE,
    location = 'US',
    pendingPolls = (queryNumber) => (queryNumber % 2 === 0 ? 1 : 0),
    pageRows = 5_000,
    host = '127.0.0.1',
    port = 0,
  }: BigQuerySimOptions,
): Promise<BigQuerySim> {
  const calls: BigQuerySimCall[] = [];
  const state = { denied: undefined as 'jobs' | 'table' | undefined, serverErrors: 0 };
  let extraColumn: { name: string; value: string } | undefined;
  const jobs = createQueryJobs({
    rows,
    now,
    table: { name: table, location },
    pendingPolls,
    pageRows,
    denied: () => state.denied,
    extraColumn: () => extraColumn,
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const text = await readBody(request);
    const call: BigQuerySimCall = { method, path: url.pathname, query, status: 200 };
    if (request.headers.authorization !== undefined) call.authorization = request.headers.authorization;
    calls.push(call);
    try {
      if (state.serverErrors > 0) {
        state.serverErrors -= 1;
        throw new BigQueryError(503, 'backendError', 'Backend error. Please try again.');
      }
      if (!/^Bearer \S+/.test(request.headers.authorization ?? '')) {
        throw new BigQueryError(
          401,
          'required',
          'Request is missing required authentication credential. Expected OAuth 2 access token.',
        );
      }
      const queries = QUERIES.exec(url.pathname);
      const results = QUERY_RESULTS.exec(url.pathname);
      if (method === 'POST' && queries?.[1]) {
        const body = parseJson(text);
        call.body = body;
        send(response, 200, jobs.startQuery(decodeURIComponent(queries[1]), body));
      } else if (method === 'GET' && results?.[1] && results[2]) {
        send(
          response,
          200,
          jobs.queryResults(decodeURIComponent(results[1]), decodeURIComponent(results[2]), query),
        );
      } else {
        throw new BigQueryError(404, 'notFound', `Not found: ${method} ${url.pathname}`);
      }
    } catch (error) {
      const failure =
        error instanceof BigQueryError
          ? error
          : new BigQueryError(500, 'internalError', `simulator failure: ${String(error)}`);
      call.status = failure.code;
      send(response, failure.code, failure.body());
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const address = await listenOnLoopback(server, host, port);
  return {
    url: address.origin,
    table,
    calls,
    faults: {
      deny(kind) {
        state.denied = kind;
      },
      allow() {
        state.denied = undefined;
      },
      serverError(count) {
        state.serverErrors = count;
      },
      extraColumn(name, value) {
        extraColumn = { name, value };
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new BigQueryError(400, 'parseError', 'Invalid JSON payload received.');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

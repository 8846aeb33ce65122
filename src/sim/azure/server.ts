import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';
import { AZURE_WORKLOADS, type AzureWorkload } from '../scenario/azure/azure-workloads.js';
import { azureCostLines } from './cost-lines.js';
import { metricsJson } from './metrics-json.js';
import { AzureSimError, queryDays, runCostQuery } from './run-cost-query.js';

export interface AzureSimOptions {
  /** The clock (UTC epoch seconds): hours after it have no data yet. */
  now: number | (() => number);
  workloads?: readonly AzureWorkload[];
  /** Rows per Cost Management page before a `nextLink` (default 1000). */
  pageRows?: number;
  host?: string;
  port?: number;
}

/** One request as the simulator saw it. */
export interface AzureSimCall {
  method: string;
  route: 'query' | 'metrics' | 'other';
  /** Path after double slashes are collapsed. */
  path: string;
  params: Record<string, string>;
  body: unknown;
  status: number;
}

/** A canned answer for the next request of a route (403, 429 with retry-after headers, a bad shape). */
export interface AzureSimFault {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface AzureSim {
  /** `http://127.0.0.1:PORT`: the ARM endpoint for both SDKs. */
  url: string;
  calls: AzureSimCall[];
  /** Queues `fault` as the answer of the next request to `route`. */
  failNext(route: 'query' | 'metrics', fault: AzureSimFault): void;
  close(): Promise<void>;
}

const QUERY_PATH = /^\/(.+)\/providers\/microsoft\.costmanagement\/query$/i;
const METRICS_PATH = /^(\/.+)\/providers\/microsoft\.insights\/metrics$/i;

/**
 * A loopback fake of the two ARM APIs the Azure collector reads: the Cost Management Query API
 * (POST, `nextLink` paging with `$skiptoken`) and Azure Monitor metrics (GET) for the accounts
 * of `workloads`. Every request must carry `Authorization: Bearer` and an `api-version`.
 */
export async function startAzureSim(options: AzureSimOptions): Promise<AzureSim> {
  const workloads = options.workloads ?? AZURE_WORKLOADS;
  const pageRows = options.pageRows ?? 1_000;
  const clock = typeof options.now === 'function' ? options.now : () => options.now as number;
  const calls: AzureSimCall[] = [];
  const faults: Record<'query' | 'metrics', AzureSimFault[]> = { query: [], metrics: [] };
  const subscriptions = new Set(workloads.map((workload) => workload.subscriptionId.toLowerCase()));
  let origin = '';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // `//subscriptions/...` would parse as a host: collapse slashes before parsing.
    const url = new URL((request.url ?? '/').replace(/^\/{2,}/, '/'), 'http://sim');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const params = Object.fromEntries(url.searchParams);
    const text = await readBody(request);
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const route = QUERY_PATH.test(path) ? 'query' : METRICS_PATH.test(path) ? 'metrics' : 'other';
    const call: AzureSimCall = { method: request.method ?? '', route, path, params, body, status: 200 };
    calls.push(call);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    try {
      if (!/^Bearer \S+/.test(request.headers.authorization ?? '')) {
        throw new AzureSimError(401, 'AuthenticationFailed', 'missing bearer token');
      }
      if (!params['api-version']) throw new AzureSimError(400, 'MissingApiVersionParameter', 'api-version');
      if (route === 'other') throw new AzureSimError(404, 'NotFound', `no route ${path}`);
      const fault = faults[route].shift();
      if (fault) return send(fault.status, fault.body, fault.headers);
      if (route === 'metrics') {
        if (request.method !== 'GET') throw new AzureSimError(405, 'MethodNotAllowed', 'GET only');
        const resourceId = METRICS_PATH.exec(path)?.[1] ?? '';
        return send(200, metricsJson(resourceId, url.searchParams, { workloads, now: clock() }));
      }
      if (request.method !== 'POST') throw new AzureSimError(405, 'MethodNotAllowed', 'POST only');
      const scope = QUERY_PATH.exec(path)?.[1] ?? '';
      const subscription = /^subscriptions\/([^/]+)/i.exec(scope)?.[1]?.toLowerCase();
      if (subscription === undefined || !subscriptions.has(subscription)) {
        throw new AzureSimError(404, 'SubscriptionNotFound', `scope ${scope} not found`);
      }
      const days = queryDays(body);
      const lines = azureCostLines(
        workloads.filter((workload) => workload.subscriptionId.toLowerCase() === subscription),
        { ...days, now: clock() },
      );
      const result = runCostQuery(body, lines);
      const skip = Number(params.$skiptoken ?? '0');
      const rows = result.rows.slice(skip, skip + pageRows);
      const more = skip + pageRows < result.rows.length;
      const next = new URL(`${origin}/${scope}/providers/Microsoft.CostManagement/query`);
      next.searchParams.set('api-version', params['api-version']);
      next.searchParams.set('$skiptoken', String(skip + pageRows));
      return send(200, {
        id: `/${scope}/providers/Microsoft.CostManagement/query/sim`,
        name: 'sim',
        type: 'Microsoft.CostManagement/query',
        properties: { nextLink: more ? next.toString() : null, columns: result.columns, rows },
      });
    } catch (error) {
      if (error instanceof AzureSimError) {
        return send(error.status, { error: { code: error.code, message: error.message } }, error.headers);
      }
      return send(500, { error: { code: 'InternalServerError', message: String(error) } });
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const listening = await listenOnLoopback(server, options.host ?? '127.0.0.1', options.port ?? 0);
  origin = listening.origin;
  return {
    url: origin,
    calls,
    failNext: (route, fault) => faults[route].push(fault),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';
import type { AnthropicCostRecord, AnthropicUsageRecord, Scenario } from '../scenario-types.js';
import { buildCostReport, COST_REPORT } from './cost-report.js';
import { type AnthropicSimulatorFaults, createFaultQueue, type Fault } from './fault-queue.js';
import { InvalidReportRequest, parseReportQuery } from './report-query.js';
import { buildUsageReport, USAGE_REPORT } from './usage-report.js';

export interface AnthropicSimulatorOptions {
  /** The records served; only those inside `[start, end)` are visible. `end` is the default `ending_at`. */
  scenario: Pick<Scenario, 'start' | 'end' | 'anthropic'>;
  /** The one Admin key accepted, as `x-api-key` or `Authorization: Bearer`. */
  adminKey?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** One request as received, in arrival order. `query` keeps the raw names (`group_by[]`). */
export interface SimulatedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

/** A loopback fake of Anthropic's legacy Usage & Cost Admin API. */
export interface AnthropicSimulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:49152`: the SDK's `baseURL`. */
  url: string;
  close(): Promise<void>;
  requests: SimulatedRequest[];
  faults: AnthropicSimulatorFaults;
}

const USAGE_PATH = '/v1/organizations/usage_report/messages';
const COST_PATH = '/v1/organizations/cost_report';
const API_VERSIONS = ['2023-06-01', '2026-10-21'];

export async function startAnthropicSimulator({
  scenario,
  adminKey = 'sk-ant-admin01-sim',
  host = '127.0.0.1',
  port = 0,
}: AnthropicSimulatorOptions): Promise<AnthropicSimulator> {
  const usageByHour = indexBy(
    scenario.anthropic.usage.filter((r) => r.hourStart >= scenario.start && r.hourStart < scenario.end),
    (r: AnthropicUsageRecord) => r.hourStart,
  );
  const costsByDay = indexBy(
    scenario.anthropic.costs.filter((r) => r.day + 86_400 > scenario.start && r.day < scenario.end),
    (r: AnthropicCostRecord) => r.day,
  );
  const requests: SimulatedRequest[] = [];
  const faultQueue = createFaultQueue();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname.replace(/\/{2,}/g, '/');
    requests.push({ method: req.method ?? 'GET', path, query: url.searchParams });
    const fault = faultQueue.next();
    if (fault) return sendFault(res, fault);
    if (faultQueue.revoked() || presentedKey(req) !== adminKey) {
      return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
    }
    const version = req.headers['anthropic-version'];
    if (typeof version !== 'string' || !API_VERSIONS.includes(version)) {
      return sendError(
        res,
        400,
        'invalid_request_error',
        'anthropic-version: header is required and must be valid',
      );
    }
    const report = path === USAGE_PATH ? 'usage' : path === COST_PATH ? 'cost' : null;
    if (req.method !== 'GET' || report === null) {
      return sendError(res, 404, 'not_found_error', `Not found: ${req.method} ${path}`);
    }
    try {
      const body =
        report === 'usage'
          ? buildUsageReport(usageByHour, parseReportQuery(url.searchParams, USAGE_REPORT, scenario.end))
          : buildCostReport(costsByDay, parseReportQuery(url.searchParams, COST_REPORT, scenario.end));
      return sendJson(res, 200, body);
    } catch (error) {
      if (error instanceof InvalidReportRequest) {
        return sendError(res, 400, 'invalid_request_error', error.message);
      }
      return sendError(res, 500, 'api_error', String(error));
    }
  };

  const server = createServer(handle);
  const address = await listenOnLoopback(server, host, port);
  return {
    url: address.origin,
    requests,
    faults: faultQueue.faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function presentedKey(req: IncomingMessage): string | undefined {
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  const authorization = req.headers.authorization;
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
}

function sendFault(res: ServerResponse, fault: Fault) {
  switch (fault.kind) {
    case 'rate_limit':
      res.setHeader('retry-after', String(fault.retryAfterSeconds));
      return sendError(res, 429, 'rate_limit_error', 'Number of requests has exceeded your rate limit');
    case 'server_error':
      return sendError(res, 500, 'api_error', 'Internal server error');
    case 'malformed':
      if (fault.shape === 'wrong_shape') return sendJson(res, 200, { data: 'unavailable', has_more: false });
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"data":[{"starting_at":');
  }
}

function sendError(res: ServerResponse, status: number, type: string, message: string) {
  sendJson(res, status, { type: 'error', error: { type, message } });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_sim' });
  res.end(JSON.stringify(body));
}

function indexBy<T>(records: T[], keyOf: (record: T) => number): Map<number, T[]> {
  const index = new Map<number, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    const bucket = index.get(key);
    if (bucket) bucket.push(record);
    else index.set(key, [record]);
  }
  return index;
}

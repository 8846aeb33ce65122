import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';
import type { Scenario } from '../scenario-types.js';
import { InvalidParamError, type QueryValues, readQuery } from './bucket-query.js';
import { costsPage } from './costs-page.js';
import { usagePage } from './usage-page.js';

export interface OpenAiSimulatorOptions {
  /** Read on every request, so records pushed after start are served. */
  scenario: Pick<Scenario, 'openai'>;
  adminKey?: string;
  host?: string;
  port?: number;
  /** Clock used when a request has no `end_time`, UTC epoch seconds. */
  now?: () => number;
}

/** One request as the simulator saw it; `query` lists values by name with any `[]` suffix removed. */
export interface SimulatedRequest {
  method: string;
  path: string;
  query: QueryValues;
}

/** Failures the next requests meet, in this order of precedence: rate limit, server error, malformed body. */
export interface OpenAiFaults {
  /** The next `count` requests get 429 with `retry-after: retryAfterSeconds`. */
  rateLimit(count: number, retryAfterSeconds: number): void;
  /** The next `count` requests get 500. */
  serverError(count: number): void;
  /** The next `count` successful answers are broken: cut-off JSON, or valid JSON of the wrong shape. */
  malformed(count: number, kind?: 'truncated' | 'wrong-shape'): void;
  /** From now on the admin key is refused with 401. */
  revokeKey(): void;
}

export interface OpenAiSimulator {
  /** Base URL including `/v1`, as the SDK's `baseURL` wants it. */
  url: string;
  close(): Promise<void>;
  requests: SimulatedRequest[];
  faults: OpenAiFaults;
}

/** Starts a loopback server speaking OpenAI's organization usage and costs API over `scenario`. */
export async function startOpenAiSimulator({
  scenario,
  adminKey = 'sk-admin-sim',
  host = '127.0.0.1',
  port = 0,
  now = () => Math.floor(Date.now() / 1000),
}: OpenAiSimulatorOptions): Promise<OpenAiSimulator> {
  const requests: SimulatedRequest[] = [];
  const pending = { rateLimit: 0, retryAfterSeconds: 0, serverError: 0, malformed: 0 };
  let malformedKind: 'truncated' | 'wrong-shape' = 'truncated';
  let revoked = false;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const query = readQuery(url.searchParams);
    const method = request.method ?? 'GET';
    requests.push({ method, path: url.pathname, query });
    if (pending.rateLimit > 0) {
      pending.rateLimit -= 1;
      response.setHeader('retry-after', String(pending.retryAfterSeconds));
      sendError(
        response,
        429,
        'Rate limit reached for requests. Please try again later.',
        'requests',
        'rate_limit_exceeded',
      );
      return;
    }
    if (pending.serverError > 0) {
      pending.serverError -= 1;
      sendError(
        response,
        500,
        'The server had an error while processing your request.',
        'server_error',
        null,
      );
      return;
    }
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      sendError(response, 401, "You didn't provide an API key.", 'invalid_request_error', 'invalid_api_key');
      return;
    }
    if (revoked || authorization !== `Bearer ${adminKey}`) {
      const shown = authorization.replace(/^Bearer\s+/i, '').slice(-4);
      const message = `Incorrect API key provided: ***${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`;
      sendError(response, 401, message, 'invalid_request_error', 'invalid_api_key');
      return;
    }
    const route = ROUTES.get(url.pathname.replace(/\/+$/, ''));
    if (route === undefined || method !== 'GET') {
      sendError(response, 404, `Invalid URL (${method} ${url.pathname})`, 'invalid_request_error', null);
      return;
    }
    let body: object;
    try {
      body = route(scenario, query, now());
    } catch (error) {
      if (!(error instanceof InvalidParamError)) throw error;
      sendError(response, 400, error.message, 'invalid_request_error', null, error.param);
      return;
    }
    if (pending.malformed > 0) {
      pending.malformed -= 1;
      const text =
        malformedKind === 'truncated'
          ? JSON.stringify(body).slice(0, 40)
          : JSON.stringify({ object: 'page', data: 'not-a-list', has_more: false, next_page: null });
      send(response, 200, text);
      return;
    }
    send(response, 200, JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      sendError(response, 500, `simulator failure: ${String(error)}`, 'server_error', null);
    }
  });
  const address = await listenOnLoopback(server, host, port);

  return {
    url: `${address.origin}/v1`,
    requests,
    faults: {
      rateLimit(count, retryAfterSeconds) {
        pending.rateLimit = count;
        pending.retryAfterSeconds = retryAfterSeconds;
      },
      serverError(count) {
        pending.serverError = count;
      },
      malformed(count, kind = 'truncated') {
        pending.malformed = count;
        malformedKind = kind;
      },
      revokeKey() {
        revoked = true;
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

type Route = (scenario: Pick<Scenario, 'openai'>, query: QueryValues, now: number) => object;

const ROUTES = new Map<string, Route>([
  [
    '/v1/organization/usage/completions',
    (scenario, query, now) => usagePage(scenario.openai.usage, query, now),
  ],
  ['/v1/organization/costs', (scenario, query, now) => costsPage(scenario.openai.costs, query, now)],
]);

function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): void {
  send(response, status, JSON.stringify({ error: { message, type, param, code } }));
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

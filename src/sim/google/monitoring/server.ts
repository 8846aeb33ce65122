import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { decodeRequestToken, encodeRequestToken } from '../../aws/request-token.js';
import { listenOnLoopback } from '../../listen-on-loopback.js';
import { VERTEX_WORKLOADS, type VertexWorkload } from '../../scenario/vertex/vertex-workloads.js';
import { aggregateSeries } from './aggregate-series.js';
import { GoogleApiError, type ListRequest, parseListRequest } from './list-request.js';
import { PUBLISHER_MODEL, publisherSeries } from './publisher-series.js';
import { quotaInfosOf } from './quota-infos-json.js';
import { timeSeriesJson } from './time-series-json.js';

export interface MonitoringSimOptions {
  /** The clock (UTC epoch seconds): minutes that end after it have no data yet. */
  now: number | (() => number);
  /** Default: the demo company's `VERTEX_WORKLOADS`; their projects are the ones that exist. */
  workloads?: readonly VertexWorkload[];
  host?: string;
  port?: number;
}

/** One request as the simulator saw it. */
export interface MonitoringCall {
  method: string;
  path: string;
  project: string;
  /** Query parameters by name, repeated ones in order. */
  params: Record<string, string[]>;
  status: number;
}

/** Answers the next requests differently. */
export interface MonitoringFaults {
  /** From now on the project answers 403 PERMISSION_DENIED. */
  forbid(project: string): void;
  /**
   * The next `count` successful answers are broken: the first point loses its `interval`
   * (`missing-interval`), or `timeSeries` is not a list (`not-a-list`).
   */
  malformed(count: number, kind: 'missing-interval' | 'not-a-list'): void;
  /** The next `count` requests get 503 UNAVAILABLE. */
  unavailable(count: number): void;
}

export interface MonitoringSim {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  calls: MonitoringCall[];
  faults: MonitoringFaults;
  close(): Promise<void>;
}

const PATH = /^\/v3\/projects\/([^/]+)\/timeSeries$/;
/** Cloud Quotas `quotaInfos.list` of Vertex AI, served here too so one simulator stands for Google's signals. */
const QUOTA_INFOS_PATH =
  /^\/v1\/projects\/([^/]+)\/locations\/global\/services\/aiplatform\.googleapis\.com\/quotaInfos$/;
/** A page holds at most this many points, however many series `pageSize` allows. */
const MAX_POINTS_PER_PAGE = 100_000;

/**
 * A loopback Cloud Monitoring `projects.timeSeries.list` (v3 REST, as the client library's
 * `fallback: true` mode sends it) over Vertex AI's publisher-model metrics of `workloads`.
 */
export async function startMonitoringSim({
  now,
  workloads = VERTEX_WORKLOADS,
  host = '127.0.0.1',
  port = 0,
}: MonitoringSimOptions): Promise<MonitoringSim> {
  const clock = typeof now === 'number' ? () => now : now;
  const projects = new Set(workloads.map((workload) => workload.project));
  const forbidden = new Set<string>();
  const pending = { malformed: 0, unavailable: 0 };
  let malformedKind: 'missing-interval' | 'not-a-list' = 'missing-interval';
  const calls: MonitoringCall[] = [];

  const answer = (request: IncomingMessage, call: MonitoringCall, url: URL): Record<string, unknown> => {
    if (pending.unavailable > 0) {
      pending.unavailable -= 1;
      throw new GoogleApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    }
    const quotaPath = QUOTA_INFOS_PATH.exec(url.pathname);
    const path = PATH.exec(url.pathname) ?? quotaPath;
    if (path === null || call.method !== 'GET') {
      throw new GoogleApiError(
        404,
        'NOT_FOUND',
        `${call.method} ${url.pathname} is not a Cloud Monitoring or Cloud Quotas method`,
      );
    }
    const project = decodeURIComponent(path[1] ?? '');
    call.project = project;
    if (!/^Bearer \S+/.test(request.headers.authorization ?? '')) {
      throw new GoogleApiError(
        401,
        'UNAUTHENTICATED',
        'Request is missing required authentication credential. Expected OAuth 2 access token.',
      );
    }
    if (!projects.has(project) || forbidden.has(project)) {
      throw new GoogleApiError(
        403,
        'PERMISSION_DENIED',
        'Permission monitoring.timeSeries.list denied (or the resource may not exist).',
      );
    }
    if (quotaPath !== null) return { quotaInfos: quotaInfosOf(workloads, project), nextPageToken: '' };
    const list = parseListRequest(project, url.searchParams);
    const body = page(list, clock());
    if (pending.malformed > 0) {
      pending.malformed -= 1;
      return corrupt(body, malformedKind);
    }
    return body;
  };

  const page = (list: ListRequest, at: number): Record<string, unknown> => {
    const matches = list.resourceType === undefined || list.resourceType === PUBLISHER_MODEL;
    const raw = matches ? publisherSeries(workloads, { ...list, now: at }) : [];
    const series = aggregateSeries(raw, list);
    const tokenBody = { ...list.fingerprint, pageToken: list.pageToken };
    const offset = decodeRequestToken(tokenBody, 'pageToken');
    if (offset === 'foreign' || offset === 'changed' || offset > series.length) {
      throw new GoogleApiError(400, 'INVALID_ARGUMENT', 'Field pageToken had an invalid value.');
    }
    let end = offset;
    let points = 0;
    while (end < series.length && end - offset < list.pageSize) {
      const next = series[end]?.points.length ?? 0;
      if (end > offset && points + next > MAX_POINTS_PER_PAGE) break;
      points += next;
      end += 1;
    }
    const options = { intEnums: list.intEnums, headersOnly: list.headersOnly };
    return {
      timeSeries: series.slice(offset, end).map((one) => timeSeriesJson(one, options)),
      nextPageToken: end < series.length ? encodeRequestToken(end, list.fingerprint, 'pageToken') : '',
      unit: series[0]?.unit ?? '',
      executionErrors: [],
    };
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const params: Record<string, string[]> = {};
    for (const name of new Set(url.searchParams.keys())) params[name] = url.searchParams.getAll(name);
    const call: MonitoringCall = {
      method: request.method ?? 'GET',
      path: url.pathname,
      project: '',
      params,
      status: 0,
    };
    calls.push(call);
    request.resume();
    request.on('end', () => {
      try {
        const body = answer(request, call, url);
        call.status = 200;
        send(response, 200, JSON.stringify(body));
      } catch (error) {
        const google =
          error instanceof GoogleApiError
            ? error
            : new GoogleApiError(500, 'INTERNAL', `simulator failure: ${String(error)}`);
        call.status = google.code;
        send(
          response,
          google.code,
          JSON.stringify({ error: { code: google.code, message: google.message, status: google.status } }),
        );
      }
    });
  });
  const address = await listenOnLoopback(server, host, port);
  return {
    url: address.origin,
    port: address.port,
    calls,
    faults: {
      forbid: (project) => forbidden.add(project),
      malformed(count, kind) {
        pending.malformed = count;
        malformedKind = kind;
      },
      unavailable(count) {
        pending.unavailable = count;
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function corrupt(
  body: Record<string, unknown>,
  kind: 'missing-interval' | 'not-a-list',
): Record<string, unknown> {
  if (kind === 'not-a-list') return { ...body, timeSeries: 'not-a-list' };
  const [first, ...rest] = (body.timeSeries as Array<{ points?: Array<Record<string, unknown>> }>) ?? [];
  if (first?.points?.[0] === undefined) return body;
  const [point, ...others] = first.points;
  const { interval: _, ...withoutInterval } = point ?? {};
  return { ...body, timeSeries: [{ ...first, points: [withoutInterval, ...others] }, ...rest] };
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

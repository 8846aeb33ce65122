import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushMetricsSummary } from './push-metrics.js';
import type { MetricFormat } from './read-metric-records.js';

/** A pushed body larger than this is refused (413): about 10,000 CSV rows. */
export const MAX_METRICS_BYTES = 1024 * 1024;

export interface MetricsRouteOptions {
  /** `AI_SPEND_METRICS_TOKEN`; without one every request is refused. */
  token: string | undefined;
  /** Stores the rows (the app's `pushMetrics`). */
  push: (text: string, format?: MetricFormat) => PushMetricsSummary;
  maxBytes?: number;
}

/**
 * `POST /api/metrics` for pipelines, shaped as a Bolt custom route: a bearer token (compared in
 * constant time), a size-limited CSV or JSON body (`Content-Type: text/csv` or `application/json`,
 * else guessed), and a JSON reply: 200 when every row was stored, 207 when some were rejected,
 * 400 when none could be, each rejected row with its reason.
 */
export function metricsRoute({ token, push, maxBytes = MAX_METRICS_BYTES }: MetricsRouteOptions) {
  return {
    path: '/api/metrics',
    method: ['POST'],
    handler: (req: IncomingMessage, res: ServerResponse): void => {
      void handle(req, res).catch(() => reply(res, 500, { error: 'the metrics could not be stored' }));
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req.headers.authorization, token)) {
      req.resume();
      res.setHeader('WWW-Authenticate', 'Bearer');
      reply(res, 401, { error: 'missing or wrong bearer token (AI_SPEND_METRICS_TOKEN)' });
      return;
    }
    const body = await readBody(req, maxBytes);
    if (body === undefined) {
      reply(res, 413, { error: `the body is larger than ${maxBytes} bytes: push fewer rows at a time` });
      return;
    }
    const summary = push(body, formatOf(req.headers['content-type']));
    if (summary.error !== undefined) {
      reply(res, 400, { accepted: 0, rejected: [], error: summary.error });
      return;
    }
    const status = summary.rejected.length === 0 ? 200 : summary.accepted > 0 ? 207 : 400;
    reply(res, status, { accepted: summary.accepted, rejected: summary.rejected });
  }
}

/** Constant-time comparison of SHA-256 digests, so neither the token nor its length leaks. */
function authorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined || token === '' || header === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

function formatOf(contentType: string | undefined): MetricFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/csv') return 'csv';
  return undefined;
}

/** The body as UTF-8 text, or `undefined` once it passes `maxBytes` (the rest is drained, not kept). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) tooLarge = true;
    if (!tooLarge) chunks.push(buffer);
  }
  return tooLarge ? undefined : Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

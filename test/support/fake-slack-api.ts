import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the fake received. */
export interface FakeSlackCall {
  /**
   * The Web API method (`chat.postMessage`), `response` for a POST to a response_url, `upload` for
   * file bytes POSTed to an `upload_url` from files.getUploadURLExternal, or `socket` for a message
   * the app sent over the Socket Mode WebSocket (an acknowledgement).
   */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form fields with the JSON-encoded ones (`blocks`, `view`) parsed, or the JSON body. */
  body: Record<string, unknown>;
  raw: string;
}

/** A failure served instead of the normal answer, for the next `count` matching calls. */
export interface FakeSlackFailure {
  status: 429 | 500;
  count?: number;
  /** Seconds for the `Retry-After` header of a 429; default 0. */
  retryAfterSeconds?: number;
  /** Only calls to this method (or `response`); default every call. */
  method?: string;
}

export interface FakeSlackApi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The Web API base for `slackApiUrl`: `http://127.0.0.1:<port>/api/` */
  apiUrl: string;
  calls: FakeSlackCall[];
  /** The bytes POSTed to each `upload_url`, by file id (`F0001`). */
  uploads: Map<string, Buffer>;
  /** A response_url on this fake: `http://127.0.0.1:<port>/response/<id>`. */
  responseUrl(id: string): string;
  failNext(failure: FakeSlackFailure): void;
  /**
   * Sends a Socket Mode envelope (`{ envelope_id, type: 'slash_commands', payload, ... }`) to every
   * app connected through `apps.connections.open`; resolves once one is connected.
   */
  sendEnvelope(envelope: Record<string, unknown>): Promise<void>;
  /** Replaces the answer of one Web API method, e.g. `{ ok: false, error: 'invalid_auth' }`. */
  answer(method: string, body: Record<string, unknown>): void;
  /** The first call to `method` matching `where`, waiting for it when it has not come yet. */
  waitFor(
    method: string,
    where?: (call: FakeSlackCall) => boolean,
    timeoutMillis?: number,
  ): Promise<FakeSlackCall>;
  close(): Promise<void>;
}

export const FAKE_BOT = { teamId: 'T0ACME', userId: 'U0AISPEND', botId: 'B0AISPEND' } as const;

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata', 'files']);

/** A loopback fake of the Slack Web API and of response_urls, recording every call. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: FakeSlackCall[] = [];
  const failures: Array<Required<Omit<FakeSlackFailure, 'method'>> & { method?: string }> = [];
  const overrides = new Map<string, Record<string, unknown>>();
  const waiters: Array<{
    method: string;
    where: (call: FakeSlackCall) => boolean;
    resolve: (call: FakeSlackCall) => void;
  }> = [];
  const sockets = new Set<Socket>();
  const uploads = new Map<string, Buffer>();
  let fileCount = 0;
  let connected: () => void = () => {};
  const firstConnection = new Promise<void>((resolve) => {
    connected = resolve;
  });
  let ts = 1_700_000_000;
  const record = (call: FakeSlackCall) => {
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.method === call.method && waiter.where(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      const path = request.url ?? '/';
      const method = path.startsWith('/api/')
        ? (path.slice('/api/'.length).split('?')[0] ?? '')
        : path.startsWith('/upload/')
          ? 'upload'
          : 'response';
      const call: FakeSlackCall = {
        method,
        path,
        headers: request.headers,
        body: method === 'upload' ? {} : parseBody(raw, request.headers),
        raw,
      };
      record(call);
      const failure = failures.find((entry) => entry.method === undefined || entry.method === method);
      if (failure) {
        failure.count -= 1;
        if (failure.count <= 0) failures.splice(failures.indexOf(failure), 1);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (failure.status === 429) headers['retry-after'] = String(failure.retryAfterSeconds);
        response.writeHead(failure.status, headers);
        response.end(
          JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }),
        );
        return;
      }
      ts += 1;
      if (method === 'upload') {
        const fileId = path.slice('/upload/'.length);
        uploads.set(fileId, multipartFile(bytes, request.headers));
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`OK - ${uploads.get(fileId)?.length ?? 0}`);
        return;
      }
      if (method === 'files.getUploadURLExternal' && !overrides.has(method)) fileCount += 1;
      const fileId = `F${String(fileCount).padStart(4, '0')}`;
      const body =
        overrides.get(method) ??
        (method === 'apps.connections.open'
          ? { ok: true, url: `${url.replace('http:', 'ws:')}/socket` }
          : method === 'files.getUploadURLExternal'
            ? { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId }
            : okAnswer(method, call.body, `${ts}.000100`));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  // Socket Mode: a bare WebSocket (RFC 6455) that says hello, answers pings and records messages.
  server.on('upgrade', (request, socket: Socket) => {
    const accept = createHash('sha1')
      .update(`${request.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const { opcode, payload } of frames) {
        if (opcode === 0x1) {
          const raw = payload.toString('utf8');
          record({ method: 'socket', path: '/socket', headers: request.headers, body: JSON.parse(raw), raw });
        } else if (opcode === 0x9) {
          socket.write(frame(0xa, payload));
        } else if (opcode === 0x8) {
          socket.end(frame(0x8, Buffer.alloc(0)));
        }
      }
    });
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1 }))));
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    uploads,
    responseUrl: (id) => `${url}/response/${id}`,
    failNext: ({ status, count = 1, retryAfterSeconds = 0, method }) => {
      failures.push({ status, count, retryAfterSeconds, ...(method ? { method } : {}) });
    },
    sendEnvelope: async (envelope) => {
      await firstConnection;
      for (const socket of sockets) socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
    },
    answer: (method, body) => {
      overrides.set(method, body);
    },
    waitFor: (method, where = () => true, timeoutMillis = 5000) => {
      const seen = calls.find((call) => call.method === method && where(call));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${method} call within ${timeoutMillis} ms`)),
          timeoutMillis,
        );
        waiters.push({
          method,
          where,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        });
      });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Complete frames in `buffer` (unmasked), and the bytes of an incomplete last one. */
function readFrames(buffer: Buffer): { frames: Array<{ opcode: number; payload: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const second = buffer[offset + 1] ?? 0;
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - offset < 4) break;
      length = buffer.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - offset < 10) break;
      length = Number(buffer.readBigUInt64BE(offset + 2));
      header = 10;
    }
    const maskLength = second & 0x80 ? 4 : 0;
    const total = header + maskLength + length;
    if (buffer.length - offset < total) break;
    const mask = buffer.subarray(offset + header, offset + header + maskLength);
    const payload = Buffer.from(buffer.subarray(offset + total - length, offset + total));
    if (maskLength > 0)
      for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    frames.push({ opcode: (buffer[offset] ?? 0) & 0x0f, payload });
    offset += total;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/** One unfragmented, unmasked server frame. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** The first part of a `multipart/form-data` body (the client sends the file as one part), else the body. */
function multipartFile(body: Buffer, headers: IncomingHttpHeaders): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(headers['content-type'] ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) return body;
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${marker}`));
  const end = body.indexOf(`\r\n--${marker}`, start);
  return start < 0 || end < 0 ? body : Buffer.from(body.subarray(start + 4, end));
}

function parseBody(raw: string, headers: IncomingHttpHeaders): Record<string, unknown> {
  if (raw === '') return {};
  if ((headers['content-type'] ?? '').startsWith('application/json'))
    return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw))
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return body;
}

function okAnswer(method: string, body: Record<string, unknown>, ts: string): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://acme.slack.com/',
        team: 'Acme',
        user: 'ai-spend',
        team_id: FAKE_BOT.teamId,
        user_id: FAKE_BOT.userId,
        bot_id: FAKE_BOT.botId,
      };
    case 'chat.postMessage':
      return {
        ok: true,
        channel: body.channel,
        ts,
        message: { type: 'message', text: body.text, ts, bot_id: FAKE_BOT.botId, blocks: body.blocks },
      };
    case 'chat.update':
      return { ok: true, channel: body.channel, ts: body.ts, text: body.text, message: { text: body.text } };
    case 'conversations.open':
      // A deterministic DM id per user: U0SEARCHMGR → D0SEARCHMGR.
      return { ok: true, channel: { id: `D${String(body.users ?? body.channel ?? '').slice(1)}` } };
    case 'files.completeUploadExternal':
      return {
        ok: true,
        files: ((body.files ?? []) as Array<{ id: string; title?: string }>).map(({ id, title }) => ({
          id,
          title,
          shares: {},
        })),
      };
    case 'views.publish':
      return { ok: true, view: { id: 'V0HOME', type: 'home', hash: ts, ...(body.view as object) } };
    case 'views.open':
      return { ok: true, view: { id: 'V0MODAL', hash: ts, ...(body.view as object) } };
    case 'response':
      return { ok: true };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

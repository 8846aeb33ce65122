import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Bot Framework connector received. */
export interface FakeConnectorCall {
  method: string;
  /** The path with conversation and activity ids URL-decoded: `/v3/conversations/19:abc@thread.tacv2/activities`. */
  path: string;
  body: Record<string, unknown>;
  /** The status the fake answered. */
  status: number;
}

/** A failure served instead of the normal answer for the next `count` requests. */
export interface FakeConnectorFailure {
  status: number;
  count: number;
  /** `Retry-After` header in seconds. */
  retryAfterSeconds?: number;
}

export interface FakeBotConnector {
  /** The `serviceUrl` to put in activities: `http://127.0.0.1:<port>/amer/`. */
  serviceUrl: string;
  calls: FakeConnectorCall[];
  /** The calls that created or changed an activity and were accepted. */
  delivered(): FakeConnectorCall[];
  failNext(failure: FakeConnectorFailure): void;
  close(): Promise<void>;
}

/**
 * A loopback fake of the Bot Connector REST API (`/v3/conversations/...`) as the Teams channel
 * serves it: POST and PUT of activities answer `{"id":"act-N"}`, in order.
 */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: FakeConnectorCall[] = [];
  const failures: FakeConnectorFailure[] = [];
  let next = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
      const path = (request.url ?? '/')
        .split('?')[0]
        ?.replace(/^\/amer/, '')
        .split('/')
        .map(decodeURIComponent)
        .join('/') as string;
      const failure = failures[0];
      if (failure !== undefined) {
        failure.count -= 1;
        if (failure.count <= 0) failures.shift();
        calls.push({ method: request.method ?? 'GET', path, body, status: failure.status });
        response.writeHead(failure.status, {
          'content-type': 'application/json',
          ...(failure.retryAfterSeconds === undefined
            ? {}
            : { 'retry-after': String(failure.retryAfterSeconds) }),
        });
        response.end(JSON.stringify({ error: { code: 'Throttled', message: 'try later' } }));
        return;
      }
      calls.push({ method: request.method ?? 'GET', path, body, status: 200 });
      next += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `act-${next}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/amer/`,
    calls,
    delivered: () => calls.filter((call) => call.status === 200 && ['POST', 'PUT'].includes(call.method)),
    failNext: (failure) => failures.push({ ...failure }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

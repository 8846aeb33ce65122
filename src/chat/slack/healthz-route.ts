import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';

/** `GET /healthz` → 200 `{"ok":true}`: the process is up and its HTTP server answers. */
export const healthzRoute: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_request, response) => answerHealthy(response),
};

/** A running `/healthz`-only server. */
export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` alone, for Socket Mode where no Slack traffic comes over HTTP. Bolt's own
 * Socket Mode server would do it too, but it does not report its port or a failure to listen.
 */
export async function startHealthServer({
  port,
  host,
}: {
  port: number;
  host?: string;
}): Promise<HealthServer> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/healthz') return answerHealthy(response);
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(host === undefined ? { port } : { port, host }, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answerHealthy(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
}

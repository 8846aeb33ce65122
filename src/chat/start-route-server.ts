import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';

/** A running HTTP server for a few routes. */
export interface RouteServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `routes` (Bolt's `CustomRoute` shape, on raw node request/response) on one port, for when
 * Slack's HTTPReceiver is not the server (Socket Mode, or no Slack at all). Unknown paths get 404,
 * a known path with another method 405, and a handler that throws 500.
 */
export async function startRouteServer({
  port,
  host,
  routes,
}: {
  port: number;
  host?: string;
  routes: readonly CustomRoute[];
}): Promise<RouteServer> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0] ?? '/';
    const matching = routes.filter((route) => route.path === path);
    const method = request.method ?? 'GET';
    const route = matching.find((candidate) =>
      (Array.isArray(candidate.method) ? candidate.method : [candidate.method]).includes(method),
    );
    if (route === undefined) {
      response.writeHead(matching.length === 0 ? 404 : 405);
      response.end();
      return;
    }
    Promise.resolve()
      .then(() => route.handler(Object.assign(request, { params: {} }), response))
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
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

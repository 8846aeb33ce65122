import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthzRoute } from '../../src/chat/healthz-route.js';
import { type RouteServer, startRouteServer } from '../../src/chat/start-route-server.js';

let server: RouteServer;

beforeAll(async () => {
  server = await startRouteServer({
    port: 0,
    host: '127.0.0.1',
    routes: [
      healthzRoute,
      {
        path: '/api/metrics',
        method: ['POST'],
        handler: (_request, response) => {
          response.writeHead(202);
          response.end('queued');
        },
      },
    ],
  });
});
afterAll(() => server.close());

describe('startRouteServer', () => {
  it.each([
    ['GET', '/healthz', 200, '{"ok":true}'],
    ['POST', '/api/metrics', 202, 'queued'],
    ['GET', '/api/metrics', 405, ''],
    ['POST', '/slack/events', 404, ''],
  ])('%s %s → %i', async (method, path, status, body) => {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
    expect([response.status, await response.text()]).toEqual([status, body]);
  });
});

import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** `GET /healthz` → 200 `{"ok":true}`: the process is up and its HTTP server answers. */
export const healthzRoute: CustomRoute = {
  path: '/healthz',
  method: ['GET'],
  handler: (_request, response) => answerHealthy(response),
};

function answerHealthy(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { CloudAdapter, TurnContext } from 'botbuilder';

/** Bot Framework activities are small; anything past this is refused unread. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * `POST /api/messages` on a plain node:http route: the JSON body is parsed here and CloudAdapter
 * gets the Express-like response it expects (`status`, `send`, `header`, `end`, `socket`).
 */
export function messagesRoute(
  adapter: CloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  path = '/api/messages',
): CustomRoute {
  return {
    path,
    method: ['POST'],
    handler: async (request, response) => {
      const body = await readJson(request);
      if (body === undefined) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        response.end('the body must be a JSON object of at most 1 MB');
        return;
      }
      Object.assign(request, { body });
      await adapter.process(request as never, expressResponse(response) as never, logic);
    },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function expressResponse(response: ServerResponse) {
  const shim = {
    socket: response.socket,
    status(code: number) {
      response.statusCode = code;
      return shim;
    },
    header(name: string, value: string) {
      response.setHeader(name, value);
      return shim;
    },
    send(body: unknown) {
      if (body === undefined) return shim;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!response.hasHeader('content-type')) response.setHeader('content-type', 'text/plain');
        response.write(body);
      } else {
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.write(JSON.stringify(body));
      }
      return shim;
    },
    end() {
      if (!response.writableEnded) response.end();
      return shim;
    },
  };
  return shim;
}

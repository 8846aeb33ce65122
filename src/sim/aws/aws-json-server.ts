import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen-on-loopback.js';

/** One request as an AWS JSON service received it. */
export interface AwsRequest {
  /** The operation from `x-amz-target` (`GetMetricData`), or the path for REST services. */
  operation: string;
  /** Region and service from the SigV4 credential scope of the `authorization` header. */
  region: string;
  service: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** An AWS error as the service sends it: `__type`, HTTP status and, for query-compatible services, a code. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** `Code;Sender` for the `x-amzn-query-error` header of query-compatible (CloudWatch) errors. */
    readonly queryError?: string,
  ) {
    super(message);
  }
}

export interface AwsJsonServer {
  url: string;
  requests: AwsRequest[];
  close(): Promise<void>;
}

export interface AwsJsonServerOptions {
  /** `application/x-amz-json-1.0` (CloudWatch) or `…-1.1` (Service Quotas, Cost Explorer). */
  contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1';
  /** The `x-amz-target` prefix, e.g. `GraniteServiceVersion20100801`. */
  targetPrefix: string;
  /** The SigV4 signing name the SDK uses (`monitoring`, `servicequotas`, `ce`). */
  signingName: string;
  handle(request: AwsRequest): unknown;
  host?: string;
  port?: number;
}

const SCOPE = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/**
 * A loopback AWS JSON-protocol service: checks that the request is SigV4-signed for the right
 * service (not the signature itself), dispatches on `x-amz-target`, and answers JSON or an AWS error.
 */
export async function startAwsJsonServer({
  contentType,
  targetPrefix,
  signingName,
  handle,
  host = '127.0.0.1',
  port = 0,
}: AwsJsonServerOptions): Promise<AwsJsonServer> {
  const requests: AwsRequest[] = [];
  const server = await startAwsHttpServer(
    {
      contentType,
      internalErrorType: 'InternalFailure',
      answer: (req, text) => {
        const request = parse(req, text, { contentType, targetPrefix, signingName });
        requests.push(request);
        return handle(request);
      },
      errorReply: (error) => ({
        ...(error.queryError ? { headers: { 'x-amzn-query-error': error.queryError } } : {}),
        body: { __type: error.type, message: error.message },
      }),
    },
    { host, port },
  );
  return { ...server, requests };
}

/** How one AWS protocol answers over HTTP. */
export interface AwsHttpProtocol {
  contentType: string;
  /** The JSON body of a 200 answer; throws `AwsError` to fail the request. */
  answer(req: IncomingMessage, body: string): unknown;
  /** How the protocol sends an error: `__type` in the body, or an `x-amzn-errortype` header. */
  errorReply(error: AwsError): { headers?: Record<string, string>; body: unknown };
  /** The error type of an unexpected failure, sent as HTTP 500. */
  internalErrorType: string;
}

/** A loopback HTTP server speaking `protocol`; `close` also ends the connections still open. */
export async function startAwsHttpServer(
  protocol: AwsHttpProtocol,
  { host, port }: { host: string; port: number },
): Promise<Omit<AwsJsonServer, 'requests'>> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        send(res, 200, protocol.contentType, protocol.answer(req, Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        const aws =
          error instanceof AwsError ? error : new AwsError(protocol.internalErrorType, String(error), 500);
        const { headers, body } = protocol.errorReply(aws);
        for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
        send(res, aws.status, protocol.contentType, body);
      }
    });
  });
  const address = await listenOnLoopback(server, host, port);
  return {
    url: address.origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Region and service of the request's SigV4 credential scope; fails as AWS does unless signed for `signingName`. */
export function signingScope(req: IncomingMessage, signingName: string): { region: string; service: string } {
  const authorization = String(req.headers.authorization ?? '');
  const scope = SCOPE.exec(authorization);
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ') || !scope) {
    throw new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403);
  }
  if (scope[2] !== signingName) {
    throw new AwsError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${signingName}'`,
      403,
    );
  }
  return { region: scope[1] ?? '', service: scope[2] ?? '' };
}

/** A request body as a JSON object (`{}` when empty); `errorType` is the protocol's error for anything else. */
export function parseJsonBody(text: string, errorType: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new AwsError(errorType, 'request body is not JSON');
  }
  return (body ?? {}) as Record<string, unknown>;
}

function parse(
  req: IncomingMessage,
  text: string,
  {
    contentType,
    targetPrefix,
    signingName,
  }: Pick<AwsJsonServerOptions, 'contentType' | 'targetPrefix' | 'signingName'>,
): AwsRequest {
  const { region, service } = signingScope(req, signingName);
  if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith(contentType)) {
    throw new AwsError('UnknownOperationException', `expected POST with ${contentType}`);
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  if (!target.startsWith(`${targetPrefix}.`))
    throw new AwsError('UnknownOperationException', `unknown target ${target}`);
  return {
    operation: target.slice(targetPrefix.length + 1),
    region,
    service,
    body: parseJsonBody(text, 'SerializationException'),
    headers: req.headers,
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

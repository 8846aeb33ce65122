import { MetricServiceClient } from '@google-cloud/monitoring';
import type { AuthClient } from 'google-auth-library';

type ClientOptions = NonNullable<ConstructorParameters<typeof MetricServiceClient>[0]>;

export interface MonitoringClientOptions {
  /**
   * Host of the API (default `monitoring.googleapis.com`), or a whole origin such as
   * `http://127.0.0.1:8085`, whose protocol and port then apply.
   */
  apiEndpoint?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Credentials, e.g. an `OAuth2Client`; default: Google application default credentials. */
  authClient?: AuthClient;
}

/**
 * A Cloud Monitoring client speaking REST (`fallback: true`) rather than gRPC: one HTTP/1.1 stack
 * like every other collector, and the wire a loopback simulator can answer.
 */
export function createMonitoringClient({
  apiEndpoint,
  port,
  protocol,
  authClient,
}: MonitoringClientOptions = {}): MetricServiceClient {
  const options: ClientOptions = { fallback: true };
  const origin = apiEndpoint === undefined ? undefined : originOf(apiEndpoint);
  if (origin !== undefined) {
    options.apiEndpoint = origin.hostname;
    options.protocol = origin.protocol;
    options.port = origin.port;
  } else if (apiEndpoint !== undefined) {
    options.apiEndpoint = apiEndpoint;
  }
  if (port !== undefined) options.port = port;
  if (protocol !== undefined) options.protocol = protocol;
  // google-gax bundles its own google-auth-library release, whose classes TypeScript sees as other
  // types; at runtime the client only calls the auth client's `getRequestHeaders` and `fetch`.
  if (authClient !== undefined) options.authClient = authClient as unknown as ClientOptions['authClient'];
  return new MetricServiceClient(options);
}

function originOf(endpoint: string): { hostname: string; protocol: string; port: number } | undefined {
  if (!endpoint.includes('://')) return undefined;
  const url = new URL(endpoint);
  const protocol = url.protocol.replace(/:$/, '');
  return { hostname: url.hostname, protocol, port: Number(url.port || (protocol === 'http' ? 80 : 443)) };
}

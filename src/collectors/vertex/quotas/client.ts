import { CloudQuotasClient } from '@google-cloud/cloudquotas';
import type { AuthClient } from 'google-auth-library';

type ClientOptions = NonNullable<ConstructorParameters<typeof CloudQuotasClient>[0]>;

/**
 * A Cloud Quotas client speaking REST (`fallback: true`), like the Cloud Monitoring one. An
 * `apiEndpoint` with a scheme (`http://127.0.0.1:8086`) sets host, protocol and port.
 */
export function createCloudQuotasClient({
  apiEndpoint,
  authClient,
}: {
  apiEndpoint?: string;
  authClient?: AuthClient;
} = {}): CloudQuotasClient {
  const options: ClientOptions = { fallback: true };
  if (apiEndpoint?.includes('://')) {
    const url = new URL(apiEndpoint);
    options.apiEndpoint = url.hostname;
    options.protocol = url.protocol.replace(/:$/, '');
    options.port = Number(url.port || (options.protocol === 'http' ? 80 : 443));
  } else if (apiEndpoint !== undefined) {
    options.apiEndpoint = apiEndpoint;
  }
  // google-gax bundles its own google-auth-library release (see the monitoring client).
  if (authClient !== undefined) options.authClient = authClient as unknown as ClientOptions['authClient'];
  return new CloudQuotasClient(options);
}

import { CostManagementClient } from '@azure/arm-costmanagement';
import { MonitorClient } from '@azure/arm-monitor';
import type { TokenCredential } from '@azure/identity';
import { NEXT_LINK_HEADER } from './cost/query-all-pages.js';

/** The audience of every ARM token. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

export interface ArmClients {
  cost: CostManagementClient;
  monitor: MonitorClient;
}

interface PipelineHost {
  pipeline: {
    removePolicy(options: { name: string }): unknown;
    addPolicy(policy: {
      name: string;
      sendRequest(
        request: {
          url: string;
          headers: {
            get(name: string): string | undefined;
            set(name: string, value: string): void;
            delete(name: string): void;
          };
        },
        next: (request: never) => Promise<unknown>,
      ): Promise<unknown>;
    }): void;
  };
}

/**
 * Both ARM clients on one credential. Cost Management retries are ours (its throttling headers
 * are not the ones the SDK reads), so its pipeline never retries. Over plain http (a local ARM
 * endpoint) the SDK refuses bearer tokens, so the header is set by a policy of our own.
 */
export function createArmClients(options: {
  credential: TokenCredential;
  endpoint?: string;
  maxRetries?: number;
}): ArmClients {
  const insecure = options.endpoint?.startsWith('http://') === true;
  const common = {
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(insecure ? { allowInsecureConnection: true } : {}),
  };
  const cost = new CostManagementClient(options.credential, { ...common, retryOptions: { maxRetries: 0 } });
  const monitor = new MonitorClient(options.credential, 'unused', {
    ...common,
    retryOptions: { maxRetries: options.maxRetries ?? 3 },
  });
  // `nextLink` pages are POSTed through the same operation, redirected here to keep its pipeline.
  (cost as unknown as PipelineHost).pipeline.addPolicy({
    name: 'aiSpendNextLinkPolicy',
    sendRequest: async (request, next) => {
      const target = request.headers.get(NEXT_LINK_HEADER);
      if (target !== undefined) {
        request.url = target;
        request.headers.delete(NEXT_LINK_HEADER);
      }
      return next(request as never);
    },
  });
  if (insecure) {
    for (const client of [cost, monitor] as unknown as PipelineHost[]) {
      client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
      client.pipeline.addPolicy({
        name: 'aiSpendBearerPolicy',
        sendRequest: async (request, next) => {
          const token = await options.credential.getToken(ARM_SCOPE);
          if (token) request.headers.set('authorization', `Bearer ${token.token}`);
          return next(request as never);
        },
      });
    }
  }
  return { cost, monitor };
}

import { AiSpendError, isAiSpendError } from '../../core/errors.js';

/** Which API failed, so the hint can name the role that reads it. */
export type AzureApi = 'cost' | 'monitor';

const ROLES: Record<AzureApi, string> = {
  cost: 'Cost Management Reader',
  monitor: 'Monitoring Reader',
};

interface RestErrorLike {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Turns an SDK or credential error into an `AiSpendError` naming the setting or role to fix. */
export function classifyAzureError(error: unknown, api: AzureApi, target: string): AiSpendError {
  if (isAiSpendError(error)) return error;
  const rest = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  const detail = `${rest.code ? `${rest.code}: ` : ''}${rest.message ?? String(error)}`;
  const where = `${api === 'cost' ? 'Cost Management' : 'Azure Monitor'} ${target}`;
  const status = rest.statusCode;
  if (rest.name === 'CredentialUnavailableError' || rest.name === 'AuthenticationError') {
    return new AiSpendError('provider_auth', `${where}: no Azure credential (${detail})`, {
      hint: 'sign in with `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a managed identity)',
    });
  }
  if (status === 401 || status === 403) {
    return new AiSpendError('provider_auth', `${where}: access denied (${status} ${detail})`, {
      hint: `grant the bot's identity the ${ROLES[api]} role on ${target}, or remove it from sources.azure.scopes`,
    });
  }
  if (status === 404) {
    return new AiSpendError('config_invalid', `${where}: not found (${detail})`, {
      hint: 'check sources.azure.scopes: each is subscriptions/{id} or subscriptions/{id}/resourceGroups/{name}',
    });
  }
  if (status === 429) {
    return new AiSpendError('provider_rate_limited', `${where}: throttled (${detail})`, {
      hint: 'Azure throttles ARM reads per tenant; collect less often or with fewer sources.azure.scopes',
    });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return new AiSpendError('provider_schema', `${where}: request refused (${status} ${detail})`, {
      hint: 'the ARM endpoint rejected the request; check sources.azure.endpoint points at management.azure.com',
    });
  }
  return new AiSpendError('provider_unavailable', `${where}: ${detail}`, {
    hint: 'Azure Resource Manager did not answer; the next pass retries',
  });
}

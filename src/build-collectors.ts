import { OAuth2Client } from 'google-auth-library';
import { createAnthropicCollector } from './collectors/anthropic/index.js';
import { createAzureCollector } from './collectors/azure/index.js';
import { createBedrockCollector } from './collectors/bedrock/index.js';
import type { Collector } from './collectors/collector.js';
import { createOpenAiCollector } from './collectors/openai/index.js';
import { createVertexCollector } from './collectors/vertex/index.js';
import type { AiSpendConfig, PollingSourceConfig } from './config/config-types.js';
import type { Environment } from './config/environment.js';
import type { SourceId } from './core/facts.js';

/** Polling settings from `sources.<name>` (the collector's defaults where the section is absent). */
function polling(settings: PollingSourceConfig | undefined, maxRetries: number | undefined) {
  return {
    ...(settings
      ? {
          backfillDays: settings.backfillDays,
          usageRepollHours: settings.usageRepollHours,
          costRepollDays: settings.costRepollDays,
        }
      : {}),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  };
}

/** FOCUS `ServiceName`s each collector already bills: imported rows of theirs would count twice. */
export const FOCUS_SERVICES: Partial<Record<SourceId, readonly string[]>> = {
  bedrock: ['Amazon Bedrock'],
  vertex: ['Vertex AI', 'Claude on Vertex AI', 'Gemini API'],
  azure: ['Azure OpenAI', 'Foundry Models', 'Azure OpenAI Service'],
};

/** The registry: one line per source that has a collector. */
const COLLECTORS: Partial<
  Record<
    SourceId,
    (config: AiSpendConfig, environment: Environment, maxRetries?: number) => Collector | undefined
  >
> = {
  anthropic: ({ sources }, { anthropic: { adminKey, baseUrl } }, maxRetries) =>
    adminKey
      ? createAnthropicCollector({ apiKey: adminKey, baseUrl, ...polling(sources.anthropic, maxRetries) })
      : undefined,
  bedrock: ({ sources }, { aws }, maxRetries) => {
    const settings = sources.bedrock;
    if (!settings?.enabled) return undefined;
    const { accessKeyId, secretAccessKey, sessionToken } = aws;
    return createBedrockCollector({
      ...settings,
      endpoints: aws.endpoints,
      ...(accessKeyId && secretAccessKey
        ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
        : {}),
      ...(maxRetries === undefined ? {} : { maxAttempts: maxRetries + 1 }),
    });
  },
  vertex: ({ sources }, { google }, maxRetries) => {
    const settings = sources.vertex;
    if (!settings?.enabled) return undefined;
    return createVertexCollector({
      billingTable: settings.billingTable,
      projects: settings.projects,
      restateDays: settings.restateDays,
      backfillDays: settings.backfillDays,
      ...(google.projectId ? { jobProject: google.projectId } : {}),
      ...(google.accessToken ? { authClient: staticTokenClient(google.accessToken) } : {}),
      endpoints: {
        ...(google.bigqueryUrl ? { bigquery: google.bigqueryUrl } : {}),
        ...(google.monitoringUrl ? { monitoring: google.monitoringUrl } : {}),
        ...(google.cloudQuotasUrl ? { quotas: google.cloudQuotasUrl } : {}),
      },
      ...(maxRetries === undefined ? {} : { maxRetries }),
    });
  },
  azure: ({ sources }, { azure }, maxRetries) => {
    const settings = sources.azure;
    if (!settings?.enabled) return undefined;
    return createAzureCollector({
      scopes: settings.scopes,
      backfillDays: settings.backfillDays,
      costRepollDays: settings.costRepollDays,
      tagKeys: settings.tagKeys,
      ...(azure.accessToken ? { credential: staticAzureToken(azure.accessToken) } : {}),
      ...(azure.endpoint ? { endpoint: azure.endpoint } : {}),
      ...(maxRetries === undefined ? {} : { maxRetries }),
    });
  },
  openai: ({ sources }, { openai: { adminKey, baseUrl } }, maxRetries) =>
    adminKey
      ? createOpenAiCollector({ adminKey, baseUrl, ...polling(sources.openai, maxRetries) })
      : undefined,
};

/** Google credentials from a ready access token (`GOOGLE_OAUTH_ACCESS_TOKEN`), refreshed by whoever set it. */
function staticTokenClient(accessToken: string): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: accessToken, expiry_date: Number.MAX_SAFE_INTEGER });
  return client;
}

/** An Entra ID credential from a ready access token (`AZURE_ACCESS_TOKEN`), refreshed by whoever set it. */
function staticAzureToken(token: string) {
  return { getToken: async () => ({ token, expiresOnTimestamp: Number.MAX_SAFE_INTEGER }) };
}

/** Sources this version can collect; others are validated in the config but not read yet. */
export function hasCollector(source: SourceId): boolean {
  return COLLECTORS[source] !== undefined;
}

export function buildCollector(
  source: SourceId,
  config: AiSpendConfig,
  environment: Environment,
  maxRetries: number | undefined,
): Collector[] {
  const collector = COLLECTORS[source]?.(config, environment, maxRetries);
  return collector ? [collector] : [];
}

import { inspect } from 'node:util';
import { AiSpendError } from '../core/errors.js';
import type { AiSpendConfig } from './config-types.js';

/** What ai-spend reads from the environment. Secrets are here and nowhere else. */
export interface Environment {
  anthropic: { adminKey?: string; baseUrl?: string };
  openai: { adminKey?: string; baseUrl?: string };
  slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  /**
   * Microsoft Teams: the bot's Entra app (`MICROSOFT_APP_*`). `insecure` (`AI_SPEND_TEAMS_INSECURE=1`)
   * allows Teams without an app id, i.e. without authentication, for local use outside production.
   */
  microsoft: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType?: string;
    insecure?: boolean;
  };
  /** `NODE_ENV=production`. */
  production?: boolean;
  /**
   * AWS: static credentials when `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` are set (otherwise the
   * SDK's default chain), and the SDK's service endpoint overrides `AWS_ENDPOINT_URL_<SERVICE>`.
   */
  aws: {
    region?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
    endpoints: { cloudwatch?: string; costExplorer?: string; serviceQuotas?: string; bedrock?: string };
  };
  /**
   * Google Cloud: application default credentials unless `GOOGLE_OAUTH_ACCESS_TOKEN` gives a token
   * to use as is; `GOOGLE_CLOUD_PROJECT` is the project jobs run in (default: the billing table's);
   * `AI_SPEND_BIGQUERY_URL` / `AI_SPEND_MONITORING_URL` / `AI_SPEND_CLOUD_QUOTAS_URL` point the
   * clients elsewhere (the demo's simulators).
   */
  google: {
    projectId?: string;
    accessToken?: string;
    bigqueryUrl?: string;
    monitoringUrl?: string;
    cloudQuotasUrl?: string;
  };
  /**
   * Azure: `DefaultAzureCredential` (`AZURE_TENANT_ID`/`AZURE_CLIENT_ID`/`AZURE_CLIENT_SECRET`, a
   * managed identity or `az login`) unless `AZURE_ACCESS_TOKEN` gives a token to use as is;
   * `AI_SPEND_AZURE_URL` points the Resource Manager clients elsewhere (the demo's simulator).
   */
  azure: { accessToken?: string; endpoint?: string };
  /** `AI_SPEND_CONFIG`, default `./ai-spend.yml`. */
  configPath: string;
  /** True when `AI_SPEND_CONFIG` names the file (then it must exist). */
  configPathFromEnv: boolean;
  /** `AI_SPEND_DB`, default `./data/ai-spend.db`. */
  dbPath: string;
  /** `PORT`, default 3000. */
  port: number;
  /** `AI_SPEND_METRICS_TOKEN`: bearer token for `POST /api/metrics`. */
  metricsToken?: string;
}

/**
 * Reads the environment. Empty values count as unset. Throws one `config_invalid` listing every
 * malformed variable (a `PORT` that is not 1-65535, a base URL that is not a URL).
 */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): Environment {
  const problems: string[] = [];
  const read = (name: string): string | undefined => env[name]?.trim() || undefined;
  const url = (name: string): string | undefined => {
    const value = read(name);
    if (value !== undefined && !isHttpUrl(value)) {
      problems.push(`${name} must be an http(s) URL such as https://example.com/, got "${value}"`);
    }
    return value;
  };
  const slackApiUrl = url('SLACK_API_URL');
  const configPath = read('AI_SPEND_CONFIG');
  const environment: Environment = {
    anthropic: defined({ adminKey: read('ANTHROPIC_ADMIN_API_KEY'), baseUrl: url('ANTHROPIC_BASE_URL') }),
    openai: defined({ adminKey: read('OPENAI_ADMIN_KEY'), baseUrl: url('OPENAI_BASE_URL') }),
    slack: defined({
      botToken: read('SLACK_BOT_TOKEN'),
      signingSecret: read('SLACK_SIGNING_SECRET'),
      appToken: read('SLACK_APP_TOKEN'),
      // The Slack Web API client appends method names to this URL, so it must end with "/".
      apiUrl: slackApiUrl === undefined || slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/`,
    }),
    microsoft: defined({
      appId: read('MICROSOFT_APP_ID'),
      appPassword: read('MICROSOFT_APP_PASSWORD'),
      tenantId: read('MICROSOFT_APP_TENANT_ID'),
      appType: read('MICROSOFT_APP_TYPE'),
    }),
    aws: {
      ...defined({
        region: read('AWS_REGION') ?? read('AWS_DEFAULT_REGION'),
        accessKeyId: read('AWS_ACCESS_KEY_ID'),
        secretAccessKey: read('AWS_SECRET_ACCESS_KEY'),
        sessionToken: read('AWS_SESSION_TOKEN'),
      }),
      endpoints: defined({
        cloudwatch: url('AWS_ENDPOINT_URL_CLOUDWATCH'),
        costExplorer: url('AWS_ENDPOINT_URL_COST_EXPLORER'),
        serviceQuotas: url('AWS_ENDPOINT_URL_SERVICE_QUOTAS'),
        bedrock: url('AWS_ENDPOINT_URL_BEDROCK'),
      }),
    },
    google: defined({
      projectId: read('GOOGLE_CLOUD_PROJECT'),
      accessToken: read('GOOGLE_OAUTH_ACCESS_TOKEN'),
      bigqueryUrl: url('AI_SPEND_BIGQUERY_URL'),
      monitoringUrl: url('AI_SPEND_MONITORING_URL'),
      cloudQuotasUrl: url('AI_SPEND_CLOUD_QUOTAS_URL'),
    }),
    azure: defined({ accessToken: read('AZURE_ACCESS_TOKEN'), endpoint: url('AI_SPEND_AZURE_URL') }),
    configPath: configPath ?? './ai-spend.yml',
    configPathFromEnv: configPath !== undefined,
    dbPath: read('AI_SPEND_DB') ?? './data/ai-spend.db',
    port: readPort(read('PORT'), problems),
    ...defined({ metricsToken: read('AI_SPEND_METRICS_TOKEN') }),
    ...(read('NODE_ENV') === 'production' ? { production: true } : {}),
  };
  if (read('AI_SPEND_TEAMS_INSECURE') === '1') environment.microsoft.insecure = true;
  if (problems.length > 0) {
    throw new AiSpendError('config_invalid', problems.join('\n'), {
      hint: `Fix or unset: ${problems.map((problem) => problem.split(' ')[0]).join(', ')}.`,
    });
  }
  hideSecretsFromLogs(environment);
  return environment;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function readPort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 3000;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    problems.push(`PORT must be an integer between 1 and 65535, got "${value}"`);
    return 3000;
  }
  return port;
}

/** `"set"` or `"not set"`: how a secret is shown. */
export function secretStatus(value: string | undefined): 'set' | 'not set' {
  return value === undefined ? 'not set' : 'set';
}

/** One line per variable; secrets show as set/not set, URLs without any user:password part. */
export function describeEnvironment(environment: Environment): string[] {
  const { anthropic, openai, slack, microsoft } = environment;
  const secret = (name: string, value: string | undefined) => `${name}: ${secretStatus(value)}`;
  const plain = (name: string, value: string | undefined) => `${name}: ${value ?? 'not set'}`;
  return [
    secret('ANTHROPIC_ADMIN_API_KEY', anthropic.adminKey),
    plain('ANTHROPIC_BASE_URL', withoutUserInfo(anthropic.baseUrl)),
    secret('OPENAI_ADMIN_KEY', openai.adminKey),
    plain('OPENAI_BASE_URL', withoutUserInfo(openai.baseUrl)),
    secret('SLACK_BOT_TOKEN', slack.botToken),
    secret('SLACK_SIGNING_SECRET', slack.signingSecret),
    secret('SLACK_APP_TOKEN', slack.appToken),
    plain('SLACK_API_URL', withoutUserInfo(slack.apiUrl)),
    plain('MICROSOFT_APP_ID', microsoft.appId),
    secret('MICROSOFT_APP_PASSWORD', microsoft.appPassword),
    plain('MICROSOFT_APP_TENANT_ID', microsoft.tenantId),
    plain('MICROSOFT_APP_TYPE', microsoft.appType),
    plain('AWS_REGION', environment.aws.region),
    plain('AWS_ACCESS_KEY_ID', environment.aws.accessKeyId === undefined ? undefined : 'set'),
    secret('AWS_SECRET_ACCESS_KEY', environment.aws.secretAccessKey),
    plain('AWS_ENDPOINT_URL_CLOUDWATCH', withoutUserInfo(environment.aws.endpoints.cloudwatch)),
    plain('AWS_ENDPOINT_URL_COST_EXPLORER', withoutUserInfo(environment.aws.endpoints.costExplorer)),
    plain('AWS_ENDPOINT_URL_SERVICE_QUOTAS', withoutUserInfo(environment.aws.endpoints.serviceQuotas)),
    plain('AWS_ENDPOINT_URL_BEDROCK', withoutUserInfo(environment.aws.endpoints.bedrock)),
    plain('GOOGLE_CLOUD_PROJECT', environment.google.projectId),
    secret('GOOGLE_OAUTH_ACCESS_TOKEN', environment.google.accessToken),
    plain('AI_SPEND_BIGQUERY_URL', withoutUserInfo(environment.google.bigqueryUrl)),
    plain('AI_SPEND_MONITORING_URL', withoutUserInfo(environment.google.monitoringUrl)),
    plain('AI_SPEND_CLOUD_QUOTAS_URL', withoutUserInfo(environment.google.cloudQuotasUrl)),
    secret('AZURE_ACCESS_TOKEN', environment.azure.accessToken),
    plain('AI_SPEND_AZURE_URL', withoutUserInfo(environment.azure.endpoint)),
    plain('AI_SPEND_CONFIG', environment.configPath),
    plain('AI_SPEND_DB', environment.dbPath),
    plain('PORT', String(environment.port)),
    secret('AI_SPEND_METRICS_TOKEN', environment.metricsToken),
  ];
}

/** A URL with any `user:password@` part replaced by `***@`. */
export function withoutUserInfo(value: string | undefined): string | undefined {
  if (value === undefined || !URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.username === '' && url.password === '') return value;
  url.username = '***';
  url.password = '';
  return url.toString();
}

// An environment that reaches a logger by accident prints "set"/"not set", never a value.
function hideSecretsFromLogs(environment: Environment): void {
  const redacted = () => describeEnvironment(environment);
  Object.defineProperty(environment, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(environment, inspect.custom, { value: redacted, enumerable: false });
}

function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: string;
  };
}

/** The sources `sources:` can switch on (FOCUS files are imported by command instead). */
export const CONFIGURABLE_SOURCES = ['anthropic', 'openai', 'bedrock', 'vertex', 'azure'] as const;
export type ConfigurableSource = (typeof CONFIGURABLE_SOURCES)[number];

/** Whether one source runs, and why, in words that name settings but never their values. */
export interface SourceStatus {
  source: ConfigurableSource;
  enabled: boolean;
  reason: string;
}

export interface EnabledSources {
  /** The sources that run, in a fixed order. Their settings: `config.sources` (absent = defaults). */
  sources: ConfigurableSource[];
  statuses: SourceStatus[];
  /** Configuration that cannot work as it stands, e.g. an enabled source without its key. */
  problems: string[];
}

const KEY_VARIABLES = { anthropic: 'ANTHROPIC_ADMIN_API_KEY', openai: 'OPENAI_ADMIN_KEY' } as const;
const CREDENTIALS = {
  bedrock: 'AWS default credential chain',
  vertex: 'Google application default credentials',
  azure: 'AZURE_* credentials',
} as const;

/**
 * Decides which sources run. A `sources.<name>` entry switches its source on unless it says
 * `enabled: false`; Anthropic and OpenAI are also on whenever their admin key is set.
 */
export function enabledSources(config: AiSpendConfig, environment: Environment): EnabledSources {
  const sources: ConfigurableSource[] = [];
  const statuses: SourceStatus[] = [];
  const problems: string[] = [];
  for (const source of ['anthropic', 'openai'] as const) {
    const entry = config.sources[source];
    const variable = KEY_VARIABLES[source];
    const keySet = environment[source].adminKey !== undefined;
    if (entry?.enabled === false) {
      statuses.push({ source, enabled: false, reason: `sources.${source}.enabled is false` });
    } else if (entry !== undefined) {
      sources.push(source);
      statuses.push({
        source,
        enabled: true,
        reason: `sources.${source} is configured; ${variable} is ${keySet ? 'set' : 'not set'}`,
      });
      if (!keySet) problems.push(`sources.${source} is configured but ${variable} is not set`);
    } else if (keySet) {
      sources.push(source);
      statuses.push({ source, enabled: true, reason: `${variable} is set` });
    } else {
      statuses.push({
        source,
        enabled: false,
        reason: `no sources.${source} entry and ${variable} is not set`,
      });
    }
  }
  for (const source of ['bedrock', 'vertex', 'azure'] as const) {
    const entry = config.sources[source];
    if (entry === undefined) {
      statuses.push({ source, enabled: false, reason: `no sources.${source} entry` });
    } else if (!entry.enabled) {
      statuses.push({ source, enabled: false, reason: `sources.${source}.enabled is false` });
    } else {
      sources.push(source);
      statuses.push({
        source,
        enabled: true,
        reason: `sources.${source} is configured; credentials from the ${CREDENTIALS[source]}`,
      });
    }
  }
  return { sources, statuses, problems };
}

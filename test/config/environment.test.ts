import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  describeEnvironment,
  enabledSources,
  readEnvironment,
  withoutUserInfo,
} from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { AiSpendError } from '../../src/core/errors.js';

const SECRETS = {
  ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-SECRET',
  OPENAI_ADMIN_KEY: 'sk-admin-SECRET',
  SLACK_BOT_TOKEN: 'xoxb-SECRET',
  SLACK_SIGNING_SECRET: 'SECRET-signing',
  SLACK_APP_TOKEN: 'xapp-SECRET',
  MICROSOFT_APP_PASSWORD: 'SECRET-password',
  AI_SPEND_METRICS_TOKEN: 'SECRET-metrics',
  AWS_SECRET_ACCESS_KEY: 'SECRET-aws',
  AWS_SESSION_TOKEN: 'SECRET-session',
  GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29.SECRET',
  AZURE_ACCESS_TOKEN: 'eyJ.SECRET',
};

describe('readEnvironment', () => {
  it('defaults to ./ai-spend.yml, ./data/ai-spend.db and port 3000 with nothing set', () => {
    expect(readEnvironment({})).toEqual({
      anthropic: {},
      openai: {},
      slack: {},
      microsoft: {},
      aws: { endpoints: {} },
      google: {},
      azure: {},
      configPath: './ai-spend.yml',
      configPathFromEnv: false,
      dbPath: './data/ai-spend.db',
      port: 3000,
    });
  });

  it('reads every documented variable and treats empty values as unset', () => {
    const environment = readEnvironment({
      ...SECRETS,
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4010',
      OPENAI_BASE_URL: 'http://127.0.0.1:4020/v1',
      SLACK_API_URL: 'http://127.0.0.1:4030/api',
      MICROSOFT_APP_ID: 'app-1',
      MICROSOFT_APP_TENANT_ID: 'tenant-1',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      AI_SPEND_CONFIG: '/etc/ai-spend.yml',
      AI_SPEND_DB: '/var/lib/ai-spend.db',
      PORT: '8080',
      OPENAI_ORG: '',
      AWS_REGION: '  ',
      GOOGLE_CLOUD_PROJECT: 'acme-finops',
      AI_SPEND_BIGQUERY_URL: 'http://127.0.0.1:4040',
      AI_SPEND_MONITORING_URL: 'http://127.0.0.1:4050',
      AI_SPEND_AZURE_URL: 'http://127.0.0.1:4060',
    });
    expect(environment.azure).toEqual({ accessToken: 'eyJ.SECRET', endpoint: 'http://127.0.0.1:4060' });
    expect(environment.google).toEqual({
      projectId: 'acme-finops',
      accessToken: 'ya29.SECRET',
      bigqueryUrl: 'http://127.0.0.1:4040',
      monitoringUrl: 'http://127.0.0.1:4050',
    });
    expect(environment.anthropic).toEqual({
      adminKey: 'sk-ant-admin01-SECRET',
      baseUrl: 'http://127.0.0.1:4010',
    });
    expect(environment.openai).toEqual({ adminKey: 'sk-admin-SECRET', baseUrl: 'http://127.0.0.1:4020/v1' });
    expect(environment.slack).toEqual({
      botToken: 'xoxb-SECRET',
      signingSecret: 'SECRET-signing',
      appToken: 'xapp-SECRET',
      apiUrl: 'http://127.0.0.1:4030/api/',
    });
    expect(environment.microsoft).toEqual({
      appId: 'app-1',
      appPassword: 'SECRET-password',
      tenantId: 'tenant-1',
      appType: 'SingleTenant',
    });
    expect(environment.configPath).toBe('/etc/ai-spend.yml');
    expect(environment.configPathFromEnv).toBe(true);
    expect(environment.dbPath).toBe('/var/lib/ai-spend.db');
    expect(environment.port).toBe(8080);
    expect(environment.metricsToken).toBe('SECRET-metrics');
    expect(readEnvironment({ ANTHROPIC_ADMIN_API_KEY: '' }).anthropic.adminKey).toBeUndefined();
  });

  it.each(['0', '65536', '3000.5', 'http', '-1', '99999999'])('rejects PORT=%s naming PORT', (port) => {
    expect(() => readEnvironment({ PORT: port })).toThrow(
      `PORT must be an integer between 1 and 65535, got "${port}"`,
    );
  });

  it.each([
    ['1', 1],
    ['65535', 65535],
    [' 8080 ', 8080],
  ])('accepts PORT=%j as %i', (port, expected) => {
    expect(readEnvironment({ PORT: port }).port).toBe(expected);
  });

  it('reports a bad PORT and a bad base URL together as one config_invalid error', () => {
    try {
      readEnvironment({ PORT: 'abc', OPENAI_BASE_URL: 'localhost:4020' });
    } catch (error) {
      expect(error).toBeInstanceOf(AiSpendError);
      expect((error as AiSpendError).code).toBe('config_invalid');
      expect((error as AiSpendError).message.split('\n')).toEqual([
        'OPENAI_BASE_URL must be an http(s) URL such as https://example.com/, got "localhost:4020"',
        'PORT must be an integer between 1 and 65535, got "abc"',
      ]);
      expect((error as AiSpendError).hint).toBe('Fix or unset: OPENAI_BASE_URL, PORT.');
      return;
    }
    throw new Error('expected readEnvironment to throw');
  });

  it('prints set/not set instead of secrets when logged, stringified or described', () => {
    const environment = readEnvironment({
      ...SECRETS,
      ANTHROPIC_BASE_URL: 'https://user:SECRET@proxy.test/',
    });
    for (const text of [
      JSON.stringify(environment),
      inspect(environment, { depth: 5 }),
      describeEnvironment(environment).join('\n'),
    ]) {
      expect(
        text
          .replaceAll('SLACK_SIGNING_SECRET', 'SLACK_SIGNING_…')
          .replaceAll('AWS_SECRET_ACCESS_KEY', 'AWS_…'),
      ).not.toContain('SECRET');
      expect(text).toContain('ANTHROPIC_ADMIN_API_KEY: set');
    }
    expect(describeEnvironment(readEnvironment({}))).toContain('SLACK_BOT_TOKEN: not set');
  });

  it('hides the user:password part of a URL', () => {
    expect(withoutUserInfo('https://bob:pw@proxy.test/v1')).toBe('https://***@proxy.test/v1');
    expect(withoutUserInfo('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });
});

describe('enabledSources', () => {
  const none = readEnvironment({});
  const keys = readEnvironment({ ANTHROPIC_ADMIN_API_KEY: 'k1', OPENAI_ADMIN_KEY: 'k2' });

  it('turns nothing on with no entries and no keys', () => {
    const result = enabledSources(loadConfig({ text: '' }), none);
    expect(result.sources).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.statuses.map((status) => status.enabled)).toEqual([false, false, false, false, false]);
  });

  it('turns anthropic and openai on by their keys alone', () => {
    const result = enabledSources(loadConfig({ text: '' }), keys);
    expect(result.sources).toEqual(['anthropic', 'openai']);
    expect(result.statuses[0]).toEqual({
      source: 'anthropic',
      enabled: true,
      reason: 'ANTHROPIC_ADMIN_API_KEY is set',
    });
  });

  it('turns a source on by its entry, and reports an anthropic entry without its key', () => {
    const config = loadConfig({ text: 'sources:\n  anthropic: {}\n  bedrock: { regions: [us-east-1] }\n' });
    const result = enabledSources(config, none);
    expect(result.sources).toEqual(['anthropic', 'bedrock']);
    expect(result.problems).toEqual([
      'sources.anthropic is configured but ANTHROPIC_ADMIN_API_KEY is not set',
    ]);
  });

  it('keeps a source off with enabled: false even when its key is set', () => {
    const config = loadConfig({
      text: 'sources:\n  openai: { enabled: false }\n  azure: { scopes: ["/subscriptions/1"], enabled: false }\n',
    });
    const result = enabledSources(config, keys);
    expect(result.sources).toEqual(['anthropic']);
    expect(result.statuses.find((status) => status.source === 'openai')).toEqual({
      source: 'openai',
      enabled: false,
      reason: 'sources.openai.enabled is false',
    });
    expect(result.problems).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../src/config/describe-config.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';

const EXAMPLE = readFileSync(new URL('../../ai-spend.example.yml', import.meta.url), 'utf8');

describe('describeConfig', () => {
  it('summarises the example: 2 teams, 3 rules, 5 sources, the schedule and both chat platforms', () => {
    const environment = readEnvironment({
      ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-SECRET',
      SLACK_BOT_TOKEN: 'xoxb-SECRET',
      SLACK_SIGNING_SECRET: 'signing-SECRET',
    });
    const lines = describeConfig(loadConfig({ text: EXAMPLE }), environment);
    expect(lines).toEqual([
      'config: ./ai-spend.yml',
      'teams: 2 teams (search, support), 2 monthly budgets',
      'attribution: 3 rules',
      'source anthropic: enabled (sources.anthropic is configured; ANTHROPIC_ADMIN_API_KEY is set)',
      'source openai: enabled (sources.openai is configured; OPENAI_ADMIN_KEY is not set)',
      'source bedrock: enabled (sources.bedrock is configured; credentials from the AWS default credential chain)',
      'source vertex: enabled (sources.vertex is configured; credentials from the Google application default credentials)',
      'source azure: enabled (sources.azure is configured; credentials from the AZURE_* credentials)',
      'problem: sources.openai is configured but OPENAI_ADMIN_KEY is not set',
      'schedule: collect "*/5 * * * *", digest "0 9 * * MON", time zone Europe/Berlin',
      'slack: configured, HTTP (SLACK_BOT_TOKEN set, SLACK_SIGNING_SECRET set, SLACK_APP_TOKEN not set); default channel C0FINOPS',
      'microsoft teams: not configured (MICROSOFT_APP_ID not set, MICROSOFT_APP_PASSWORD not set)',
      'prices: 1 model rate, 2 discounts, 1 tier multiplier, 1 alias',
      'visibility: open; admins: 1',
      'database: ./data/ai-spend.db; port: 3000',
    ]);
  });

  it('never prints a secret value, only whether it is set', () => {
    const secrets = {
      ANTHROPIC_ADMIN_API_KEY: 'sk-ant-admin01-SECRET',
      OPENAI_ADMIN_KEY: 'sk-admin-SECRET',
      SLACK_BOT_TOKEN: 'xoxb-SECRET',
      SLACK_SIGNING_SECRET: 'signing-SECRET',
      SLACK_APP_TOKEN: 'xapp-SECRET',
      MICROSOFT_APP_ID: 'app-1',
      MICROSOFT_APP_PASSWORD: 'password-SECRET',
      AI_SPEND_METRICS_TOKEN: 'metrics-SECRET',
    };
    const text = describeConfig(loadConfig({ text: EXAMPLE }), readEnvironment(secrets)).join('\n');
    expect(text.replaceAll('SLACK_SIGNING_SECRET', 'SLACK_SIGNING_…')).not.toContain('SECRET');
    expect(text).toContain('microsoft teams: configured (MICROSOFT_APP_ID set, MICROSOFT_APP_PASSWORD set)');
    expect(text).toContain('slack: configured, Socket Mode');
  });

  it('says when the default file is absent and everything is off', () => {
    const loaded = { ...loadConfig({ text: '' }), fileFound: false };
    const lines = describeConfig(loaded, readEnvironment({}));
    expect(lines[0]).toBe(
      'config: ./ai-spend.yml not found, using defaults (copy ai-spend.example.yml to start)',
    );
    expect(lines[1]).toBe('teams: none (all spend is unallocated)');
    expect(lines).toContain(
      'source anthropic: disabled (no sources.anthropic entry and ANTHROPIC_ADMIN_API_KEY is not set)',
    );
    expect(lines).toContain(
      'slack: not configured (SLACK_BOT_TOKEN not set, SLACK_SIGNING_SECRET not set, SLACK_APP_TOKEN not set)',
    );
  });
});

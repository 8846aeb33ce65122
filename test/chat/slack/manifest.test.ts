import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type SlackManifest, slackManifestSchema } from './slack-manifest-schema.js';

const text = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');
const manifest = slackManifestSchema.parse(parse(text));

describe('manifest.yml', () => {
  it('is a valid Slack app manifest for the fields it uses', () => {
    expect(slackManifestSchema.safeParse(parse(text)).error?.issues).toBeUndefined();
  });

  it('declares /ai-spend with its usage hint, the bot user ai-spend and both App Home tabs', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: '/ai-spend',
        usage_hint: 'team search 7d · quota · latency · help',
        should_escape: false,
      }),
    ]);
    expect(manifest.features.bot_user.display_name).toBe('ai-spend');
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
  });

  it('asks for exactly 5 bot scopes, each justified by a comment on its line', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'im:write',
      'files:write',
      'users:read',
    ]);
    for (const scope of manifest.oauth_config.scopes.bot) {
      expect(text).toMatch(new RegExp(`\\n +- ${scope} # \\S`));
    }
  });

  it('routes commands, interactivity and events to the one Bolt endpoint, /slack/events', () => {
    const urls = [
      manifest.features.slash_commands[0]?.url,
      manifest.settings.interactivity?.request_url,
      manifest.settings.event_subscriptions?.request_url,
    ];
    expect(urls).toEqual(Array(3).fill('https://example.com/slack/events'));
    expect(manifest.settings.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions?.bot_events).toEqual(['app_home_opened']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it.each([
    [
      'an unknown key',
      (m: SlackManifest) => Object.assign(m.features.app_home ?? {}, { messages_tab: true }),
    ],
    [
      'a command with capitals',
      (m: SlackManifest) => Object.assign(m.features.slash_commands[0]!, { command: '/AI-Spend' }),
    ],
    [
      'an unknown scope',
      (m: SlackManifest) => (m.oauth_config.scopes.bot as string[]).push('chat:write:bot'),
    ],
    [
      'an http request URL',
      (m: SlackManifest) => Object.assign(m.settings.interactivity!, { request_url: 'http://example.com/x' }),
    ],
    [
      'a 36-char app name',
      (m: SlackManifest) => Object.assign(m.display_information, { name: 'A'.repeat(36) }),
    ],
  ])('rejects a manifest with %s', (_case, spoil) => {
    const spoilt = structuredClone(manifest);
    spoil(spoilt);
    expect(slackManifestSchema.safeParse(spoilt).success).toBe(false);
  });
});

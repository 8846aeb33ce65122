import { describe, expect, it } from 'vitest';
import { teamsSettings } from '../../../src/chat/teams/teams-settings.js';
import type { Environment } from '../../../src/config/environment.js';

const noChannels = { teams: {}, msteams: {} };
const withChannel = {
  teams: { search: { name: 'search', managers: [], teamsChannel: '19:a@thread.tacv2' } },
  msteams: {},
};
type Microsoft = Environment['microsoft'];

describe('teamsSettings', () => {
  it.each<[string, Microsoft, boolean, typeof noChannels, string | undefined]>([
    ['app id set', { appId: 'app-1', appPassword: 'p' }, true, withChannel, 'app-1'],
    ['nothing set, not production', {}, false, withChannel, undefined],
    ['nothing set, production, no Teams channels', {}, true, noChannels, undefined],
    ['insecure local mode', { insecure: true }, false, noChannels, ''],
  ])('%s → app id %s', (_, microsoft, production, config, appId) => {
    expect(teamsSettings({ microsoft, production }, config)?.appId).toBe(appId);
  });

  it.each<[string, Microsoft, boolean, typeof noChannels]>([
    ['a password without an app id', { appPassword: 'secret' }, false, noChannels],
    ['a tenant without an app id', { tenantId: 't-1' }, false, noChannels],
    ['insecure mode in production', { insecure: true }, true, noChannels],
    ['Teams channels in production without an app id', {}, true, withChannel],
  ])('refuses %s, naming MICROSOFT_APP_ID', (_, microsoft, production, config) => {
    expect(() => teamsSettings({ microsoft, production }, config)).toThrow(
      expect.objectContaining({ code: 'config_invalid', hint: expect.stringContaining('MICROSOFT_APP_ID') }),
    );
  });
});

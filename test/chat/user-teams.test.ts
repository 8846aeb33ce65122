import { describe, expect, it } from 'vitest';
import { userTeams } from '../../src/chat/user-teams.js';
import { loadConfig } from '../../src/config/load-config.js';

const config = loadConfig({
  text: `
teams:
  search:
    slack_channel: C0SEARCH
    managers: [U0ALICE]
    oncall: S0SEARCH
  ranking:
    slack_channel: C0RANKING
    managers: [U0BOB, U0ALICE]
  data:
    managers: [U0CAROL]
    oncall: S0DATA
`,
});

describe('userTeams', () => {
  it('finds the 2 teams that list a user as a manager, in config order', () => {
    expect(userTeams(config, 'U0ALICE')).toEqual(['search', 'ranking']);
  });

  it('finds no team for a user no team lists when no membership was looked up', () => {
    expect(userTeams(config, 'U0DAVE')).toEqual([]);
  });

  it('adds a team whose slack_channel has the user among its members', () => {
    const channelMembers = new Map([
      ['C0RANKING', ['U0DAVE', 'U0ERIN']],
      ['C0SEARCH', ['U0ERIN']],
    ]);
    expect(userTeams(config, 'U0DAVE', { channelMembers })).toEqual(['ranking']);
    expect(userTeams(config, 'U0ERIN', { channelMembers })).toEqual(['search', 'ranking']);
  });

  it('adds a team whose oncall user group holds the user, only when group members are given', () => {
    const groupMembers = new Map([['S0DATA', ['U0DAVE']]]);
    expect(userTeams(config, 'U0DAVE', { groupMembers })).toEqual(['data']);
    expect(userTeams(config, 'U0DAVE', { channelMembers: new Map() })).toEqual([]);
  });

  it('lists a team once when the user is both its manager and in its channel', () => {
    const channelMembers = new Map([['C0SEARCH', ['U0ALICE']]]);
    expect(userTeams(config, 'U0ALICE', { channelMembers })).toEqual(['search', 'ranking']);
  });
});

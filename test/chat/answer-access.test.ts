import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { createAlertStore } from '../../src/store/alert-store.js';

const config = loadConfig({
  path: 'team-visibility.yml',
  text: `${demoConfigYaml()}\nvisibility: team\nadmins: [U0ADMIN]\n`,
  env: {},
});
const app = createApp({
  config,
  environment: readEnvironment({
    AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-access-')), 'a.db'),
  }),
  sources: [],
  clock: () => Date.UTC(2026, 10, 29, 12) / 1000,
});
afterAll(() => app.close());

describe('answers under `visibility: team`', () => {
  it.each([
    ['team search 7d', 'U0SEARCHMGR', 'team_spend'],
    ['team support 7d', 'U0SEARCHMGR', 'refused'],
    ['team all 30d', 'U0SEARCHMGR', 'refused'],
    ['provider bedrock', 'U0SEARCHMGR', 'refused'],
    ['quota', 'U0SEARCHMGR', 'quota'],
    ['team all 30d', 'U0ADMIN', 'team_spend'],
    ['team support 7d', 'U0ADMIN', 'team_spend'],
    ['help', 'U0NOBODY', 'help'],
  ])('%s asked by %s → %s', (text, userId, kind) => {
    expect(app.answer(text, userId).data.kind).toBe(kind);
  });

  it('refuses politely, saying who can', () => {
    const reply = app.answer('team support 7d', 'U0SEARCHMGR');
    expect(reply.public).toBe(false);
    expect(reply.message.summary).toMatch(
      /Only the support team and admins \(<@U0ADMIN>\) can see support's spend/,
    );
  });

  it('answers the command line without a user as before', () => {
    expect(app.answer('team support 7d').data.kind).toBe('team_spend');
  });

  it('shows `alerts` only for the teams the asker belongs to; admins see all', () => {
    const store = createAlertStore(app.db);
    const now = Date.UTC(2026, 10, 29, 12) / 1000;
    const alert = (team: string) => ({
      fingerprint: `budget|${team}|2026-11|80`,
      rule: 'budget' as const,
      team,
      severity: 'warning' as const,
      title: `${team} on course for 85% of its November budget`,
      summary: 's',
      details: {},
      observedAt: now,
    });
    store.record([alert('search'), alert('support')], now, { resolveAfterMinutes: 15, rules: ['budget'] });
    const teamsOf = (userId: string) =>
      (app.answer('alerts', userId).data.alerts as Array<{ team: string }>).map((entry) => entry.team);
    expect(teamsOf('U0SEARCHMGR')).toEqual(['search']);
    expect(teamsOf('U0ADMIN')).toEqual(['search', 'support']);
    expect(app.answer('alerts', 'U0SEARCHMGR').message.summary).toBe(
      '1 alert not resolved; 0 resolved in 2026-11-23 → 2026-11-29.',
    );
  });
});

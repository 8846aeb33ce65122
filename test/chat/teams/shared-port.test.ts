import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../../../src/chat/slack/create-slack-app.js';
import { createTeamsApp } from '../../../src/chat/teams/create-teams-app.js';
import { helpMessage } from '../../../src/core/views/help-message.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createTeamsConversations } from '../../../src/store/teams-conversations.js';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
let connector: FakeBotConnector;
let slack: SlackApp;
let port: number;
const asked: string[] = [];

beforeAll(async () => {
  connector = await startFakeBotConnector();
  const teams = createTeamsApp({
    settings: { appId: '', insecure: true },
    answer: (text, asker) => {
      asked.push(`${asker.id}: ${text}`);
      return { message: helpMessage(), data: { kind: 'help' }, public: false };
    },
    conversations: createTeamsConversations(openDatabase({ path: ':memory:' })),
    clock: () => NOW,
    logError: () => undefined,
  });
  slack = createSlackApp({
    answer: () => {
      throw new Error('not asked');
    },
    botToken: 'xoxb-test',
    signingSecret: 'test-signing-secret',
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    port: 0,
    host: '127.0.0.1',
    extraRoutes: [teams.route],
  });
  ({ port } = await slack.start());
});

afterAll(async () => {
  await slack.stop();
  await connector.close();
});

describe('Slack over HTTP and Teams on one port', () => {
  it('answers a Teams message posted to /api/messages on the Slack receiver, and /healthz still answers 200', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'in-shared',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:ada', aadObjectId: 'aad-ada' },
        recipient: { id: '28:bot' },
        text: '/ai-spend help',
        conversation: { id: 'a:personal-ada', conversationType: 'personal' },
      }),
    });
    expect(response.status).toBe(200);
    expect(asked).toEqual(['aad-ada: help']);
    expect(connector.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /v3/conversations/a:personal-ada/activities/in-shared',
    ]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

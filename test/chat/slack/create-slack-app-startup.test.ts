import { SocketModeReceiver, type types } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/chat/answer.js';
import { blockKitProblems } from '../../../src/chat/block-kit-limits.js';
import {
  createSlackApp,
  type SlackApp,
  type SlackAppOptions,
} from '../../../src/chat/slack/create-slack-app.js';
import { AiSpendError } from '../../../src/core/errors.js';
import { helpMessage } from '../../../src/core/views/help-message.js';
import { FAKE_BOT, type FakeSlackApi, startFakeSlackApi } from '../../support/fake-slack-api.js';
import { createRecordingLogger } from './recording-logger.js';

const SIGNING_SECRET = 'test-signing-secret-1679091c5a880faf';
const BOT_TOKEN = 'xoxb-test-bot-token-8f14e45fceea167a';
const APP_TOKEN = 'xapp-test-app-token-45c48cce2e2d7fbd';

let fake: FakeSlackApi;
const { logger, lines: logLines } = createRecordingLogger();
const running: SlackApp[] = [];
const asked: Array<{ text: string; user: string }> = [];

/** The help, as the real answer gives it, posted in the channel when asked `public`. */
const answerHelp = (text: string, asker: { id: string }): Answer => {
  asked.push({ text, user: asker.id });
  return { message: helpMessage(), data: { kind: 'help' }, public: text.includes('public') };
};

beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((slack) => slack.stop()));
});
afterAll(async () => {
  await fake.close();
});

function options(overrides: Partial<SlackAppOptions> = {}): SlackAppOptions {
  return {
    answer: answerHelp,
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
    logger,
    ...overrides,
  };
}

const authChecks = () => fake.calls.filter((call) => call.method === 'auth.test');

describe('createSlackApp start-up', () => {
  it('checks the bot token with one auth.test call at start, none at construction', async () => {
    const before = authChecks().length;
    const slack = createSlackApp(options());
    expect(authChecks()).toHaveLength(before);
    await slack.start();
    running.push(slack);
    expect(
      authChecks()
        .slice(before)
        .map((call) => call.headers.authorization),
    ).toEqual([`Bearer ${BOT_TOKEN}`]);
  });

  it('makes no auth.test call at all when botId and botUserId are given', async () => {
    const before = authChecks().length;
    const slack = createSlackApp(options({ botId: FAKE_BOT.botId, botUserId: FAKE_BOT.userId }));
    await slack.start();
    running.push(slack);
    expect(authChecks()).toHaveLength(before);
  });

  it('refuses to start with a token Slack rejects (invalid_auth), naming SLACK_BOT_TOKEN', async () => {
    const rejecting = await startFakeSlackApi();
    rejecting.answer('auth.test', { ok: false, error: 'invalid_auth' });
    const slack = createSlackApp(options({ botToken: 'xoxb-revoked', slackApiUrl: rejecting.apiUrl }));
    const failure = await slack.start().catch((error: unknown) => error);
    await rejecting.close();
    expect(failure).toBeInstanceOf(AiSpendError);
    const { code, message, hint } = failure as AiSpendError;
    expect([code, message]).toEqual(['config_invalid', 'Slack rejected the bot token: invalid_auth.']);
    expect(hint).toContain('SLACK_BOT_TOKEN');
  });

  it('needs a signing secret over HTTP, naming SLACK_SIGNING_SECRET', () => {
    expect(() => createSlackApp(options({ signingSecret: undefined }))).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        hint: expect.stringContaining('SLACK_SIGNING_SECRET'),
      }),
    );
  });
});

describe('createSlackApp over Socket Mode (app token)', () => {
  it('builds a Socket Mode receiver without a signing secret and makes no network call', () => {
    const calls = fake.calls.length;
    const slack = createSlackApp(options({ appToken: APP_TOKEN, signingSecret: undefined }));
    expect((slack.app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
    expect(fake.calls).toHaveLength(calls);
  });

  it('connects with the app token, acknowledges `/ai-spend help public` over the socket and serves /healthz', async () => {
    const slack = createSlackApp(
      options({
        appToken: APP_TOKEN,
        signingSecret: undefined,
        botId: FAKE_BOT.botId,
        botUserId: FAKE_BOT.userId,
      }),
    );
    const { port } = await slack.start();
    running.push(slack);
    const open = await fake.waitFor('apps.connections.open');
    expect(open.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);

    await fake.sendEnvelope({
      envelope_id: 'env-help-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: FAKE_BOT.teamId,
        channel_id: 'C0GENERAL',
        user_id: 'U0ASKER',
        command: '/ai-spend',
        text: 'help public',
        response_url: fake.responseUrl('socket-help'),
        trigger_id: '1.2.abc',
        api_app_id: 'A0AISPEND',
      },
    });
    const ack = await fake.waitFor('socket', (call) => call.body.envelope_id === 'env-help-1');
    const payload = ack.body.payload as { response_type: string; text: string; blocks: types.KnownBlock[] };
    expect(asked).toContainEqual({ text: 'help public', user: 'U0ASKER' });
    expect(payload.response_type).toBe('in_channel');
    expect((payload.blocks[0] as types.HeaderBlock).text.text).toBe('ai-spend');
    expect(blockKitProblems(payload)).toEqual([]);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
  });

  it('never logs the bot token, the app token or the signing secret', () => {
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]) {
      expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});

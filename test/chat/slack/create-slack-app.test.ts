import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { types } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/chat/answer.js';
import { blockKitProblems } from '../../../src/chat/block-kit-limits.js';
import { renderBlockKit } from '../../../src/chat/render-block-kit.js';
import {
  createSlackApp,
  type SlackApp,
  type SlackAppOptions,
} from '../../../src/chat/slack/create-slack-app.js';
import { readEnvironment } from '../../../src/config/environment.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { formatUsd } from '../../../src/core/money.js';
import { type App, createApp } from '../../../src/main.js';
import { demoConfigYaml } from '../../../src/sim/scenario/demo-config.js';
import { generateScenario } from '../../../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../../../src/sim/start-simulators.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../support/fake-slack-api.js';
import { postEvent, postSlashCommand, type SlackHttpAnswer } from '../../support/slack-requests.js';
import { createRecordingLogger } from './recording-logger.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a';
const BOT_TOKEN = 'xoxb-test-bot-token-c9f0f895fb98ab91';

let simulators: Simulators;
let aiSpend: App;
let fake: FakeSlackApi;
const { logger: recordingLogger, lines: logLines } = createRecordingLogger();
const running: SlackApp[] = [];

beforeAll(async () => {
  const scenario = generateScenario({ end: NOW, days: 10 });
  simulators = await startSimulators(scenario, { now: () => NOW });
  const dbPath = join(mkdtempSync(join(tmpdir(), 'ai-spend-slack-')), 'ai-spend.db');
  const env = { ...simulators.env, AI_SPEND_DB: dbPath };
  aiSpend = createApp({
    config: loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env }),
    environment: readEnvironment(env),
    sources: ['anthropic', 'openai', 'bedrock'],
    clock: () => NOW,
    maxRetries: 0,
  });
  await aiSpend.collect();
  fake = await startFakeSlackApi();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((slack) => slack.stop()));
});

afterAll(async () => {
  aiSpend.close();
  await Promise.all([simulators.close(), fake.close()]);
});

/** Starts a Slack app on a free loopback port, answering from the seeded store unless told otherwise. */
async function startSlack(options: Partial<SlackAppOptions> = {}): Promise<string> {
  const slack = createSlackApp({
    answer: (text) => aiSpend.answer(text),
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    port: 0,
    host: '127.0.0.1',
    logger: recordingLogger,
    botId: 'B0AISPEND',
    botUserId: 'U0AISPEND',
    unhandledRequestTimeoutMillis: 500,
    ...options,
  });
  const { port } = await slack.start();
  running.push(slack);
  return `http://127.0.0.1:${port}`;
}

function blocksOf(message: { blocks?: unknown }): types.KnownBlock[] {
  return (message.blocks ?? []) as types.KnownBlock[];
}

/** Every string in the blocks, in order: what the user reads. */
function textOf(message: { blocks?: unknown }): string {
  return JSON.stringify(blocksOf(message));
}

function expectValidMessage(message: Record<string, unknown> | undefined): Record<string, unknown> {
  expect(message).toBeDefined();
  const slackMessage = message as { text?: string; blocks?: types.KnownBlock[] };
  expect(blockKitProblems(slackMessage)).toEqual([]);
  return message as Record<string, unknown>;
}

describe('createSlackApp over HTTP', () => {
  it('answers a signed `/ai-spend team search 7d` with the stored 7-day total of team search, ephemeral', async () => {
    const base = await startSlack();
    const totalMicros = aiSpend.answer('team search 7d').data.total_micros as number;
    expect(totalMicros).toBeGreaterThan(1_000_000);
    const expected = formatUsd(totalMicros);

    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'team search 7d',
      responseUrl: fake.responseUrl('search-7d'),
    });

    expect([reply.status, reply.contentType]).toEqual([200, 'application/json']);
    const message = expectValidMessage(reply.json);
    expect(message.response_type).toBe('ephemeral');
    const [header, , totals] = blocksOf(message) as [
      types.HeaderBlock,
      types.SectionBlock,
      types.SectionBlock,
    ];
    expect(header.text.text).toBe(`search · 7d · ${expected}`);
    expect(totals.fields?.[0]?.text).toMatch(new RegExp(`^\\*Total\\*\\n\\${expected} \\(`));
    expect(String(message.text).split('\n')[0]).toBe(`search · 7d · ${expected}`);
    expect(fake.calls.filter((call) => call.method === 'response')).toEqual([]);
  });

  it.each([
    'help',
    'team all 30d',
    'team unallocated 30d',
    'provider bedrock 7d',
    'model claude-sonnet-4-5',
    'quota 7d',
    'latency',
    'team nosuchteam',
    'team search 2026-13-45',
    'alerts',
  ])('answers `/ai-spend %s` from the seeded store within every Block Kit limit', async (text) => {
    const base = await startSlack();
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text,
      responseUrl: fake.responseUrl('each'),
    });
    expect(reply.status).toBe(200);
    const message = expectValidMessage(reply.json);
    const title = renderBlockKit(aiSpend.answer(text).message).blocks[0] as types.HeaderBlock;
    expect((blocksOf(message)[0] as types.HeaderBlock).text.text).toBe(title.text.text);
  });

  it('posts `team search 7d public` in the channel (response_type in_channel)', async () => {
    const base = await startSlack();
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'team search 7d public',
      responseUrl: fake.responseUrl('public'),
    });
    expect(reply.status).toBe(200);
    expect(expectValidMessage(reply.json).response_type).toBe('in_channel');
  });

  it('answers an unknown subcommand with 200 and a suggestion, not an error', async () => {
    const base = await startSlack();
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'teem search',
      responseUrl: fake.responseUrl('unknown'),
    });
    expect(reply.status).toBe(200);
    const message = expectValidMessage(reply.json);
    expect(message.response_type).toBe('ephemeral');
    expect(textOf(message)).toContain('I don\'t know \\"teem\\". Did you mean `team`? Try `help`.');
  });

  it.each([
    ['signed with another secret', { signWith: 'not-the-signing-secret' }],
    ['signed 400 s ago (over the 5-minute window)', { timestamp: Math.floor(Date.now() / 1000) - 400 }],
  ])('refuses a request %s with 401 and never computes an answer', async (_case, signing) => {
    let answered = 0;
    const base = await startSlack({
      answer: (text) => {
        answered += 1;
        return aiSpend.answer(text);
      },
    });
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'team search 7d',
      responseUrl: fake.responseUrl('forged'),
      ...signing,
    });
    expect([reply.status, reply.text, answered]).toEqual([401, '', 0]);
  });

  it('turns an answer that throws into an apology with an error id, logged once with that id, 200', async () => {
    const base = await startSlack({
      answer: () => {
        throw new Error('database is locked');
      },
      newErrorId: () => 'e0e0e0e1',
    });
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'team search 7d',
      responseUrl: fake.responseUrl('throws'),
    });
    expect(reply.status).toBe(200);
    const message = expectValidMessage(reply.json);
    expect(message.response_type).toBe('ephemeral');
    expect(textOf(message)).toContain('error id `e0e0e0e1`');
    expect(textOf(message)).not.toContain('database is locked');
    await expect.poll(() => logLines.filter((line) => line.includes('e0e0e0e1'))).toHaveLength(1);
    expect(logLines.find((line) => line.includes('e0e0e0e1'))).toMatch(
      /^error ai-spend slack error e0e0e0e1: Error: database is locked\n/,
    );
  });

  it('acknowledges an answer slower than the 10 ms budget empty, then posts it to the response_url', async () => {
    const responseUrl = fake.responseUrl('slow');
    const base = await startSlack({
      ackBudgetMillis: 10,
      answer: async (text) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return aiSpend.answer(text);
      },
    });
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'team search 7d public',
      responseUrl,
    });
    expect([reply.status, reply.text]).toEqual([200, '']);

    const posted = await fake.waitFor('response', (call) => call.path === '/response/slow');
    expect(posted.headers['content-type']).toBe('application/json');
    const message = expectValidMessage(posted.body);
    expect(message.response_type).toBe('in_channel');
    const total = formatUsd(aiSpend.answer('team search 7d').data.total_micros as number);
    expect((blocksOf(message)[0] as types.HeaderBlock).text.text).toBe(`search · 7d · ${total}`);
  });

  it('apologises through the response_url when a slow answer fails', async () => {
    const base = await startSlack({
      ackBudgetMillis: 10,
      newErrorId: () => 'e0e0e0e2',
      answer: async (): Promise<Answer> => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('query timed out');
      },
    });
    const reply = await postSlashCommand(base, SIGNING_SECRET, {
      text: 'team all 30d',
      responseUrl: fake.responseUrl('slow-fails'),
    });
    expect([reply.status, reply.text]).toEqual([200, '']);
    const posted = await fake.waitFor('response', (call) => call.path === '/response/slow-fails');
    expect(textOf(expectValidMessage(posted.body))).toContain('error id `e0e0e0e2`');
    await expect
      .poll(() => logLines.some((line) => line.includes('e0e0e0e2: Error: query timed out')))
      .toBe(true);
  });

  it('answers GET /healthz with 200 {"ok":true} on the same port', async () => {
    const base = await startSlack();
    const response = await fetch(`${base}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
  });

  it('publishes the Home tab with the help when a user opens it', async () => {
    const base = await startSlack();
    const reply: SlackHttpAnswer = await postEvent(base, SIGNING_SECRET, {
      type: 'app_home_opened',
      user: 'U0HOMEUSER',
      channel: 'D0HOME',
      tab: 'home',
      event_ts: '1764400000.000100',
    });
    expect(reply.status).toBe(200);
    const published = await fake.waitFor('views.publish', (call) => call.body.user_id === 'U0HOMEUSER');
    expect(published.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const view = published.body.view as { type: string; blocks: types.KnownBlock[] };
    expect(view.type).toBe('home');
    expect(blockKitProblems({ blocks: view.blocks }, { surface: 'view' })).toEqual([]);
    expect((view.blocks[0] as types.HeaderBlock).text.text).toBe('ai-spend');
    expect(JSON.stringify(view.blocks)).toContain('`team &lt;name&gt; [period]`');
  });

  it('never logs the bot token, the signing secret or the legacy verification token', () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'legacy-verification-token']) {
      expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});

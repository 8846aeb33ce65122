import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/chat/block-kit-limits.js';
import type { BlockKitMessage } from '../../src/chat/render-block-kit.js';
import { createSlackDeliveryClient, type DeliveryProblem } from '../../src/chat/slack/deliver-slack.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { digestRecipients, sendDigests } from '../../src/jobs/send-digest.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';
import { type FakeSlackApi, type FakeSlackCall, startFakeSlackApi } from '../support/fake-slack-api.js';

// Monday afternoon: the digest week is 2026-11-23 to 2026-11-30.
const NOW = Date.UTC(2026, 10, 30, 14) / 1000;
const scenario = generateScenario({ end: NOW, days: 36 });
const demo = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });
const SOURCES = ['anthropic', 'openai', 'bedrock'] as const;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const searchOnly = (defaultChannel?: string) => ({
  ...demo,
  teams: { search: demo.teams.search } as typeof demo.teams,
  slack: defaultChannel === undefined ? {} : { defaultChannel },
});

let simulators: Simulators;
let app: App;
let slack: FakeSlackApi;

beforeAll(async () => {
  simulators = await startSimulators(scenario, { now: () => NOW });
  app = createApp({
    config: demo,
    environment: readEnvironment({
      ...simulators.env,
      AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-send-digest-')), 'ai-spend.db'),
    }),
    sources: [...SOURCES],
    clock: () => NOW,
    maxRetries: 0,
  });
  await app.collect();
});
afterAll(async () => {
  app.close();
  await simulators.close();
});
beforeEach(async () => {
  app.db.exec('DELETE FROM digest_deliveries');
  slack = await startFakeSlackApi();
  return () => slack.close();
});

const send = (config: ReturnType<typeof searchOnly>, now = NOW, problems: DeliveryProblem[] = []) =>
  sendDigests({
    db: app.db,
    config,
    sources: SOURCES,
    client: createSlackDeliveryClient({ token: 'xoxb-test', slackApiUrl: slack.apiUrl }),
    now,
    onProblem: (problem) => problems.push(problem),
  });
const calls = (method: string): FakeSlackCall[] => slack.calls.filter((call) => call.method === method);
const posted = () => calls('chat.postMessage').map((call) => call.body.channel);

describe('sendDigests', () => {
  it('lists 13 demo recipients: 6 team channels, 6 managers, then the organisation channel', () => {
    const recipients = digestRecipients(demo);
    expect(recipients).toHaveLength(13);
    expect(recipients.filter((r) => r.team === 'search')).toEqual([
      { team: 'search', id: 'C0SEARCH', dm: false },
      { team: 'search', id: 'U0SEARCHMGR', dm: true },
    ]);
    expect(recipients.at(-1)).toEqual({ team: 'all', id: 'C0FINOPS', dm: false });
  });

  it('sends search’s digest to C0SEARCH and by DM to U0SEARCHMGR, each with a 2026-11-23 PNG chart', async () => {
    const summary = await send(searchOnly());
    expect(summary).toEqual({ sent: 2, skipped: 0, retrying: 0, failed: 0 });
    expect(calls('conversations.open').map((call) => call.body.users)).toEqual(['U0SEARCHMGR']);
    expect(posted()).toEqual(['C0SEARCH', 'D0SEARCHMGR']);
    for (const call of calls('chat.postMessage')) {
      const message = { text: call.body.text, blocks: call.body.blocks } as BlockKitMessage;
      expect(blockKitProblems(message)).toEqual([]);
      expect(String(call.body.text)).toMatch(/search/);
      expect(call.body.metadata).toMatchObject({
        event_type: 'ai_spend_digest',
        event_payload: { team: 'search', week_start: '2026-11-23' },
      });
    }
    expect(calls('files.getUploadURLExternal').map((call) => call.body.filename)).toEqual([
      'digest-search-2026-11-23.png',
      'digest-search-2026-11-23.png',
    ]);
    const completed = calls('files.completeUploadExternal');
    expect(completed.map((call) => call.body.channel_id)).toEqual(['C0SEARCH', 'D0SEARCHMGR']);
    expect(completed[0]?.body.files).toEqual([
      { id: 'F0001', title: 'Team search: spend per day by provider, week of 2026-11-23' },
    ]);
    expect([...slack.uploads.keys()]).toEqual(['F0001', 'F0002']);
    for (const png of slack.uploads.values()) {
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(png.length).toBe(Number(calls('files.getUploadURLExternal')[0]?.body.length));
    }
    const rows = app.db
      .prepare('SELECT recipient, channel, state, file_id FROM digest_deliveries ORDER BY recipient')
      .all();
    expect(rows).toEqual([
      { recipient: 'C0SEARCH', channel: 'C0SEARCH', state: 'sent', file_id: 'F0001' },
      { recipient: 'U0SEARCHMGR', channel: 'D0SEARCHMGR', state: 'sent', file_id: 'F0002' },
    ]);
  });

  it('sends nothing when run again the same week (2 skipped, 0 Slack calls)', async () => {
    await send(searchOnly());
    const before = slack.calls.length;
    expect(await send(searchOnly(), NOW + 3_600)).toEqual({ sent: 0, skipped: 2, retrying: 0, failed: 0 });
    expect(slack.calls.length).toBe(before);
  });

  it('waits out a 429 (Retry-After 30 s) on the first post, then delivers each digest exactly once', async () => {
    slack.failNext({ status: 429, method: 'chat.postMessage', retryAfterSeconds: 30 });
    const first = await send(searchOnly('C0FINOPS'));
    expect(first).toEqual({
      sent: 0,
      skipped: 0,
      retrying: 3,
      failed: 0,
      stoppedBy: 'ratelimited',
      rateLimitedUntil: NOW + 30,
    });
    expect(calls('files.getUploadURLExternal')).toHaveLength(0);
    expect(await send(searchOnly('C0FINOPS'), NOW + 10)).toMatchObject({ sent: 0, retrying: 3 });
    expect(await send(searchOnly('C0FINOPS'), NOW + 30)).toEqual({
      sent: 3,
      skipped: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await send(searchOnly('C0FINOPS'), NOW + 60)).toMatchObject({ sent: 0, skipped: 3 });
    // The rate-limited attempt plus one delivery each.
    expect(posted()).toEqual(['C0SEARCH', 'C0SEARCH', 'D0SEARCHMGR', 'C0FINOPS']);
    expect(calls('files.completeUploadExternal').map((call) => call.body.channel_id)).toEqual([
      'C0SEARCH',
      'D0SEARCHMGR',
      'C0FINOPS',
    ]);
    const org = calls('chat.postMessage').at(-1);
    expect(blockKitProblems({ text: org?.body.text, blocks: org?.body.blocks } as BlockKitMessage)).toEqual(
      [],
    );
  });

  it('uploads only the chart after a 500 from files.completeUploadExternal (message posted once)', async () => {
    slack.failNext({ status: 500, method: 'files.completeUploadExternal' });
    expect(await send(searchOnly())).toMatchObject({ sent: 0, retrying: 2, stoppedBy: 'unavailable' });
    expect(await send(searchOnly(), NOW + 60)).toEqual({ sent: 2, skipped: 0, retrying: 0, failed: 0 });
    expect(posted()).toEqual(['C0SEARCH', 'D0SEARCHMGR']);
    expect(calls('files.completeUploadExternal')).toHaveLength(3);
  });

  it('fails a channel the app is not in with 1 problem and does not retry it', async () => {
    slack.answer('chat.postMessage', { ok: false, error: 'not_in_channel' });
    const problems: DeliveryProblem[] = [];
    const config = {
      ...searchOnly(),
      teams: { search: { ...demo.teams.search, managers: [] } },
    } as ReturnType<typeof searchOnly>;
    expect(await send(config, NOW, problems)).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 1 });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'chat_delivery', error: 'not_in_channel', channel: 'C0SEARCH' }),
    ]);
    expect(problems[0]?.hint).toContain('/invite');
    expect(await send(config, NOW + 60, problems)).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 1 });
    expect(problems).toHaveLength(1);
    expect(calls('chat.postMessage')).toHaveLength(1);
  });
});

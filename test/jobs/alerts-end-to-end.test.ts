import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/chat/block-kit-limits.js';
import { createSlackApp } from '../../src/chat/slack/create-slack-app.js';
import { createSlackDeliveryClient } from '../../src/chat/slack/deliver-slack.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { analyze } from '../../src/jobs/analyze.js';
import { deliver } from '../../src/jobs/deliver.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { demoStory } from '../../src/sim/scenario/demo-story.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import type { BedrockScenario } from '../../src/sim/scenario-types.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';
import { createAlertStore } from '../../src/store/alert-store.js';
import { type FakeSlackApi, startFakeSlackApi } from '../support/fake-slack-api.js';
import { postButtonPress, postViewSubmission } from '../support/slack-requests.js';

const END = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const scenario = generateScenario({ end: END, days: 12 });
const bedrock = scenario.bedrock as BedrockScenario;
const story = demoStory(END).bedrock;
const config = loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} });

/** The busiest minute of the hot quota on the story's Tuesday, and its share of the quota. */
function peakMinute(): { minute: number; percent: number } {
  const series = bedrock.series.filter(
    (entry) => entry.region === story.quotaRegion && story.quotaModelIds.includes(entry.modelId),
  );
  let peak = { minute: story.quotaTuesday, percent: 0 };
  for (let minute = story.quotaTuesday; minute < story.quotaTuesday + 86_400; minute += 60) {
    const used = series.reduce(
      (sum, entry) => sum + (bedrock.minute(entry, minute)?.estimatedTpmQuotaUsage ?? 0),
      0,
    );
    const percent = (used / story.quotaValue) * 100;
    if (percent > peak.percent) peak = { minute, percent };
  }
  return peak;
}

const peak = peakMinute();
/** Just after the peak minute: it is complete and inside the rule's 15-minute window. */
const NOW = peak.minute + 60;

/** The Slack app as `start` runs it, with its buttons wired to the app under test. */
function buttonApp(signingSecret: string) {
  return createSlackApp({
    answer: (text) => app.answer(text),
    onAlertButton: (press) => app.actOnAlert(press),
    botToken: 'xoxb-test',
    signingSecret,
    slackApiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    botId: 'B0AISPEND',
    botUserId: 'U0AISPEND',
    retryConfig: { retries: 0 },
  });
}

let simulators: Simulators;
let fake: FakeSlackApi;
let app: App;
beforeAll(async () => {
  simulators = await startSimulators(scenario, { now: () => NOW });
  fake = await startFakeSlackApi();
  app = createApp({
    config,
    environment: readEnvironment({
      ...simulators.env,
      AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-alerts-')), 'ai-spend.db'),
    }),
    sources: ['bedrock'],
    clock: () => NOW,
    maxRetries: 0,
  });
  const collected = await app.collect();
  expect(collected.results).toMatchObject([{ source: 'bedrock', ok: true }]);
});
afterAll(async () => {
  app.close();
  await fake.close();
  await simulators.close();
});

describe('quota alert from the demo story to Slack', () => {
  const slack = () => ({
    client: createSlackDeliveryClient({ token: 'xoxb-test', slackApiUrl: fake.apiUrl }),
    defaultChannel: 'C0FINOPS',
  });

  it(`opens a quota alert owned by data at the Tuesday peak and posts it to C0DATA with three buttons`, async () => {
    expect(peak.percent).toBeGreaterThanOrEqual(80);
    expect(peak.percent).toBeLessThan(95);
    const summary = await analyze({ db: app.db, config }, NOW);
    const quota = createAlertStore(app.db)
      .open()
      .filter((alert) => alert.rule === 'quota');
    expect(quota).toMatchObject([
      {
        fingerprint: `quota|${story.quotaRegion}|${story.quotaName}|80`,
        team: story.hotTeam,
        severity: 'warning',
        state: 'open',
        details: { limit: story.quotaValue, teams: [{ team: 'data', share: 1 }] },
      },
    ]);
    expect(summary.messages.find((message) => message.alertId === quota[0]?.id)?.channel).toBe('C0DATA');

    const delivered = await deliver({ db: app.db, slack: slack() }, NOW);
    expect(delivered.slack).toMatchObject({ retrying: 0, failed: 0 });
    const posts = fake.calls.filter((call) => call.method === 'chat.postMessage');
    expect(posts).toHaveLength(summary.enqueued);
    const post = posts.find((call) => call.body.channel === 'C0DATA');
    expect(String(post?.body.text)).toContain('quota past 80% in us-east-1');
    const blocks = (post?.body.blocks ?? []) as Array<{
      type: string;
      elements?: Array<{ action_id: string; value: string }>;
    }>;
    const buttons = blocks
      .filter((block) => block.type === 'actions')
      .flatMap((block) => block.elements ?? []);
    expect(buttons.map((button) => [button.action_id, button.value])).toEqual([
      ['alert.acknowledge', String(quota[0]?.id)],
      ['alert.snooze', String(quota[0]?.id)],
      ['alert.expected', String(quota[0]?.id)],
    ]);
    for (const call of posts) {
      expect(blockKitProblems({ text: String(call.body.text), blocks: call.body.blocks as never[] })).toEqual(
        [],
      );
    }
  });

  it('Acknowledge records who and when once, and replaces the message for everyone; a second press changes nothing', async () => {
    const [alert] = createAlertStore(app.db)
      .open()
      .filter((entry) => entry.rule === 'quota');
    const signingSecret = 'button-test-secret';
    const slackApp = buttonApp(signingSecret);
    const { port } = await slackApp.start();
    try {
      const press = () =>
        postButtonPress(`http://127.0.0.1:${port}`, signingSecret, {
          actionId: 'alert.acknowledge',
          value: String(alert?.id),
          userId: 'U0ONCALL',
          responseUrl: fake.responseUrl('ack'),
        });
      // Someone outside team data, pressing elsewhere, is refused politely and nothing changes.
      expect(
        (
          await postButtonPress(`http://127.0.0.1:${port}`, signingSecret, {
            actionId: 'alert.acknowledge',
            value: String(alert?.id),
            userId: 'U0SEARCHMGR',
            responseUrl: fake.responseUrl('refused'),
            channelId: 'C0SEARCH',
          })
        ).status,
      ).toBe(200);
      const refusal = await fake.waitFor('response');
      expect(String(refusal.body.text)).toMatch(/Only the data team and admins/);
      expect(createAlertStore(app.db).get(alert?.id ?? 0)).toMatchObject({ state: 'open' });

      expect((await press()).status).toBe(200);
      const replaced = await fake.waitFor('chat.update', (call) =>
        /Acknowledged by/.test(String(call.body.text)),
      );
      expect(replaced.body).toMatchObject({ channel: 'C0DATA', ts: '1764000000.000100' });
      expect(String(replaced.body.text)).toMatch(/Acknowledged by <@U0ONCALL>/);
      expect(
        blockKitProblems({ text: String(replaced.body.text), blocks: replaced.body.blocks as never[] }),
      ).toEqual([]);
      expect(createAlertStore(app.db).get(alert?.id ?? 0)).toMatchObject({
        state: 'acknowledged',
        acknowledgedBy: 'U0ONCALL',
      });

      const updates = fake.calls.filter((call) => call.method === 'chat.update').length;
      expect((await press()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.calls.filter((call) => call.method === 'chat.update').length).toBe(updates);
      const events = createAlertStore(app.db)
        .events(alert?.id ?? 0)
        .filter((event) => event.kind === 'acknowledged');
      expect(events).toHaveLength(1);

      // Expected asks why in a dialog, then updates the posted message with the reason.
      expect(
        (
          await postButtonPress(`http://127.0.0.1:${port}`, signingSecret, {
            actionId: 'alert.expected',
            value: String(alert?.id),
            userId: 'U0ONCALL',
            responseUrl: fake.responseUrl('expected'),
          })
        ).status,
      ).toBe(200);
      const dialog = await fake.waitFor('views.open');
      const view = dialog.body.view as { callback_id: string; private_metadata: string };
      expect(view.callback_id).toBe('alert.expected.reason');
      expect(JSON.parse(view.private_metadata)).toMatchObject({ alertId: alert?.id, channel: 'C0DATA' });
      const submit = (reason: string) =>
        postViewSubmission(`http://127.0.0.1:${port}`, signingSecret, {
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: { reason: { reason: { type: 'plain_text_input', value: reason } } },
          userId: 'U0ONCALL',
        });
      const empty = await submit('  ');
      expect(empty.json).toMatchObject({ response_action: 'errors' });
      expect((await submit('planned load test of doc-summarizer')).status).toBe(200);
      const updated = await fake.waitFor('chat.update', (call) =>
        /planned load test/.test(String(call.body.text)),
      );
      expect(updated.body).toMatchObject({ channel: 'C0DATA', ts: '1764000000.000100' });
      expect(String(updated.body.text)).toMatch(/planned load test of doc-summarizer/);
      expect(createAlertStore(app.db).get(alert?.id ?? 0)).toMatchObject({ state: 'expected' });
    } finally {
      await slackApp.stop();
    }
  });

  it('Acknowledge all on a batched message acknowledges each alert it lists and shows the batch again', async () => {
    const store = createAlertStore(app.db);
    const candidate = (rule: 'migration' | 'retry_storm', title: string) => ({
      fingerprint: `${rule}|data|batch-test`,
      rule,
      team: 'data',
      severity: 'warning' as const,
      title,
      summary: `${title}.`,
      details: {},
      observedAt: NOW,
    });
    const { opened } = store.record(
      [candidate('migration', 'data moved 40% to gpt-5.4'), candidate('retry_storm', 'retries on haiku')],
      NOW,
      { resolveAfterMinutes: 15, rules: [] },
    );
    const value = opened.map((alert) => alert.id).join(',');
    const signingSecret = 'batch-test-secret';
    const slackApp = buttonApp(signingSecret);
    const { port } = await slackApp.start();
    try {
      const response = await postButtonPress(`http://127.0.0.1:${port}`, signingSecret, {
        actionId: 'alert.acknowledge',
        value,
        userId: 'U0ONCALL',
        responseUrl: fake.responseUrl('batch'),
      });
      expect(response.status).toBe(200);
      const replaced = await fake.waitFor('chat.update', (call) =>
        /2 new alerts for data/.test(String(call.body.text)),
      );
      expect(String(JSON.stringify(replaced.body.blocks))).toContain('2 acknowledged');
      expect(opened.map((alert) => store.get(alert.id)?.state)).toEqual(['acknowledged', 'acknowledged']);
      expect(
        blockKitProblems({ text: String(replaced.body.text), blocks: replaced.body.blocks as never[] }),
      ).toEqual([]);
    } finally {
      await slackApp.stop();
    }
  });

  it("shows data's manager the alert with its buttons and the team's month against budget in the Home tab", () => {
    const [alert] = createAlertStore(app.db)
      .open()
      .filter((entry) => entry.rule === 'quota');
    const home = app.home('U0DATAMGR');
    expect(blockKitProblems({ text: 'home', blocks: home.blocks as never[] }, { surface: 'view' })).toEqual(
      [],
    );
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('alert.snooze');
    expect(text).toContain('planned load test of doc-summarizer');
    expect(text).toContain(`"value":"${alert?.id}"`);
    expect(text).toMatch(/data/);
    expect(JSON.stringify(app.home('U0SEARCHMGR').blocks)).not.toContain(`"value":"${alert?.id}"`);
  });

  it('posts nothing new on the next analyze and deliver', async () => {
    const before = fake.calls.length;
    const summary = await analyze({ db: app.db, config }, NOW + 60);
    expect(summary).toMatchObject({ opened: 0, reopened: 0, enqueued: 0 });
    expect(await deliver({ db: app.db, slack: slack() }, NOW + 60)).toEqual({
      slack: { sent: 0, retrying: 0, failed: 0 },
    });
    expect(fake.calls.length).toBe(before);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptiveCardProblems } from '../../src/chat/adaptive-card-limits.js';
import { alertView } from '../../src/chat/alert-view.js';
import { type RouteServer, startRouteServer } from '../../src/chat/start-route-server.js';
import { createTeamsApp, type TeamsApp } from '../../src/chat/teams/create-teams-app.js';
import { deliverTeams } from '../../src/chat/teams/deliver-teams.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { AlertCandidate } from '../../src/core/alerts/alert.js';
import { type App, createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';
import { generateScenario } from '../../src/sim/scenario/generate-scenario.js';
import { type Simulators, startSimulators } from '../../src/sim/start-simulators.js';
import { createAlertStore } from '../../src/store/alert-store.js';
import { createOutbox } from '../../src/store/outbox-store.js';
import { createTeamsConversations } from '../../src/store/teams-conversations.js';
import { type FakeBotConnector, startFakeBotConnector } from '../support/fake-bot-connector.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const SEARCH_CHANNEL = '19:search@thread.tacv2';
const TEAM = '19:team-general@thread.tacv2';
const ADA = { id: '29:ada-mri', name: 'Ada', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const BOT = { id: '28:ai-spend-bot', name: 'AI Spend' };

let simulators: Simulators;
let aiSpend: App;
let connector: FakeBotConnector;
let teams: TeamsApp;
let server: RouteServer;
let activityCounter = 0;

beforeAll(async () => {
  const scenario = generateScenario({ end: NOW, days: 10 });
  simulators = await startSimulators(scenario, { now: () => NOW });
  const dbPath = join(mkdtempSync(join(tmpdir(), 'ai-spend-teams-')), 'ai-spend.db');
  const env = { ...simulators.env, AI_SPEND_DB: dbPath };
  const yaml = demoConfigYaml().replace(
    '    slack_channel: C0SEARCH\n',
    `    slack_channel: C0SEARCH\n    teams_channel: "${SEARCH_CHANNEL}"\n`,
  );
  const config = loadConfig({ path: 'demo.yml', text: yaml, env });
  aiSpend = createApp({
    config,
    environment: readEnvironment(env),
    sources: ['anthropic', 'openai', 'bedrock'],
    clock: () => NOW,
    maxRetries: 0,
  });
  await aiSpend.collect();
  connector = await startFakeBotConnector();
  teams = createTeamsApp({
    settings: { appId: '', insecure: true },
    answer: (text, asker) => aiSpend.answer(text, asker.id),
    onAlertAction: (press) => aiSpend.actOnAlert(press),
    alertView: (ids) => alertView(aiSpend.db, ids, NOW),
    conversations: createTeamsConversations(aiSpend.db),
    clock: () => NOW,
    logError: () => undefined,
  });
  server = await startRouteServer({ port: 0, host: '127.0.0.1', routes: [teams.route] });
});

afterAll(async () => {
  await server.close();
  aiSpend.close();
  await Promise.all([simulators.close(), connector.close()]);
});

/** POSTs an activity to /api/messages as the Teams channel would (no token: authentication is off). */
async function post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  activityCounter += 1;
  const response = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: `in-${activityCounter}`,
      timestamp: '2026-11-29T14:00:00.000Z',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: ADA,
      recipient: BOT,
      ...activity,
    }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const channelData = { tenant: { id: 'tenant-1' }, team: { id: TEAM }, channel: { id: SEARCH_CHANNEL } };

function factsOf(card: unknown): Array<{ title: string; value: string }> {
  const body = (card as { body: Array<{ type: string; facts?: Array<{ title: string; value: string }> }> })
    .body;
  return body.flatMap((element) => element.facts ?? []);
}

describe('Microsoft Teams over /api/messages', () => {
  it('answers "@AI Spend team search" in a channel with the same figures as /ai-spend team search, as one card reply', async () => {
    const before = connector.calls.length;
    const { status } = await post({
      type: 'message',
      text: '<at>AI Spend</at> team search',
      entities: [{ type: 'mention', text: '<at>AI Spend</at>', mentioned: BOT }],
      conversation: {
        id: `${SEARCH_CHANNEL};messageid=111`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: 'tenant-1',
      },
      channelData,
    });
    expect(status).toBe(200);
    const calls = connector.calls.slice(before);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /v3/conversations/${SEARCH_CHANNEL};messageid=111/activities/in-${activityCounter}`,
    ]);
    const attachment = (
      (calls[0]?.body.attachments ?? []) as Array<{ contentType: string; content: unknown }>
    )[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const expected = aiSpend.answer('team search', ADA.aadObjectId).message;
    const expectedFacts = expected.sections.flatMap((section) => section.facts ?? []);
    expect(expectedFacts.length).toBeGreaterThan(0);
    for (const fact of expectedFacts)
      expect(factsOf(attachment?.content)).toContainEqual({ title: fact.label, value: fact.value });
    expect(adaptiveCardProblems(attachment?.content as Record<string, unknown>)).toEqual([]);
    // The channel is now known for proactive posts, at its root rather than in the thread.
    expect(createTeamsConversations(aiSpend.db).referenceFor(SEARCH_CHANNEL)?.conversation?.id).toBe(
      SEARCH_CHANNEL,
    );
  });

  it('answers "help" in personal chat with the help card', async () => {
    const before = connector.calls.length;
    await post({
      type: 'message',
      text: 'help',
      conversation: { id: 'a:personal-ada', conversationType: 'personal', tenantId: 'tenant-1' },
    });
    const [call] = connector.calls.slice(before);
    expect(call?.path).toBe(`/v3/conversations/a:personal-ada/activities/in-${activityCounter}`);
    expect(JSON.stringify(call?.body)).toContain('team');
  });

  it('refuses a body that is not JSON with 400 and answers nothing', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
      method: 'POST',
      body: 'nope',
    });
    expect(response.status).toBe(400);
  });
});

describe('proactive alerts and Action.Execute', () => {
  const spike: AlertCandidate = {
    fingerprint: 'cost_anomaly|day|team=search|teams-test',
    rule: 'cost_anomaly',
    team: 'search',
    severity: 'warning',
    title: 'search spent 3× its usual',
    summary: 'Team search spent $1,500.00.',
    details: { day: '2026-11-28' },
    observedAt: NOW - 3_600,
  };
  let alertId = 0;
  let postedId = '';

  it('posts an alert once as a new post in the team channel saved on install, retrying a 429 through the outbox', async () => {
    await post({
      type: 'installationUpdate',
      action: 'add',
      conversation: { id: SEARCH_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      channelData,
    });
    const [alert] = createAlertStore(aiSpend.db).record([spike], NOW, { resolveAfterMinutes: 15 }).opened;
    alertId = alert?.id ?? 0;
    const view = alertView(aiSpend.db, [alertId], NOW);
    const outbox = createOutbox(aiSpend.db);
    const enqueue = () =>
      outbox.enqueue({
        dedupeKey: `alert|${alertId}|post|msteams`,
        platform: 'msteams',
        channel: SEARCH_CHANNEL,
        payload: { view: view! },
        alertId,
        now: NOW,
      });
    expect(enqueue().created).toBe(true);
    expect(enqueue().created).toBe(false);
    const before = connector.calls.length;
    connector.failNext({ status: 429, count: 4, retryAfterSeconds: 0 });
    const deps = {
      outbox,
      adapter: teams.adapter,
      appId: '',
      conversations: createTeamsConversations(aiSpend.db),
    };
    const first = await deliverTeams({ ...deps, now: NOW });
    expect(first).toMatchObject({ sent: 0, retrying: 1, stoppedBy: 'ratelimited' });
    // The connector client's own three retries, then the outbox's.
    expect(connector.calls.slice(before).map((call) => call.status)).toEqual([429, 429, 429, 429]);
    const second = await deliverTeams({ ...deps, now: NOW + 1 });
    const third = await deliverTeams({ ...deps, now: NOW + 3_600 });
    expect([second.sent, third.sent]).toEqual([1, 0]);
    const delivered = connector.calls.slice(before).filter((call) => call.status === 200);
    expect(delivered.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /v3/conversations/${SEARCH_CHANNEL}/activities`,
    ]);
    expect(JSON.stringify(delivered[0]?.body)).toContain('search spent 3× its usual');
    postedId = outbox.messageRef(alertId, 'msteams')?.ts ?? '';
    expect(postedId).toMatch(/^act-\d+$/);
  });

  it('acknowledges through an adaptiveCard/action invoke: records who, returns the card, updates the post once', async () => {
    const press = () =>
      post({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: postedId,
        value: {
          action: { type: 'Action.Execute', verb: 'alert.acknowledge', data: { value: String(alertId) } },
          trigger: 'manual',
        },
        conversation: {
          id: `${SEARCH_CHANNEL};messageid=${postedId}`,
          conversationType: 'channel',
          isGroup: true,
          tenantId: 'tenant-1',
        },
        channelData,
      });
    const before = connector.calls.length;
    const first = await press();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const alert = createAlertStore(aiSpend.db).get(alertId);
    expect(alert?.state).toBe('acknowledged');
    expect(createAlertStore(aiSpend.db).events(alertId).at(-1)).toMatchObject({
      actor: ADA.aadObjectId,
      at: NOW,
    });
    const second = await press();
    expect(second.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const puts = connector.calls.slice(before).filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual([
      `/v3/conversations/${SEARCH_CHANNEL};messageid=${postedId}/activities/${postedId}`,
    ]);
  });
});

describe('analyze', () => {
  it('enqueues each alert for the Teams channel of its team next to its Slack channel, under its own key', async () => {
    await aiSpend.analyze();
    const rows = aiSpend.db
      .prepare(
        "SELECT platform, channel, dedupe_key AS key FROM outbox WHERE alert_id IS NOT NULL AND dedupe_key LIKE 'msteams|%'",
      )
      .all() as Array<{ platform: string; channel: string; key: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => `${row.platform} ${row.channel}`))).toEqual(
      new Set([`msteams ${SEARCH_CHANNEL}`]),
    );
    const slackTwins = aiSpend.db
      .prepare(
        "SELECT count(*) FROM outbox WHERE platform = 'slack' AND dedupe_key IN (SELECT substr(dedupe_key, 9) FROM outbox WHERE dedupe_key LIKE 'msteams|%')",
      )
      .pluck()
      .get();
    expect(slackTwins).toBe(rows.length);
  });
});

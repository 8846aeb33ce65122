import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../src/chat/block-kit-limits.js';
import {
  createSlackDeliveryClient,
  type DeliveryProblem,
  deliverSlack,
} from '../../../src/chat/slack/deliver-slack.js';
import type { AlertCandidate } from '../../../src/core/alerts/alert.js';
import { alertMentions, alertMessage } from '../../../src/core/alerts/alert-message.js';
import { createAlertStore } from '../../../src/store/alert-store.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createOutbox } from '../../../src/store/outbox-store.js';
import { type FakeSlackApi, type FakeSlackCall, startFakeSlackApi } from '../../support/fake-slack-api.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const FRESHNESS = 'signals through 2026-11-24 15:48 UTC';

let fake: FakeSlackApi;
beforeEach(async () => {
  fake = await startFakeSlackApi();
});
afterEach(async () => {
  await fake.close();
});

function candidate(n: number): AlertCandidate {
  return {
    fingerprint: `quota|us-east-1|quota ${n}|80`,
    rule: 'quota',
    team: 'data',
    severity: 'warning',
    title: `Quota ${n} past 80% in us-east-1`,
    summary: 'Peaked at 88% of 2,000,000 tokens per minute in the last 15 min (now 84.5%).',
    details: { limit: 2_000_000, nowPercent: 84.5, peakPercent: 88, teams: [{ team: 'data', share: 1 }] },
    observedAt: NOW - 60,
  };
}

/** A database with `count` open alerts, each with a `post` row for `channel` in the outbox. */
function setup(count = 1, channel = 'C0DATA') {
  const db = openDatabase({ path: ':memory:' });
  const alerts = createAlertStore(db);
  const outbox = createOutbox(db);
  const opened = alerts.record(
    Array.from({ length: count }, (_, n) => candidate(n + 1)),
    NOW,
    { resolveAfterMinutes: 15 },
  ).opened;
  for (const alert of opened) {
    outbox.enqueue({
      dedupeKey: `alert|${alert.id}|post`,
      platform: 'slack',
      channel,
      payload: { view: alertMessage(alert, { freshness: FRESHNESS }) },
      alertId: alert.id,
      now: NOW,
    });
  }
  const problems: DeliveryProblem[] = [];
  const client = createSlackDeliveryClient({ token: 'xoxb-test', slackApiUrl: fake.apiUrl });
  const pass = (now: number) =>
    deliverSlack({ outbox, client, now, onProblem: (p) => problems.push(p), defaultChannel: 'C0FINOPS' });
  return { db, alerts, outbox, opened, problems, pass };
}

const calls = (method: string) => fake.calls.filter((call) => call.method === method);
const asMessage = (call: FakeSlackCall | undefined) => ({
  text: String(call?.body.text ?? ''),
  blocks: (call?.body.blocks ?? []) as never[],
});
const buttons = (call: FakeSlackCall | undefined) =>
  (
    (call?.body.blocks ?? []) as Array<{
      type: string;
      elements?: Array<{ action_id: string; value: string }>;
    }>
  )
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .map((button) => [button.action_id, button.value]);

describe('deliverSlack against the Slack Web API', () => {
  it('posts a due alert with its three buttons, marks it sent with its ts, and never posts it again', async () => {
    const { outbox, opened, pass } = setup();
    const id = String(opened[0]?.id);
    expect(await pass(NOW)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [post] = calls('chat.postMessage');
    expect(post?.body.channel).toBe('C0DATA');
    expect(buttons(post)).toEqual([
      ['alert.acknowledge', id],
      ['alert.snooze', id],
      ['alert.expected', id],
    ]);
    expect(blockKitProblems(asMessage(post))).toEqual([]);
    expect(post?.body.metadata).toEqual({
      event_type: 'ai_spend_delivery',
      event_payload: { dedupe_key: `alert|${id}|post` },
    });
    expect(outbox.messageRef(Number(id), 'slack')).toEqual({ channel: 'C0DATA', ts: '1700000001.000100' });
    expect(await pass(NOW + 60)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(calls('chat.postMessage')).toHaveLength(1);
  });

  it('after a 429 with Retry-After: 2, tries again not before now + 2 s and delivers once', async () => {
    const { pass } = setup();
    fake.failNext({ status: 429, retryAfterSeconds: 2, method: 'chat.postMessage' });
    expect(await pass(NOW)).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
      stoppedBy: 'ratelimited',
      rateLimitedUntil: NOW + 2,
    });
    expect(await pass(NOW + 1)).toMatchObject({ sent: 0, retrying: 0 });
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(await pass(NOW + 2)).toMatchObject({ sent: 1 });
    expect(await pass(NOW + 3)).toMatchObject({ sent: 0 });
    expect(calls('chat.postMessage')).toHaveLength(2);
  });

  it('backs off 30 s, 60 s, 120 s through three 500s and delivers once Slack recovers', async () => {
    const { outbox, opened, pass } = setup();
    fake.failNext({ status: 500, count: 3, method: 'chat.postMessage' });
    let now = NOW;
    for (const wait of [30, 60, 120]) {
      expect(await pass(now)).toMatchObject({ sent: 0, retrying: 1, stoppedBy: 'unavailable' });
      expect(await pass(now + wait - 1)).toMatchObject({ sent: 0, retrying: 0 });
      now += wait;
    }
    expect(calls('chat.postMessage')).toHaveLength(3);
    expect(await pass(now)).toMatchObject({ sent: 1 });
    expect(calls('chat.postMessage')).toHaveLength(4);
    const row = outbox.due(now + 86_400, 10);
    expect(row).toEqual([]);
    expect(outbox.messageRef(opened[0]?.id ?? 0, 'slack')).toBeDefined();
  });

  it('doubles the back-off up to an hour and never gives up on an outage', async () => {
    const { outbox, pass } = setup();
    fake.failNext({ status: 500, count: 9, method: 'chat.postMessage' });
    const waits: number[] = [];
    let now = NOW;
    for (let attempt = 0; attempt < 9; attempt += 1) {
      await pass(now);
      const next = outbox.get(1)?.nextAttemptAt ?? now;
      waits.push(next - now);
      now = next;
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1_920, 3_600, 3_600]);
    expect(await pass(now)).toMatchObject({ sent: 1 });
  });

  it('fails 5 alerts for a channel the app is not in with one call, and tells the operator once', async () => {
    const { outbox, problems, pass } = setup(5, 'C0GONE');
    fake.answer('chat.postMessage', { ok: false, error: 'not_in_channel' });
    expect(await pass(NOW)).toEqual({ sent: 0, retrying: 0, failed: 5 });
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(problems).toEqual([
      {
        code: 'chat_delivery',
        error: 'not_in_channel',
        channel: 'C0GONE',
        message: 'Slack refused 5 messages for channel C0GONE (not_in_channel); they were not delivered.',
        hint: 'Invite the app to C0GONE (/invite @ai-spend), or give it the chat:write.public scope for public channels.',
      },
    ]);
    fake.answer('chat.postMessage', { ok: true, channel: 'C0FINOPS', ts: '1700000100.000100' });
    expect(await pass(NOW + 10)).toMatchObject({ sent: 1 });
    const [, operator] = calls('chat.postMessage');
    expect(operator?.body.channel).toBe('C0FINOPS');
    expect(String(operator?.body.text)).toContain('Slack refused 5 messages for channel C0GONE');
    expect(blockKitProblems(asMessage(operator))).toEqual([]);

    // A later alert to the same channel fails again, but the operator already knows today.
    outbox.enqueue({
      dedupeKey: 'late',
      platform: 'slack',
      channel: 'C0GONE',
      payload: { text: 'late' },
      now: NOW + 20,
    });
    fake.answer('chat.postMessage', { ok: false, error: 'not_in_channel' });
    expect(await pass(NOW + 20)).toMatchObject({ failed: 1 });
    expect(await pass(NOW + 30)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(calls('chat.postMessage')).toHaveLength(3);
  });

  it('updates the posted alert message in place with chat.update and the stored ts', async () => {
    const { alerts, outbox, opened, pass } = setup();
    await pass(NOW);
    const alert = opened[0];
    if (alert === undefined) throw new Error('no alert');
    const [resolved] = alerts.record([], NOW + 900, { resolveAfterMinutes: 15 }).resolved;
    outbox.enqueue({
      dedupeKey: `alert|${alert.id}|update|resolved`,
      platform: 'slack',
      channel: 'C0DATA',
      payload: { view: alertMessage(resolved ?? alert, { freshness: FRESHNESS }) },
      alertId: alert.id,
      mode: 'update',
      now: NOW + 900,
    });
    expect(await pass(NOW + 900)).toMatchObject({ sent: 1 });
    const [update] = calls('chat.update');
    expect([update?.body.channel, update?.body.ts]).toEqual(['C0DATA', '1700000001.000100']);
    expect(String(update?.body.text)).toContain('Resolved at 16:03 UTC');
    expect(buttons(update)).toEqual([]);
    expect(blockKitProblems(asMessage(update))).toEqual([]);
  });

  it('holds an update until the alert message is posted', async () => {
    const { outbox, opened, pass } = setup();
    const alertId = opened[0]?.id ?? 0;
    fake.failNext({ status: 500, method: 'chat.postMessage' });
    await pass(NOW);
    outbox.enqueue({
      dedupeKey: 'update',
      platform: 'slack',
      channel: 'C0DATA',
      payload: { text: 'resolved' },
      alertId,
      mode: 'update',
      now: NOW + 10,
    });
    expect(await pass(NOW + 10)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await pass(NOW + 30)).toMatchObject({ sent: 1 });
    expect(calls('chat.update')).toHaveLength(0);
    expect(await pass(NOW + 40)).toMatchObject({ sent: 1 });
    expect(calls('chat.update').map((call) => call.body.ts)).toEqual(['1700000001.000100']);
  });

  it('gives up on a message Slack rejects as invalid, reports it, and goes on with the next one', async () => {
    const { outbox, problems, pass } = setup(2);
    fake.answer('chat.postMessage', { ok: false, error: 'invalid_blocks' });
    expect(await pass(NOW)).toEqual({ sent: 0, retrying: 0, failed: 2 });
    expect(calls('chat.postMessage')).toHaveLength(2);
    expect(problems.map((problem) => problem.message)).toEqual([
      'Message alert|1|post for C0DATA could not be delivered (invalid_blocks); it will not be retried.',
      'Message alert|2|post for C0DATA could not be delivered (invalid_blocks); it will not be retried.',
    ]);
    expect(outbox.get(1)).toMatchObject({ state: 'failed', lastError: 'invalid_blocks' });
  });

  it('stops the pass on a revoked token, keeps every message and reports it', async () => {
    const { outbox, problems, pass } = setup(3);
    fake.answer('chat.postMessage', { ok: false, error: 'token_revoked' });
    expect(await pass(NOW)).toMatchObject({ sent: 0, retrying: 1, stoppedBy: 'token_revoked' });
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(problems.map((problem) => [problem.code, problem.error])).toEqual([
      ['config_invalid', 'token_revoked'],
    ]);
    expect(problems[0]?.hint).toMatch(/SLACK_BOT_TOKEN/);
    expect(outbox.due(NOW + 3_600, 10).map((row) => row.state)).toEqual(['pending', 'pending', 'pending']);
  });

  it('pings exactly the on-call group an escalation names, and no mention typed by someone else', async () => {
    const { alerts, outbox, opened, pass } = setup(0);
    expect(opened).toEqual([]);
    const [alert] = alerts.record([{ ...candidate(9), summary: 'Someone wrote <!channel> here.' }], NOW, {
      resolveAfterMinutes: 15,
    }).opened;
    if (alert === undefined) throw new Error('no alert');
    const view = alertMessage(alert, {
      freshness: FRESHNESS,
      escalation: { oncall: 'S0DATAONCALL', afterMinutes: 30 },
    });
    outbox.enqueue({
      dedupeKey: 'escalation',
      platform: 'slack',
      channel: 'C0DATA',
      payload: { view, mentions: alertMentions(alert, { oncall: 'S0DATAONCALL' }) },
      now: NOW,
    });
    await pass(NOW);
    const [post] = calls('chat.postMessage');
    const json = JSON.stringify(post?.body.blocks);
    expect(json).toContain('<!subteam^S0DATAONCALL> Nobody has acknowledged this in 30 min.');
    expect(String(post?.body.text)).toContain('<!subteam^S0DATAONCALL>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('<!channel>');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryProblem } from '../../../src/chat/slack/deliver-slack.js';
import { createTeamsApp } from '../../../src/chat/teams/create-teams-app.js';
import { deliverTeams } from '../../../src/chat/teams/deliver-teams.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createOutbox } from '../../../src/store/outbox-store.js';
import { createTeamsConversations } from '../../../src/store/teams-conversations.js';
import { type FakeBotConnector, startFakeBotConnector } from '../../support/fake-bot-connector.js';

const NOW = Date.UTC(2026, 10, 29, 14, 0) / 1000;
const CHANNEL = '19:ops@thread.tacv2';
let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await startFakeBotConnector();
});
afterAll(() => connector.close());

function setup({ installed = true }: { installed?: boolean } = {}) {
  const db = openDatabase({ path: ':memory:' });
  const conversations = createTeamsConversations(db);
  if (installed) {
    conversations.save(
      {
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        conversation: { id: CHANNEL } as never,
        bot: { id: '28:bot', name: 'AI Spend' },
      },
      { channelId: CHANNEL, teamId: '19:team@thread.tacv2' },
      NOW,
    );
  }
  const { adapter } = createTeamsApp({
    settings: { appId: '', insecure: true },
    answer: () => {
      throw new Error('not asked');
    },
    conversations,
    clock: () => NOW,
    logError: () => undefined,
  });
  const outbox = createOutbox(db);
  outbox.enqueue({
    dedupeKey: 'm1',
    platform: 'msteams',
    channel: CHANNEL,
    payload: { view: { title: 'Spend', summary: 'up 12%', sections: [], context: [] } },
    now: NOW,
  });
  const problems: DeliveryProblem[] = [];
  const pass = (now: number) =>
    deliverTeams({
      outbox,
      adapter,
      appId: '',
      conversations,
      now,
      onProblem: (problem) => problems.push(problem),
    });
  return { outbox, pass, problems };
}

describe('deliverTeams', () => {
  it('keeps a row for a channel without a conversation reference waiting, tells the operator, and fails it after 7 days', async () => {
    const { outbox, pass, problems } = setup({ installed: false });
    expect(await pass(NOW)).toEqual({ sent: 0, retrying: 0, failed: 0, waitingForInstall: 1 });
    expect(problems.map((problem) => [problem.error, problem.channel])).toEqual([['not_installed', CHANNEL]]);
    expect(outbox.get(1)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: NOW + 30 });
    expect(await pass(NOW + 7 * 86_400)).toMatchObject({ failed: 1 });
    expect(outbox.get(1)?.state).toBe('failed');
  });

  it('retries a 503 through the outbox after the client gave up: 4 refused requests, then exactly one post', async () => {
    const { outbox, pass } = setup();
    const before = connector.calls.length;
    connector.failNext({ status: 503, count: 4, retryAfterSeconds: 0 });
    expect(await pass(NOW)).toMatchObject({ sent: 0, retrying: 1, stoppedBy: 'unavailable' });
    expect(outbox.get(1)).toMatchObject({ state: 'pending', nextAttemptAt: NOW, lastError: 'HTTP 503' });
    expect(await pass(NOW + 1)).toMatchObject({ sent: 1 });
    expect(await pass(NOW + 2)).toMatchObject({ sent: 0 });
    const calls = connector.calls.slice(before);
    expect(calls.map((call) => `${call.status} ${call.method} ${call.path}`)).toEqual([
      ...Array.from({ length: 4 }, () => `503 POST /v3/conversations/${CHANNEL}/activities`),
      `200 POST /v3/conversations/${CHANNEL}/activities`,
    ]);
    expect(outbox.get(1)?.messageRef).toEqual({ channel: CHANNEL, ts: expect.stringMatching(/^act-\d+$/) });
  });

  it('fails a message Teams refuses as too large (413) without retrying it, with one problem', async () => {
    const { outbox, pass, problems } = setup();
    connector.failNext({ status: 413, count: 1 });
    expect(await pass(NOW)).toMatchObject({ sent: 0, failed: 1 });
    expect(outbox.get(1)).toMatchObject({ state: 'failed', lastError: 'HTTP 413' });
    expect(problems).toHaveLength(1);
  });
});

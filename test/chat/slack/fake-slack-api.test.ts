import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../../support/fake-slack-api.js';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake.close();
});

const client = (options: webApi.WebClientOptions = {}) =>
  new webApi.WebClient('xoxb-fake', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, ...options });

describe('the fake Slack Web API, driven by the real @slack/web-api client', () => {
  it('records chat.postMessage with its bearer token and parsed blocks, and answers ok with a ts', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const answer = await client().chat.postMessage({ channel: 'C0SEARCH', text: 'hi', blocks });
    expect([answer.ok, answer.channel, typeof answer.ts]).toEqual([true, 'C0SEARCH', 'string']);
    const call = await fake.waitFor('chat.postMessage');
    expect([call.headers.authorization, call.body.channel, call.body.blocks]).toEqual([
      'Bearer xoxb-fake',
      'C0SEARCH',
      blocks,
    ]);
  });

  it('answers the next call 429 with Retry-After: 7, which the client reports as rate limited', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 7, method: 'chat.update' });
    const failure = await client({ rejectRateLimitedCalls: true })
      .chat.update({ channel: 'C1', ts: '1.2', text: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    await expect(client().chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('answers the next 2 calls 500, then ok again', async () => {
    fake.failNext({ status: 500, count: 2 });
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push(
        await client()
          .views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })
          .then(
            () => 'ok',
            (error: { code: string }) => error.code,
          ),
      );
    }
    expect(statuses).toEqual(['slack_webapi_http_error', 'slack_webapi_http_error', 'ok']);
  });

  it('takes JSON POSTs on response URLs as `response` calls', async () => {
    const response = await fetch(fake.responseUrl('r1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'later', response_type: 'ephemeral' }),
    });
    expect(response.status).toBe(200);
    const call = await fake.waitFor('response', (entry) => entry.path === '/response/r1');
    expect(call.body).toEqual({ text: 'later', response_type: 'ephemeral' });
  });
});

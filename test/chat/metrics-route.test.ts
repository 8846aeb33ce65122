import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsRoute } from '../../src/chat/metrics-route.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';

const TOKEN = 'metrics-token-0123456789';
const app = createApp({
  config: loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} }),
  environment: readEnvironment({
    AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-metrics-')), 'm.db'),
  }),
  sources: [],
  clock: () => Date.UTC(2026, 10, 29, 12) / 1000,
});
const route = metricsRoute({
  token: TOKEN,
  push: (text, format) => app.pushMetrics(text, { format }),
  maxBytes: 4096,
});
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === route.path && route.method.includes(req.method ?? '')) route.handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/metrics`;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  app.close();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
const stored = () =>
  app.db.prepare('SELECT team, feature, unit, day, value FROM business_metrics ORDER BY day').all();

describe('POST /api/metrics', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer metrics-token-012345678X' }],
    ['a token prefix', { authorization: 'Bearer metrics-token' }],
    ['Basic auth', { authorization: `Basic ${TOKEN}` }],
  ])('answers 401 to %s and stores nothing', async (_, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: 'team,feature,unit,day,value\nsupport,bot,tickets,2026-11-28,5\n',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'missing or wrong bearer token (AI_SPEND_METRICS_TOKEN)',
    });
    expect(stored()).toEqual([]);
  });

  it('refuses everything when no token is configured', async () => {
    const closed = metricsRoute({ token: undefined, push: () => ({ accepted: 1, rejected: [] }) });
    const probe = createServer((req, res) => closed.handler(req, res));
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const response = await fetch(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/api/metrics`, {
      method: 'POST',
      headers: { authorization: 'Bearer ' },
      body: '[]',
    });
    await new Promise<void>((done) => probe.close(() => done()));
    expect(response.status).toBe(401);
  });

  it('stores 2 good CSV rows, rejects row 2 with its reason and answers 207', async () => {
    const csv = [
      'team,feature,unit,day,value',
      'support,support-bot,tickets_resolved,2026-11-27,100',
      'suport,support-bot,tickets_resolved,2026-11-27,7',
      'support,support-bot,tickets_resolved,2026-11-28,120',
    ].join('\n');
    const response = await post(csv, { 'content-type': 'text/csv' });
    expect(response.status).toBe(207);
    expect(await response.json()).toEqual({
      accepted: 2,
      rejected: [
        { row: 2, reason: 'unknown team "suport"; did you mean "support"? (teams come from ai-spend.yml)' },
      ],
    });
    expect(stored()).toHaveLength(2);
  });

  it('replaces a re-pushed day (120 → 130) with JSON and answers 200', async () => {
    const rows = [
      { team: 'support', feature: 'support-bot', unit: 'tickets_resolved', day: '2026-11-28', value: 130 },
    ];
    const response = await post(JSON.stringify(rows), { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, rejected: [] });
    expect(stored()).toEqual([
      {
        team: 'support',
        feature: 'support-bot',
        unit: 'tickets_resolved',
        day: Date.UTC(2026, 10, 27) / 1000,
        value: 100,
      },
      {
        team: 'support',
        feature: 'support-bot',
        unit: 'tickets_resolved',
        day: Date.UTC(2026, 10, 28) / 1000,
        value: 130,
      },
    ]);
  });

  it('answers 400 when every row is bad, each with its reason', async () => {
    const response = await post(JSON.stringify([{ team: 'support' }, 'x']));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      accepted: 0,
      rejected: [
        { row: 1, reason: 'missing unit, day, value' },
        { row: 2, reason: 'not an object with team, feature, unit, day and value' },
      ],
    });
  });

  it('answers 400 to malformed JSON and 413 to a body over 4,096 bytes', async () => {
    const malformed = await post('[{"team":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/^not valid JSON/);
    const large = await post(
      `team,feature,unit,day,value\n${'support,bot,tickets,2026-11-28,1\n'.repeat(200)}`,
    );
    expect(large.status).toBe(413);
    expect(stored()).toHaveLength(2);
  });
});

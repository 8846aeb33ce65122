import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../src/chat/block-kit-limits.js';
import { renderBlockKit } from '../../src/chat/render-block-kit.js';
import { readEnvironment } from '../../src/config/environment.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createApp } from '../../src/main.js';
import { demoConfigYaml } from '../../src/sim/scenario/demo-config.js';

const DAY = 86_400;
const app = createApp({
  config: loadConfig({ path: 'demo.yml', text: demoConfigYaml(), env: {} }),
  environment: readEnvironment({ AI_SPEND_DB: join(mkdtempSync(join(tmpdir(), 'ai-spend-unit-')), 'u.db') }),
  sources: [],
  clock: () => Date.UTC(2026, 10, 29, 12) / 1000,
});
afterAll(() => app.close());

// support-bot spends $42 a day on gpt-5.4 (billed) over November 1–28.
const insert = app.db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
  estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
  VALUES ('support', ?, 'openai', 'support-bot', 'gpt-5.4', 'gpt-5.4', 1, 0, 0, 0, 42000000, 1)`);
for (let day = Date.UTC(2026, 10, 1) / 1000; day < Date.UTC(2026, 10, 29) / 1000; day += DAY) insert.run(day);

describe('unit <team>', () => {
  it('says "no units reported" before any are pushed', () => {
    const reply = app.answer('unit support 7d');
    expect(reply.data).toMatchObject({ kind: 'unit_cost', costs: [] });
    expect(reply.message.summary).toMatch(/^No units reported for team \*support\*/);
  });

  it('divides 7 days of $42 by 10,000 tickets a day: $0.0042 per ticket', () => {
    const rows = ['team,feature,unit,day,value'];
    for (let date = 16; date <= 28; date++)
      rows.push(`support,support-bot,tickets_resolved,2026-11-${date},10000`);
    expect(app.pushMetrics(rows.join('\n'))).toEqual({ accepted: 13, rejected: [] });
    const reply = app.answer('unit support 7d');
    expect(reply.data).toMatchObject({
      costs: [{ feature: 'support-bot', unit: 'tickets_resolved', units: 60_000, spend_micros: 252_000_000 }],
    });
    expect(reply.message.summary).toBe(
      'Team *support*, 2026-11-23 to 2026-11-29: $0.0042 per tickets_resolved on support-bot, unchanged on the previous period.',
    );
  });

  it('answers an unknown team with the nearest one', () => {
    expect(app.answer('unit suport').message.summary).toContain('Did you mean *support*?');
  });

  it('fits every Block Kit limit', () => {
    expect(blockKitProblems(renderBlockKit(app.answer('unit support 30d').message))).toEqual([]);
  });
});

import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { actOnAlert } from '../../src/chat/act-on-alert.js';
import { loadConfig } from '../../src/config/load-config.js';
import { analyze } from '../../src/jobs/analyze.js';
import { createAlertStore } from '../../src/store/alert-store.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createOutbox, type OutboxRow } from '../../src/store/outbox-store.js';

/** Tuesday 2026-11-24 15:00 UTC. */
const NOW = Date.UTC(2026, 10, 24, 15, 0) / 1000;
const HOUR = 3_600;
const DAY = 86_400;

const CONFIG = `
teams:
  search: { slack_channel: C0SEARCH }
  growth: { slack_channel: C0GROWTH }
slack: { default_channel: C0FINOPS }
`;
const config = loadConfig({ path: 'ai-spend.yml', text: CONFIG, env: {} });
/** The config with a monthly budget of `usd` for search. */
const budgetConfig = (usd: number) =>
  loadConfig({
    path: 'ai-spend.yml',
    text: CONFIG.replace(
      'search: { slack_channel: C0SEARCH }',
      `search: { slack_channel: C0SEARCH, monthly_budget_usd: ${usd} }`,
    ),
    env: {},
  });

/**
 * A store with 5 weeks of hourly spend: `micros(source, team, feature, hour)` per hour (0 = no
 * row), and each source's usage cursor at `through[source]`.
 */
function seed(
  micros: (source: string, team: string, feature: string, hour: number) => number,
  through: Record<string, number>,
  cells: Array<[string, string, string]> = [
    ['anthropic', 'search', 'ask-docs'],
    ['openai', 'growth', 'copywriter'],
  ],
): Database.Database {
  const db = openDatabase({ path: ':memory:' });
  const hourly = db.prepare(`INSERT INTO rollup_hourly (hour, source, team, feature, model_family,
      estimated_micros, tokens, requests) VALUES (?, ?, ?, ?, 'claude-sonnet-4-5', ?, 1000, 10)`);
  const daily = new Map<string, number>();
  for (let hour = NOW - 35 * DAY; hour < NOW; hour += HOUR) {
    for (const [source, team, feature] of cells) {
      const value = micros(source, team, feature, hour);
      if (value === 0) continue;
      hourly.run(hour, source, team, feature, value);
      const key = JSON.stringify([source, team, feature, hour - (hour % DAY)]);
      daily.set(key, (daily.get(key) ?? 0) + value);
    }
  }
  const day = db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
      estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
    VALUES (?, ?, ?, ?, 'claude-sonnet-4-5', 'claude-sonnet-4-5', ?, 0, 1000, 10, 0, 0)`);
  for (const [key, value] of daily) {
    const [source, team, feature, start] = JSON.parse(key) as [string, string, string, number];
    day.run(team, start, source, feature, value);
  }
  const dims = db.prepare(`INSERT INTO dims (key, source, scope, team) VALUES (?, ?, ?, 'x')`);
  const cursor = db.prepare(
    `INSERT INTO cursors (source, stream, position, updated_at) VALUES (?, 'usage', ?, ?)`,
  );
  for (const [source, position] of Object.entries(through)) {
    dims.run(source, source, source);
    cursor.run(source, position, NOW);
  }
  return db;
}

const rows = (db: Database.Database): OutboxRow[] =>
  (db.prepare('SELECT id FROM outbox ORDER BY id').pluck().all() as number[]).map(
    (id) => createOutbox(db).get(id) as OutboxRow,
  );
const rules = (db: Database.Database) =>
  createAlertStore(db)
    .open()
    .map((alert) => alert.fingerprint);

describe('analyze: freshness and gaps', () => {
  const flat = () => 100_000_000;

  it('reads a late source as late, not as a drop: hours are judged through the stalest fresh source', async () => {
    // anthropic's last two hours have not arrived yet; its cursor says so.
    const late = (source: string, _team: string, _feature: string, hour: number) =>
      source === 'anthropic' && hour >= NOW - 2 * HOUR ? 0 : 100_000_000;
    const honest = seed(late, { anthropic: NOW - 2 * HOUR, openai: NOW });
    await analyze({ db: honest, config }, NOW);
    expect(rules(honest).filter((fingerprint) => fingerprint.startsWith('cost_anomaly'))).toEqual([]);
    // Had the cursor claimed those hours complete, they would be a real drop.
    const claimed = seed(late, { anthropic: NOW, openai: NOW });
    await analyze({ db: claimed, config }, NOW);
    expect(rules(claimed).filter((fingerprint) => fingerprint.startsWith('cost_anomaly|hour'))).not.toEqual(
      [],
    );
  });

  it('raises one no-data alert for a source silent 8 h, to the default channel, and leaves it out of spend rules', async () => {
    const silent = (source: string, _team: string, _feature: string, hour: number) =>
      source === 'anthropic' && hour >= NOW - 8 * HOUR ? 0 : 100_000_000;
    const db = seed(silent, { anthropic: NOW - 8 * HOUR, openai: NOW });
    const summary = await analyze({ db, config }, NOW);
    expect(rules(db)).toEqual(['no_data|anthropic']);
    expect(rows(db).map((row) => row.channel)).toEqual(['C0FINOPS']);
    expect(summary.messages[0]?.view.title).toBe('anthropic has reported no usage for 8 h');
    const again = await analyze({ db, config }, NOW + 300);
    expect(again).toMatchObject({ opened: 0, enqueued: 0 });
  });

  it('flags a tripled hour of team search in its channel with the fresh data only', async () => {
    const spike = (_source: string, team: string, _feature: string, hour: number) =>
      team === 'search' && hour >= NOW - 2 * HOUR ? 400_000_000 : flat();
    const db = seed(spike, { anthropic: NOW, openai: NOW });
    const summary = await analyze({ db, config }, NOW);
    const anomalies = createAlertStore(db)
      .open()
      .filter((alert) => alert.rule === 'cost_anomaly');
    expect(anomalies.map((alert) => [alert.team, alert.details.direction])).toContainEqual([
      'search',
      'spike',
    ]);
    const posted = rows(db).filter((row) => row.channel === 'C0SEARCH');
    expect(posted).toHaveLength(1);
    expect(summary.messages.find((message) => message.channel === 'C0SEARCH')?.view.context[0]).toBe(
      'usage through 2026-11-24 15:00 UTC (billed where billed, else estimated)',
    );
  });
});

describe('analyze: the latency follow-up', () => {
  const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const SHIFT = NOW - 10 * DAY + HOUR; // Saturday 2026-11-14 16:00 UTC

  /** TTFT for 16 days (5-minute points, p50 450 → 1,100 ms at SHIFT), and search's days on each route. */
  function seedShift(moved: number): Database.Database {
    const db = openDatabase({ path: ':memory:' });
    const point = db.prepare(`INSERT INTO metric_points (source, metric, stat, region, model, bucket_start,
        bucket_seconds, value) VALUES ('bedrock', 'TimeToFirstToken', ?, 'us-east-1', ?, ?, 300, ?)`);
    for (let at = NOW - 16 * DAY; at < NOW; at += 300) {
      const wobble = 1 + 0.04 * Math.sin(at / 7_000);
      point.run('p50', MODEL, at, (at >= SHIFT ? 1_100 : 450) * wobble);
      point.run('p90', MODEL, at, (at >= SHIFT ? 2_400 : 900) * wobble);
    }
    db.prepare(`INSERT INTO dims (id, key, source, scope, region, model, team, feature)
      VALUES (1, 'k', 'bedrock', 'bedrock|1', 'us-east-1', ?, 'search', 'ask-docs')`).run(MODEL);
    db.prepare(
      `INSERT INTO dims (id, key, source, scope, team) VALUES (2, 'a', 'anthropic', 'anthropic', 'search')`,
    ).run();
    db.prepare(`INSERT INTO usage_facts (bucket_start, dim_id, bucket_seconds, uncached_input, cache_write_5m,
        cache_write_1h, cache_read, output, requests, estimated_micros, price_status)
      VALUES (?, 1, 3600, 1000, 0, 0, 0, 100, 1, 1000, 'priced')`).run(NOW - DAY);
    const day = db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
        estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
      VALUES ('search', ?, ?, 'ask-docs', 'claude-sonnet-4-5', 'claude-sonnet-4-5', ?, 0, ?, 10, 0, 0)`);
    for (let start = NOW - (NOW % DAY) - 20 * DAY; start < NOW; start += DAY) {
      const share = start > SHIFT ? moved : 0;
      day.run(start, 'bedrock', Math.round(300_000_000 * (1 - share)), Math.round(1_000_000 * (1 - share)));
      if (share > 0)
        day.run(start, 'anthropic', Math.round(400_000_000 * share), Math.round(1_000_000 * share));
    }
    const cursor = db.prepare(
      `INSERT INTO cursors (source, stream, position, updated_at) VALUES (?, 'usage', ?, ?)`,
    );
    cursor.run('bedrock', NOW, NOW);
    cursor.run('anthropic', NOW, NOW);
    return db;
  }

  it('finds a shift nobody was told about and, 7 days on, tells search it moved 40% to anthropic, once', async () => {
    const db = seedShift(0.4);
    const summary = await analyze({ db, config }, NOW);
    const store = createAlertStore(db);
    const shift = db.prepare("SELECT * FROM alerts WHERE rule = 'latency_shift'").all() as Array<{
      state: string;
    }>;
    expect(shift.map((alert) => alert.state)).toEqual(['resolved']);
    const followups = store.open().filter((alert) => alert.rule === 'latency_followup');
    expect(followups.map((alert) => alert.team)).toEqual(['search']);
    expect(followups[0]?.summary).toBe(
      'After the first-token latency shift of claude-sonnet-4-5 in us-east-1 on 2026-11-14, search moved 40% of its tokens from Bedrock claude-sonnet-4-5 to direct Anthropic claude-sonnet-4-5: +$280.00/week ($2,100.00 → $2,380.00 a week, +13%).',
    );
    expect(rows(db).filter((row) => row.channel === 'C0SEARCH')).toHaveLength(1);
    expect(summary.messages.map((message) => [message.channel, message.kind, message.alertId])).toEqual([
      ['C0SEARCH', 'alert', followups[0]?.id],
    ]);
    const again = await analyze({ db, config }, NOW + 300);
    expect(again).toMatchObject({ opened: 0, reopened: 0, enqueued: 0 });
  });

  it('stays quiet when search changed nothing after the shift', async () => {
    const db = seedShift(0);
    await analyze({ db, config }, NOW);
    expect(rules(db).filter((fingerprint) => fingerprint.startsWith('latency_followup'))).toEqual([]);
  });
});

describe('analyze: one message per team per run, and news only when worse', () => {
  const budgeted = budgetConfig(100);
  const spike = (_source: string, team: string, _feature: string, hour: number) =>
    team === 'search' && hour >= NOW - 2 * HOUR ? 400_000_000 : 100_000_000;

  it('posts a cost spike and a blown budget of search as one message whose buttons act on both', async () => {
    const db = seed(spike, { anthropic: NOW, openai: NOW });
    const summary = await analyze({ db, config: budgeted }, NOW);
    const search = createAlertStore(db)
      .open()
      .filter((alert) => alert.team === 'search');
    expect(search.map((alert) => alert.rule).sort()).toEqual(['budget', 'cost_anomaly']);
    const posts = rows(db).filter((row) => row.channel === 'C0SEARCH');
    expect(posts).toHaveLength(1);
    const batch = summary.messages.find((message) => message.kind === 'batch');
    expect(batch?.view.title).toBe('2 new alerts for search');
    const ids = search.map((alert) => alert.id).join(',');
    expect(batch?.view.actions?.map((action) => action.value)).toEqual([ids, ids]);

    const acknowledgeAll = (at: number) =>
      actOnAlert(
        db,
        budgeted,
        {
          actionId: 'alert.acknowledge',
          alertId: search[0]?.id ?? 0,
          alertIds: search.map((alert) => alert.id),
          userId: 'U0ALICE',
          channelId: 'C0SEARCH',
        },
        at,
      );
    const pressed = acknowledgeAll(NOW + 60);
    expect(pressed.kind).toBe('updated');
    expect(
      createAlertStore(db)
        .open()
        .filter((alert) => alert.team === 'search')
        .map((alert) => alert.state),
    ).toEqual(['acknowledged', 'acknowledged']);
    if (pressed.kind === 'updated') expect(pressed.message.text).toContain('2 new alerts for search');
    const again = acknowledgeAll(NOW + 120);
    expect(again.kind).toBe('unchanged');
  });

  it('posts again only when the spike grows half as big again, not for every extra dollar', async () => {
    const growing = (extra: number) => (_source: string, team: string, _feature: string, hour: number) =>
      team === 'search' && hour >= NOW - 2 * HOUR
        ? 400_000_000 + (hour >= NOW - HOUR ? extra : 0)
        : 100_000_000;
    const db = seed(growing(0), { anthropic: NOW, openai: NOW });
    await analyze({ db, config }, NOW);
    const first = createAlertStore(db)
      .open()
      .find((alert) => alert.fingerprint === 'cost_anomaly|hour|team=search|spike');
    expect(first?.notifiedMagnitude).toBeGreaterThan(0);
    const bump = db.prepare(
      `UPDATE rollup_hourly SET estimated_micros = estimated_micros + ? WHERE team = 'search' AND hour = ?`,
    );
    bump.run(50_000_000, NOW - HOUR);
    expect(await analyze({ db, config }, NOW + 300)).toMatchObject({ worsened: 0, enqueued: 0 });
    bump.run(600_000_000, NOW - HOUR);
    const worse = await analyze({ db, config }, NOW + 600);
    expect(worse).toMatchObject({ worsened: 1, enqueued: 1 });
    expect(worse.messages[0]?.view.title).toMatch(/^Worse: /);
    expect(worse.messages[0]?.channel).toBe('C0SEARCH');
  });
});

describe('analyze: budgets', () => {
  it('tells a budget threshold once a month: coming back after a dip edits the post instead of posting again', async () => {
    const budgeted = budgetConfig(100);
    const db = seed(() => 100_000_000, { anthropic: NOW, openai: NOW });
    await analyze({ db, config: budgeted }, NOW);
    const [budget] = createAlertStore(db)
      .open()
      .filter((alert) => alert.rule === 'budget');
    expect(budget?.fingerprint).toBe('budget|search|2026-11|100');
    // The budget is raised for a while (the alert resolves), then set back (it comes back).
    const roomy = budgetConfig(1000000);
    await analyze({ db, config: roomy }, NOW + 300);
    await analyze({ db, config: roomy }, NOW + 1_500);
    expect(createAlertStore(db).get(budget?.id ?? 0)?.state).toBe('resolved');
    const back = await analyze({ db, config: budgeted }, NOW + 1_800);
    expect(back.reopened).toBe(1);
    const search = rows(db).filter((row) => row.channel === 'C0SEARCH' && row.alertId === budget?.id);
    expect(search.map((row) => row.mode)).toEqual(['post', 'update', 'update']);
  });
});

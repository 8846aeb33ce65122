import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { analyze } from '../../src/jobs/analyze.js';
import { createAlertStore } from '../../src/store/alert-store.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createOutbox, type OutboxRow } from '../../src/store/outbox-store.js';

/** Tuesday 2026-11-24 15:48 UTC. */
const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const DAY = 86_400;
const LIMIT = 2_000_000;
const NAME = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5';
const PROFILE = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/q7d2kx9m4ab1';

const CONFIG = `
teams:
  data: { slack_channel: C0DATA, oncall: S0DATAONCALL }
  search: { slack_channel: C0SEARCH }
  mobile: {}
slack: { default_channel: C0FINOPS }
alerts: { quota_percent: [80, 95], escalate_after_minutes: 30 }
`;
const config = (text = CONFIG) => loadConfig({ path: 'ai-spend.yml', text, env: {} });

/** A store whose Haiku 4.5 quota (owned by `team`) ran at `percent(minute)` of 2,000,000 TPM until `to`. */
function seed(team: string, percent: (minute: number) => number, to = NOW, from = NOW - 3_600) {
  const db = openDatabase({ path: ':memory:' });
  db.prepare(`INSERT INTO quota_limits (source, region, model, inference_type, unit, value, origin, quota_code,
      quota_name, refreshed_at) VALUES ('bedrock', 'us-east-1', ?, 'cross_region', 'tokens_per_minute', ?,
      'service_quotas', 'L-1', ?, ?)`).run(PROFILE, LIMIT, NAME, NOW - DAY);
  db.prepare(`INSERT INTO dims (key, source, scope, region, model, inference_profile, team)
    VALUES ('k', 'bedrock', 'bedrock|123', 'us-east-1', 'us.anthropic.claude-haiku-4-5', ?, ?)`).run(
    PROFILE,
    team,
  );
  const point = db.prepare(`INSERT INTO metric_points (source, metric, stat, region, model, bucket_start,
      bucket_seconds, value) VALUES ('bedrock', 'EstimatedTPMQuotaUsage', 'Sum', 'us-east-1', ?, ?, 60, ?)`);
  for (let minute = from; minute < to; minute += 60)
    point.run(PROFILE, minute, (percent(minute) / 100) * LIMIT);
  return db;
}

const rows = (db: Database.Database): OutboxRow[] =>
  (db.prepare('SELECT id FROM outbox ORDER BY id').pluck().all() as number[]).map(
    (id) => createOutbox(db).get(id) as OutboxRow,
  );

describe('analyze', () => {
  it("opens a quota alert at 88% and puts one post for data's channel in the outbox, once", async () => {
    const db = seed('data', () => 88);
    const summary = await analyze({ db, config: config() }, NOW);
    expect(summary).toMatchObject({ candidates: 1, opened: 1, enqueued: 1, escalated: 0, notes: [] });
    const [row, ...rest] = rows(db);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ channel: 'C0DATA', mode: 'post', alertId: 1, state: 'pending' });
    const view = summary.messages[0]?.view;
    expect(row?.payload).toEqual({ view, mentions: [] });
    expect(view?.title).toBe('Anthropic Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1');
    expect(view?.context).toEqual(['signals through 2026-11-24 15:48 UTC', 'Open since 15:48 UTC · warning']);
    const again = await analyze({ db, config: config() }, NOW + 60);
    expect(again).toMatchObject({ opened: 0, unchanged: 1, enqueued: 0 });
    expect(rows(db)).toHaveLength(1);
  });

  it('sends unowned alerts to slack.default_channel, and says so when there is none', async () => {
    const unowned = seed('unallocated', () => 90);
    await analyze({ db: unowned, config: config() }, NOW);
    expect(rows(unowned).map((row) => row.channel)).toEqual(['C0FINOPS']);
    const teamless = seed('mobile', () => 90);
    const summary = await analyze({ db: teamless, config: config(CONFIG.replace(/slack: .*\n/, '')) }, NOW);
    expect(rows(teamless)).toEqual([]);
    expect(summary.notes).toEqual([
      'alert 1 (Anthropic Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1) has no Slack channel: set teams.mobile.slack_channel or slack.default_channel',
    ]);
  });

  it("pages data's on-call group 30 minutes after nobody acknowledged, once", async () => {
    const db = seed('data', () => 85, NOW + 3_600);
    await analyze({ db, config: config() }, NOW);
    expect(await analyze({ db, config: config() }, NOW + 29 * 60)).toMatchObject({ escalated: 0 });
    expect(await analyze({ db, config: config() }, NOW + 30 * 60)).toMatchObject({
      escalated: 1,
      enqueued: 1,
    });
    expect(await analyze({ db, config: config() }, NOW + 31 * 60)).toMatchObject({
      escalated: 0,
      enqueued: 0,
    });
    const escalation = rows(db)[1];
    expect(escalation).toMatchObject({
      channel: 'C0DATA',
      mode: 'post',
      payload: { mentions: ['S0DATAONCALL'] },
    });
    expect(escalation?.alertId).toBeUndefined();
    expect(JSON.stringify(escalation?.payload)).toContain(
      '<!subteam^S0DATAONCALL> Nobody has acknowledged this in 30 min.',
    );
  });

  it('resolves 15 minutes after the last pass that saw 80%, and updates the alert message', async () => {
    const calmFrom = NOW + 600;
    const db = seed('data', (minute) => (minute < calmFrom ? 88 : 50), NOW + 3_600);
    const resolvedAt: number[] = [];
    // Every 5 minutes, as scheduled: 15:59 is in the window up to the 16:08 pass, the last firing one.
    for (let now = NOW; now <= NOW + 3_600; now += 300) {
      if ((await analyze({ db, config: config() }, now)).resolved > 0) resolvedAt.push(now);
    }
    expect(resolvedAt).toEqual([NOW + 20 * 60 + 15 * 60]);
    // Nobody acknowledged it within 30 minutes (16:18): on-call was paged before it resolved.
    const [post, escalation, update, ...rest] = rows(db);
    expect(rest).toEqual([]);
    expect([post?.mode, escalation?.dedupeKey, update?.mode]).toEqual([
      'post',
      `alert|1|escalation|${NOW}`,
      'update',
    ]);
    expect(update).toMatchObject({ channel: 'C0DATA', alertId: 1 });
    expect(JSON.stringify(update?.payload)).toContain('Resolved at 16:23 UTC');
  });

  it('opens a daily cost anomaly for a team whose latest complete day tripled, in its own channel', async () => {
    const db = openDatabase({ path: ':memory:' });
    const insert = db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
        estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
      VALUES ('search', ?, 'anthropic', 'ask-docs', 'claude-sonnet-4-5', 'claude-sonnet-4-5', ?, 0, 0, 0, ?, ?)`);
    const monday = NOW - (NOW % DAY) - DAY;
    for (let day = monday - 56 * DAY; day <= monday; day += DAY) {
      const usual = 200_000_000;
      // Billed days count their bill, the latest (not billed yet) its estimate.
      if (day === monday) insert.run(day, 3 * usual, 0, 0);
      else insert.run(day, 1, usual, 1);
    }
    db.prepare(
      "INSERT INTO dims (key, source, scope, team) VALUES ('a', 'anthropic', 'anthropic', 'search')",
    ).run();
    db.prepare(
      "INSERT INTO cursors (source, stream, position, updated_at) VALUES ('anthropic', 'usage', ?, ?)",
    ).run(NOW - (NOW % 3_600), NOW);
    const summary = await analyze({ db, config: config() }, NOW);
    expect(summary).toMatchObject({ opened: 1, enqueued: 1 });
    expect(rows(db)[0]).toMatchObject({ channel: 'C0SEARCH', mode: 'post' });
    const [alert] = createAlertStore(db).open();
    expect(alert).toMatchObject({
      fingerprint: 'cost_anomaly|day|team=search|spike',
      details: { actualMicros: 600_000_000, expectedMicros: 200_000_000, deltaMicros: 400_000_000 },
    });
    expect(summary.messages[0]?.view.title).toContain('search');
  });
});

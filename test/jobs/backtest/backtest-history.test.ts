import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { analyze } from '../../../src/jobs/analyze.js';
import { backtestHistory } from '../../../src/jobs/backtest/backtest-history.js';
import { defaultSettings } from '../../../src/jobs/backtest/backtest-settings.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { HOUR, NOW, seedHourlySpend as seed } from './seed-hourly-spend.js';

const config = loadConfig({
  path: 'ai-spend.yml',
  text: 'teams:\n  search: { slack_channel: C0SEARCH }\n  growth: { slack_channel: C0GROWTH }\nslack: { default_channel: C0FINOPS }\n',
  env: {},
});

/** The cost anomaly alerts a database's passes opened or reopened: `fingerprint@time`. */
function raisedLive(db: Database.Database): string[] {
  return (
    db
      .prepare(`SELECT a.fingerprint, e.at FROM alert_events e JOIN alerts a ON a.id = e.alert_id
        WHERE a.rule = 'cost_anomaly' AND e.kind IN ('opened', 'reopened') ORDER BY e.at, a.fingerprint`)
      .all() as Array<{ fingerprint: string; at: number }>
  ).map((row) => `${row.fingerprint}@${row.at}`);
}

const settings = defaultSettings('cost_anomaly', config.alerts);
const SPIKES: Array<[number, number]> = [
  [NOW - 11 * HOUR, NOW - 9 * HOUR],
  [NOW - 5 * HOUR, NOW - 2 * HOUR],
];

describe('backtestHistory', () => {
  it('raises the same cost anomaly alerts, at the same passes, as 144 live analyze passes every 5 min', async () => {
    const live = seed(SPIKES);
    for (let now = NOW - 12 * HOUR; now < NOW; now += 300) await analyze({ db: live, config }, now);
    const expected = raisedLive(live);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.some((entry) => entry.startsWith('cost_anomaly|hour|team=search|spike@'))).toBe(true);

    const { passes, alerts } = backtestHistory({
      db: seed(SPIKES),
      config,
      rule: 'cost_anomaly',
      since: NOW - 12 * HOUR,
      until: NOW,
      stepSeconds: 300,
      settings,
    });
    expect(passes).toBe(144);
    const replayed = alerts
      .map((alert) => `${alert.fingerprint}@${alert.at}`)
      .sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1]) || (a < b ? -1 : 1));
    expect(replayed).toEqual(expected);
  });

  it('decides each pass from the past only: a database cut at 10:00 gives the alerts before 10:00', () => {
    const cut = NOW - 5 * HOUR;
    const run = (db: Database.Database, until: number) =>
      backtestHistory({
        db,
        config,
        rule: 'cost_anomaly',
        since: NOW - 12 * HOUR,
        until,
        stepSeconds: 300,
        settings,
      }).alerts.map((alert) => `${alert.fingerprint}@${alert.at}`);
    const full = run(seed(SPIKES), NOW);
    const early = full.filter((entry) => Number(entry.split('@')[1]) < cut);
    expect(early.length).toBeGreaterThanOrEqual(1);
    expect(run(seed(SPIKES, { through: cut }), cut)).toEqual(early);
  });

  it('counts a day’s bill only 48 h after the day: a 3× bill for yesterday raises no daily alert today', () => {
    const run = (billedDelayHours: number) =>
      backtestHistory({
        db: seed([], { billed: true }),
        config,
        rule: 'cost_anomaly',
        since: NOW - 2 * HOUR,
        until: NOW,
        stepSeconds: 3_600,
        settings: { ...settings, granularity: 'day' },
        billedDelayHours,
      }).alerts.map((alert) => alert.fingerprint);
    expect(run(48)).toEqual([]);
    // Were the bill known at once, the replay would read it as a spike of search.
    expect(run(0)).toContain('cost_anomaly|day|team=search|spike');
  });

  it('applies --set: min_usd_per_hour=1000 silences the $200/h spike', () => {
    const { alerts } = backtestHistory({
      db: seed(SPIKES),
      config,
      rule: 'cost_anomaly',
      since: NOW - 12 * HOUR,
      until: NOW,
      stepSeconds: 300,
      settings: { ...settings, min_usd_per_hour: 1_000, min_usd_per_day: 100_000 },
    });
    expect(alerts).toEqual([]);
  });
});

describe('backtestHistory: quota', () => {
  const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
  /** 3 hours of per-minute EstimatedTPMQuotaUsage on a 1,000,000 TPM quota: 50%, with 85% and 97% bursts. */
  function seedQuota(): Database.Database {
    const db = openDatabase({ path: ':memory:' });
    db.prepare(`INSERT INTO quota_limits (source, region, model, inference_type, unit, value, origin,
        quota_code, quota_name, refreshed_at)
      VALUES ('bedrock', 'us-east-1', ?, 'on_demand', 'tokens_per_minute', 1000000, 'service_quotas', 'L-1',
        'On-demand InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5', ?)`).run(MODEL, NOW);
    const point = db.prepare(`INSERT INTO metric_points (source, metric, stat, region, model, bucket_start,
        bucket_seconds, value) VALUES ('bedrock', 'EstimatedTPMQuotaUsage', 'Sum', 'us-east-1', ?, ?, 60, ?)`);
    for (let minute = 0; minute < 180; minute += 1) {
      const used = [40, 41, 42, 70].includes(minute) ? 850_000 : minute === 120 ? 970_000 : 500_000;
      point.run(MODEL, NOW - 3 * HOUR + minute * 60, used);
    }
    return db;
  }

  it('raises the same quota alerts as 36 live passes every 5 min (80% twice after a resolve, then 95%)', async () => {
    const live = seedQuota();
    for (let now = NOW - 3 * HOUR; now < NOW; now += 300) await analyze({ db: live, config }, now);
    const expected = (
      live
        .prepare(`SELECT a.fingerprint, e.at FROM alert_events e JOIN alerts a ON a.id = e.alert_id
          WHERE a.rule = 'quota' AND e.kind IN ('opened', 'reopened') ORDER BY e.at, a.fingerprint`)
        .all() as Array<{ fingerprint: string; at: number }>
    ).map((row) => `${row.fingerprint}@${row.at - NOW}`);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const { alerts } = backtestHistory({
      db: seedQuota(),
      config,
      rule: 'quota',
      since: NOW - 3 * HOUR,
      until: NOW,
      stepSeconds: 300,
      settings: defaultSettings('quota', config.alerts),
    });
    expect(alerts.map((alert) => `${alert.fingerprint}@${alert.at - NOW}`)).toEqual(expected);
  });
});

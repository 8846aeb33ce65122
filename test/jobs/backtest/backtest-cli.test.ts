import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../support/run-cli.js';
import { HOUR, NOW, seedHourlySpend } from './seed-hourly-spend.js';

/** Per-minute quota use: 50%, then 90% at minute 100, 97% at minute 200. */
function quotaCsv(): string {
  const start = Date.UTC(2026, 10, 23, 0, 0) / 1000;
  const lines = ['timestamp,value'];
  for (let minute = 0; minute < 300; minute += 1) {
    const stamp = new Date((start + minute * 60) * 1000).toISOString();
    const value = minute === 100 ? 90 : minute === 200 ? 97 : 50;
    lines.push(minute % 2 === 0 ? `${stamp},${value}` : `${stamp.slice(0, 19).replace('T', ' ')},${value}`);
  }
  lines.splice(3, 0, 'oops', '2026-11-23 00:02:00,n/a');
  return lines.join('\n');
}

describe('ai-spend backtest', () => {
  it('replays two CSV series through quota: JSON alerts per series, bad lines reported by number', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ai-spend-bt-'));
    writeFileSync(join(cwd, 'east.csv'), quotaCsv());
    writeFileSync(join(cwd, 'west.csv'), 'timestamp,value\n2026-11-23 00:00:00,10\n2026-11-23 00:01:00,20\n');
    const { code, stdout } = await run(
      [
        'backtest',
        '--rule',
        'quota',
        '--series',
        'east.csv',
        'west.csv',
        '--set',
        'quota_percent=85,95',
        '--json',
      ],
      {},
      cwd,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.rule).toBe('quota');
    expect(report.settings.quota_percent).toEqual([85, 95]);
    expect(
      report.series.map((entry: { name: string; points: number }) => [entry.name, entry.points]),
    ).toEqual([
      ['east', 300],
      ['west', 2],
    ]);
    expect(
      report.series[0].alerts.map((alert: { at: string; severity: string; value: number }) => [
        alert.at,
        alert.severity,
        alert.value,
      ]),
    ).toEqual([
      ['2026-11-23T01:40:00Z', 'warning', 90],
      ['2026-11-23T03:20:00Z', 'critical', 97],
    ]);
    expect(report.series[0].alerts[0].message).toContain('Peaked at 90%');
    expect(report.problems.map((problem: { line: number }) => problem.line)).toEqual([4, 5]);
  });

  it('prints a table and the alerts per week and scope, exit 0', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ai-spend-bt-'));
    writeFileSync(join(cwd, 'east.csv'), quotaCsv());
    const { code, stdout } = await run(['backtest', '--rule', 'quota', '--series', 'east.csv'], {}, cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('skipped east.csv line 4: expected 2 fields');
    expect(stdout).toMatch(/2026-11-23 01:40 +warning +east +90 %/);
    expect(stdout).toContain('2 alerts (1 critical) over 1 week: 2.0 per week');
    expect(stdout).toContain('per scope: east 2');
  });

  it('replays 8 hours of stored history in 96 passes and flags search at the pass after its first tripled hour', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ai-spend-bt-'));
    seedHourlySpend([[NOW - 5 * HOUR, NOW - 2 * HOUR]], { path: join(cwd, 'spend.db') }).close();
    const { code, stdout, stderr } = await run(
      [
        'backtest',
        '--rule',
        'cost_anomaly',
        '--since',
        new Date((NOW - 8 * HOUR) * 1000).toISOString(),
        '--until',
        new Date(NOW * 1000).toISOString(),
        '--scope',
        'team=search',
        '--json',
      ],
      { AI_SPEND_DB: join(cwd, 'spend.db') },
      cwd,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.stepSeconds).toBe(300);
    expect(report.series[0].points).toBe(96);
    const alerts = report.series[0].alerts as Array<{ at: string; scope: string; unit: string }>;
    expect(alerts.map((alert) => alert.scope)).toEqual(['team=search']);
    expect(alerts[0]?.unit).toBe('USD/hour');
    // The first tripled hour (from NOW − 5 h) is complete, and read, at the pass of NOW − 4 h.
    expect(Date.parse(alerts[0]?.at ?? '') / 1000).toBe(NOW - 4 * HOUR);
  });

  it.each([
    [['--rule', 'cost-spike'], 'unknown rule "cost-spike"', 'cost-anomaly, latency-shift'],
    [['--rule', 'quota', '--set', 'threshold=3'], '--set threshold: not a setting of quota', 'quota_percent'],
    [['--rule', 'budget', '--series', 'x.csv'], 'budget cannot run from a bare series', 'latency-shift'],
    [['--rule', 'quota', '--step', '0'], '--step 0', ''],
    [['--rule', 'quota', '--since', 'yesterday'], '--since', ''],
  ])('exits 2 for %j with a clear message', async (args, message, hint) => {
    const { code, stderr } = await run(['backtest', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: ${message}`);
    expect(stderr).toContain(hint);
  });
});

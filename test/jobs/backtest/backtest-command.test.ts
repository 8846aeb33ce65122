import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { runBacktest } from '../../../src/jobs/backtest/backtest-command.js';

const config = loadConfig({ path: 'ai-spend.yml', text: '', env: {} });
/** Monday 2026-11-23 00:00 UTC. */
const START = Date.UTC(2026, 10, 23) / 1000;

/** Per-minute quota use: 50%, 90% at minutes 100 and 200 (two alerts: it resolves in between). */
const csv = [
  'timestamp,value',
  ...Array.from({ length: 300 }, (_, minute) => {
    const stamp = new Date((START + minute * 60) * 1000).toISOString();
    return `${stamp},${minute === 100 || minute === 200 ? 90 : 50}`;
  }),
].join('\n');
const files: Record<string, string> = { 'a/east.csv': csv, 'b/east.csv': csv, 'west.csv': csv };
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  return text;
};

describe('runBacktest on series', () => {
  it('reports alerts of series dated after the wall clock, and the span of the points', () => {
    const report = runBacktest({ rule: 'quota', series: ['west.csv'] }, { config, now: 0, readFile });
    expect(report.series[0]?.alerts.map((alert) => alert.at - START)).toEqual([6_000, 12_000]);
    expect([report.since, report.until]).toEqual([START, START + 299 * 60 + 1]);
    expect(report.summary.perWeek).toEqual([{ week: '2026-11-23', alerts: 2 }]);
  });

  it('keeps alerts within --since/--until and names same-named files by their path', () => {
    const report = runBacktest(
      { rule: 'quota', series: ['a/east.csv', 'b/east.csv'], since: START + 150 * 60 },
      { config, now: 0, readFile },
    );
    expect(report.series.map((entry) => [entry.name, entry.alerts.length])).toEqual([
      ['a/east.csv', 1],
      ['b/east.csv', 1],
    ]);
  });

  it('keeps only the series a --scope names', () => {
    const report = runBacktest(
      { rule: 'quota', series: ['west.csv', 'a/east.csv'], scopes: ['west'] },
      { config, now: 0, readFile },
    );
    expect(report.series.map((entry) => entry.alerts.length)).toEqual([2, 0]);
  });

  it('says which file it cannot read', () => {
    expect(() => runBacktest({ rule: 'quota', series: ['nope.csv'] }, { config, now: 0, readFile })).toThrow(
      '--series nope.csv: cannot read it (ENOENT)',
    );
  });

  it('says why budget cannot be replayed over the history', () => {
    expect(() => runBacktest({ rule: 'budget' }, { config, now: START, readFile })).toThrow(
      'budget cannot be replayed yet',
    );
  });
});

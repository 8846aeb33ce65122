import type Database from 'better-sqlite3';
import { openDatabase } from '../../../src/store/open-database.js';

/** Tuesday 2026-11-24 15:00 UTC. */
export const NOW = Date.UTC(2026, 10, 24, 15, 0) / 1000;
export const HOUR = 3_600;
const DAY = 86_400;

/** Deterministic ±5% wobble per (hour, cell). */
const wobble = (hour: number, salt: number) =>
  1 + (((hour / HOUR) * 7919 + salt * 104_729) % 101) / 1000 - 0.05;

/**
 * 35 days of hourly spend for search (anthropic) and growth (openai), $100 an hour with a daily
 * swing; search triples over `spikes` ([start, end) hours). Each source's usage cursor is at `NOW`.
 * With `through`, only hours before it are stored (the database as it was then).
 */
export function seedHourlySpend(
  spikes: Array<[number, number]>,
  { through = NOW, billed = false, path = ':memory:' } = {},
): Database.Database {
  const db = openDatabase({ path });
  const hourly = db.prepare(`INSERT INTO rollup_hourly (hour, source, team, feature, model_family,
      estimated_micros, tokens, requests) VALUES (?, ?, ?, ?, 'claude-sonnet-4-5', ?, 1000, 10)`);
  const daily = new Map<string, number>();
  const cells: Array<[string, string, string, number]> = [
    ['anthropic', 'search', 'ask-docs', 1],
    ['openai', 'growth', 'copywriter', 2],
  ];
  for (let hour = NOW - 35 * DAY; hour < through; hour += HOUR) {
    for (const [source, team, feature, salt] of cells) {
      const swing = 1 + 0.3 * Math.sin(((hour % DAY) / DAY) * 2 * Math.PI);
      const spiking = team === 'search' && spikes.some(([start, end]) => hour >= start && hour < end);
      const micros = Math.round(100_000_000 * swing * wobble(hour, salt) * (spiking ? 3 : 1));
      hourly.run(hour, source, team, feature, micros);
      const key = JSON.stringify([source, team, feature, hour - (hour % DAY)]);
      daily.set(key, (daily.get(key) ?? 0) + micros);
    }
  }
  const day = db.prepare(`INSERT INTO rollup_daily (team, day, source, feature, model, model_family,
      estimated_micros, unpriced_tokens, tokens, requests, billed_micros, billed)
    VALUES (?, ?, ?, ?, 'claude-sonnet-4-5', 'claude-sonnet-4-5', ?, 0, 1000, 10, ?, ?)`);
  for (const [key, micros] of daily) {
    const [source, team, feature, start] = JSON.parse(key) as [string, string, string, number];
    // A bill three times the estimate for search's last two days: a daily spike only if read early.
    const overbilled = billed && team === 'search' && start >= NOW - 2 * DAY - (NOW % DAY);
    day.run(team, start, source, feature, micros, overbilled ? micros * 3 : micros, overbilled ? 1 : 0);
  }
  for (const source of ['anthropic', 'openai']) {
    db.prepare(`INSERT INTO dims (key, source, scope, team) VALUES (?, ?, ?, 'x')`).run(
      source,
      source,
      source,
    );
    db.prepare(`INSERT INTO cursors (source, stream, position, updated_at) VALUES (?, 'usage', ?, ?)`).run(
      source,
      NOW,
      NOW,
    );
  }
  return db;
}

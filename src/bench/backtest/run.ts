import { type SeriesRule, seriesBacktest } from '../../core/backtest/series-backtest.js';
import { mulberry32 } from '../../sim/scenario/rng.js';

const HOUR = 3_600;
/** Monday 2025-01-06 00:00 UTC. */
const START = Date.UTC(2025, 0, 6) / 1000;

/** A daily-seasonal noisy series with a level change at `shiftAt` (point index) by `factor`. */
function series(length: number, step: number, seed: number, level: number, shiftAt: number, factor: number) {
  const random = mulberry32(seed);
  return Array.from({ length }, (_, index) => {
    const at = START + index * step;
    const daily = 1 + 0.3 * Math.sin(((at % 86_400) / 86_400) * 2 * Math.PI);
    const value = level * daily * (1 + 0.1 * (random() - 0.5));
    return { at, value: index >= shiftAt ? value * factor : value };
  });
}

const cases: Array<{ rule: SeriesRule; level: number; factor: number; step: number }> = [
  { rule: 'cost_anomaly', level: 100, factor: 3, step: HOUR },
  { rule: 'latency_shift', level: 600, factor: 2, step: 60 },
  { rule: 'quota', level: 60, factor: 1.5, step: 60 },
];

for (const { rule, level, factor, step } of cases) {
  const started = performance.now();
  const year = seriesBacktest({
    rule,
    name: 'year',
    points: series(8_760, HOUR, 7, level, 6_000, factor),
    settings: { resolveAfterMinutes: 60 },
  });
  const yearSeconds = (performance.now() - started) / 1000;
  const many = performance.now();
  let alerts = 0;
  for (let index = 0; index < 20; index += 1) {
    alerts += seriesBacktest({
      rule,
      name: `series-${index}`,
      points: series(20_000, step, index + 1, level, 15_000, factor),
      settings: { resolveAfterMinutes: 60 },
    }).alerts.length;
  }
  const manySeconds = (performance.now() - many) / 1000;
  process.stdout.write(
    `${rule.padEnd(14)} year of hourly points: ${yearSeconds.toFixed(2)} s (${year.alerts.length} alerts)` +
      ` · 20 × 20,000 points (every ${step / 60} min): ${manySeconds.toFixed(2)} s (${alerts} alerts)\n`,
  );
}

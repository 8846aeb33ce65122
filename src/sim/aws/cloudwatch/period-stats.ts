import type { BedrockPeriodStats, BedrockScenario, BedrockSeries } from '../../scenario-types.js';

const MINUTE = 60;
const HOUR = 3_600;

/** What CloudWatch can still serve: datapoints older than 455 days are gone. */
export const RETENTION_SECONDS = 455 * 86_400;

export interface PeriodSpan {
  /** `[start, end)`, UTC epoch seconds; only the part before `now` and within retention has data. */
  start: number;
  end: number;
  now: number;
  /** Read whole hours with `scenario.hour()` where they fit, minutes with `scenario.minute()` elsewhere. */
  useHours: boolean;
}

/**
 * The stats of one series over a span, built from the scenario's minutes or hours. Sums add;
 * latency averages and percentiles are weighted by invocations (an approximation: CloudWatch
 * computes percentiles from the raw samples, which the scenario does not keep). `null` when no
 * minute of the span has a datapoint.
 */
export function periodStats(
  scenario: Pick<BedrockScenario, 'minute' | 'hour'>,
  series: BedrockSeries,
  { start, end, now, useHours }: PeriodSpan,
): BedrockPeriodStats | null {
  const parts: BedrockPeriodStats[] = [];
  const until = Math.min(end, now);
  let time = Math.max(start, now - RETENTION_SECONDS);
  time += (MINUTE - (time % MINUTE)) % MINUTE;
  while (time < until) {
    if (useHours && time % HOUR === 0 && time + HOUR <= until) {
      const stats = scenario.hour(series, time);
      if (stats !== null) parts.push(stats);
      time += HOUR;
    } else {
      const stats = scenario.minute(series, time);
      if (stats !== null) parts.push(stats);
      time += MINUTE;
    }
  }
  return combineStats(parts);
}

/** Merges the stats of consecutive periods into one; `null` for none. */
export function combineStats(parts: BedrockPeriodStats[]): BedrockPeriodStats | null {
  const [first, ...rest] = parts;
  if (first === undefined) return null;
  if (rest.length === 0) return first;
  const sum = (pick: (stats: BedrockPeriodStats) => number) =>
    parts.reduce((total, stats) => total + pick(stats), 0);
  const withTtft = parts.filter((stats) => stats.ttftP50Ms !== null && stats.ttftP90Ms !== null);
  return {
    invocations: sum((stats) => stats.invocations),
    inputTokens: sum((stats) => stats.inputTokens),
    outputTokens: sum((stats) => stats.outputTokens),
    cacheReadTokens: sum((stats) => stats.cacheReadTokens),
    cacheWriteTokens: sum((stats) => stats.cacheWriteTokens),
    throttles: sum((stats) => stats.throttles),
    clientErrors: sum((stats) => stats.clientErrors),
    serverErrors: sum((stats) => stats.serverErrors),
    estimatedTpmQuotaUsage: sum((stats) => stats.estimatedTpmQuotaUsage),
    latencyAvgMs: weighted(parts, (stats) => stats.latencyAvgMs),
    latencyP90Ms: weighted(parts, (stats) => stats.latencyP90Ms),
    ttftP50Ms: withTtft.length === 0 ? null : weighted(withTtft, (stats) => stats.ttftP50Ms ?? 0),
    ttftP90Ms: withTtft.length === 0 ? null : weighted(withTtft, (stats) => stats.ttftP90Ms ?? 0),
  };
}

function weighted(parts: BedrockPeriodStats[], pick: (stats: BedrockPeriodStats) => number): number {
  const weight = parts.reduce((total, stats) => total + stats.invocations, 0);
  if (weight === 0) return parts.reduce((total, stats) => total + pick(stats), 0) / parts.length;
  return parts.reduce((total, stats) => total + pick(stats) * stats.invocations, 0) / weight;
}

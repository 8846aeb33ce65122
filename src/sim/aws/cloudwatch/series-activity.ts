import type { BedrockScenario, BedrockSeries } from '../../scenario-types.js';
import { periodStats } from './period-stats.js';

/** Whether a series had any datapoint, and any streaming (TTFT) datapoint, in a look-back horizon. */
export interface SeriesActivity {
  active: boolean;
  streaming: boolean;
}

export type ActivityOf = (series: BedrockSeries, horizonSeconds: number) => SeriesActivity;

/** ListMetrics forgets a metric after about two weeks without a datapoint. */
export const LISTED_HORIZON_SECONDS = 14 * 86_400;
/** `RecentlyActive: 'PT3H'`. */
export const RECENTLY_ACTIVE_SECONDS = 3 * 3_600;

/**
 * Activity of series over `[now - horizon, now)`, memoised for the current minute: a listing scans
 * two weeks of hours per series, and the SDK pages through it several times.
 */
export function createActivityCache(
  scenario: Pick<BedrockScenario, 'minute' | 'hour'>,
  now: () => number,
): ActivityOf {
  let minute = Number.NaN;
  let memo = new Map<string, SeriesActivity>();
  return (series, horizonSeconds) => {
    const at = now();
    if (Math.floor(at / 60) !== minute) {
      minute = Math.floor(at / 60);
      memo = new Map();
    }
    const key = JSON.stringify([series.region, series.modelId, horizonSeconds]);
    let activity = memo.get(key);
    if (activity === undefined) {
      const stats = periodStats(scenario, series, {
        start: at - horizonSeconds,
        end: at,
        now: at,
        useHours: true,
      });
      activity = { active: stats !== null, streaming: stats?.ttftP50Ms != null };
      memo.set(key, activity);
    }
    return activity;
  };
}

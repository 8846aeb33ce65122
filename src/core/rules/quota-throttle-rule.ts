import type { AlertCandidate } from '../alerts/alert.js';
import { isoTime } from '../period.js';

/** Per-minute `InvocationThrottles` of one model in one region, and the teams using it. */
export interface QuotaThrottleSeries {
  region: string;
  /** The ModelId (or inference profile) throttled. */
  model: string;
  /** A readable model name, e.g. `Claude Sonnet 4.5`. */
  label: string;
  /** Teams using the model, with their share of its tokens (0–1), largest first. */
  users: ReadonlyArray<{ team: string; share: number }>;
  /**
   * Throttled requests per minute (`minute` = its start, UTC epoch seconds). CloudWatch reports no
   * point for a minute without throttles, so a missing minute counts as none (it can never fire).
   */
  minutes: ReadonlyArray<{ minute: number; throttles: number }>;
}

/** When throttling counts as sustained. */
export interface QuotaThrottleSettings {
  /** Minutes looked back from `now`. */
  windowMinutes: number;
  /** Minutes of the window with at least one throttle. */
  minMinutes: number;
  /** Throttled requests in the window, in total. */
  minThrottles: number;
}

export const DEFAULT_QUOTA_THROTTLE_SETTINGS: QuotaThrottleSettings = {
  windowMinutes: 15,
  minMinutes: 5,
  minThrottles: 10,
};

/** The figures of a throttling alert (`AlertCandidate.details`). */
export interface QuotaThrottleDetails {
  region: string;
  model: string;
  label: string;
  throttles: number;
  throttledMinutes: number;
  windowMinutes: number;
  /** The busiest minute's throttles and when (ISO, UTC). */
  peakThrottles: number;
  peakAt: string;
  latestAt: string;
  /** The team told and its share of the model's tokens (0–1). */
  team: string;
  share: number;
  teams: Array<{ team: string; share: number }>;
}

/**
 * Sustained throttling at `now`: a model whose `InvocationThrottles` were above zero in at least
 * `minMinutes` of the last `windowMinutes` and added up to `minThrottles` or more. Every team using
 * the model is told (one candidate each, fingerprinted `quota_throttles|region|model|team`), with
 * its share of the model's tokens; `unallocated` when nobody is known to use it.
 */
export function quotaThrottleRule({
  series,
  now,
  settings = {},
}: {
  series: ReadonlyArray<QuotaThrottleSeries>;
  now: number;
  settings?: Partial<QuotaThrottleSettings>;
}): AlertCandidate[] {
  const { windowMinutes, minMinutes, minThrottles } = { ...DEFAULT_QUOTA_THROTTLE_SETTINGS, ...settings };
  const candidates: AlertCandidate[] = [];
  for (const entry of series) {
    const perMinute = new Map<number, number>();
    for (const { minute, throttles } of entry.minutes) {
      if (minute >= now - windowMinutes * 60 && minute < now && throttles > 0) {
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + throttles);
      }
    }
    const throttles = [...perMinute.values()].reduce((sum, value) => sum + value, 0);
    if (perMinute.size < minMinutes || throttles < minThrottles) continue;
    const [peakAt, peakThrottles] = [...perMinute].reduce((best, point) =>
      point[1] > best[1] ? point : best,
    );
    const latest = Math.max(...perMinute.keys());
    const teams = entry.users.length === 0 ? [{ team: 'unallocated', share: 1 }] : [...entry.users];
    for (const { team, share } of teams) {
      const details: QuotaThrottleDetails = {
        region: entry.region,
        model: entry.model,
        label: entry.label,
        throttles,
        throttledMinutes: perMinute.size,
        windowMinutes,
        peakThrottles,
        peakAt: isoTime(peakAt),
        latestAt: isoTime(latest),
        team,
        share,
        teams,
      };
      candidates.push({
        fingerprint: `quota_throttles|${entry.region}|${entry.model}|${team}`,
        rule: 'quota_throttles',
        team,
        severity: 'warning',
        title: `${entry.label} throttled ${throttles.toLocaleString('en-US')} times in ${entry.region}`,
        summary: throttleSummary(details),
        details: { ...details },
        observedAt: latest,
        magnitude: Math.round((perMinute.size / windowMinutes) * 100),
        view: {
          facts: [
            { label: 'Throttled requests', value: throttles.toLocaleString('en-US') },
            { label: 'Throttled minutes', value: `${perMinute.size} of the last ${windowMinutes}` },
            {
              label: 'Busiest minute',
              value: `${peakThrottles.toLocaleString('en-US')} at ${details.peakAt.slice(11, 16)} UTC`,
            },
            { label: `${team}'s share`, value: `${Math.round(share * 100)}% of the tokens` },
          ],
          contributors: {
            title: 'Share of the model',
            rows: teams.map((user) => ({
              label: user.team,
              value: `${Math.round(user.share * 100)}%`,
              share: user.share,
            })),
          },
          next: 'Ask `quota` for the model: retry with backoff, move load to a cross-region profile, or request a quota increase.',
        },
      });
    }
  }
  return candidates;
}

function throttleSummary(details: QuotaThrottleDetails): string {
  const who =
    details.team === 'unallocated'
      ? 'No team is known to use it.'
      : `Team ${details.team} sends ${Math.round(details.share * 100)}% of its tokens.`;
  return `Bedrock throttled ${details.throttles.toLocaleString('en-US')} requests to ${details.label} in ${details.region} in ${details.throttledMinutes} of the last ${details.windowMinutes} min. ${who}`;
}

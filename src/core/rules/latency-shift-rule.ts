import type { AlertCandidate, AlertCandidateView } from '../alerts/alert.js';
import { SECONDS_PER_HOUR } from '../facts.js';
import { isoDay } from '../period.js';
import { type ConfirmedStep, confirmedSteps, hourlyLevels } from './change-point.js';

/**
 * A time-to-first-token statistic: percentiles where the provider gives distributions (Bedrock,
 * Vertex AI), the per-minute average where it gives only that (Azure).
 */
export const LATENCY_STATS = ['p50', 'p90', 'avg'] as const;
export type LatencyStat = (typeof LATENCY_STATS)[number];

/** Time to first token of one model in one region, one statistic, as the store reads it. */
export interface LatencySeries {
  region: string;
  /** CloudWatch ModelId, or the inference profile id/ARN. */
  model: string;
  /** Display name, e.g. the model family 'claude-sonnet-4-5'. */
  label: string;
  stat: LatencyStat;
  /**
   * Buckets with data, any order: start (UTC epoch seconds), width (60, 300 or 3,600) and the
   * statistic in milliseconds. A bucket without streaming traffic has no point (unknown, not zero).
   * Pass at least {@link latencyShiftLookbackSeconds} before `now`.
   */
  points: ReadonlyArray<{ at: number; bucketSeconds: number; ms: number }>;
}

/** How sure and how big a step must be before it is told. Hours count hours with data. */
export interface LatencyShiftSettings {
  /** Larger level ÷ smaller level, at least (1.3: 450 ms → 585 ms). */
  minRatio: number;
  /** And the levels at least this many milliseconds apart. */
  minMs: number;
  /** Hours on the new level before the shift is told (persistence). Default 4. */
  minAfterHours: number;
  /** Hours of the old level needed before the shift. Default 12. */
  minBeforeHours: number;
  /** Hours before the shift whose median is the old level. Default 48. */
  baselineHours: number;
  /** A step first confirmed later than this after it began is the new normal, not news. Default 24. */
  maxDetectHours: number;
  /** Hours the alert keeps firing after the shift was first confirmed; it resolves after. Default 24. */
  announceHours: number;
  /** Share of the hours on the new level that must be past the midpoint of the levels. Default 0.75. */
  minAfterAgreement: number;
  /** Share of the baseline hours allowed past that midpoint (an older step, a daily peak). Default 0.2. */
  maxBeforeDisagreement: number;
  /** The latest hours with data that must all be past the midpoint: the step still holds. Default 2. */
  recentHours: number;
  /** Seconds of buckets an hour needs to count (5 one-minute points, or one 5-minute bucket). Default 300. */
  minHourCoverageSeconds: number;
  /** Seconds after an hour ends before it is read, so late CloudWatch datapoints are in. Default 600. */
  settleSeconds: number;
  /**
   * p50 and p90 steps the same way are one shift (one alert) when the later statistic's step began
   * at most this many hours before the first's, or before the first's alert ended. Default 6.
   */
  mergeHours: number;
  /** A rise at least this large is critical. Default 2. */
  criticalRatio: number;
  /** Also tell drops (good news, always a warning). Default false: a faster first token costs nothing. */
  includeDrops: boolean;
}

export const DEFAULT_LATENCY_SHIFT_SETTINGS: LatencyShiftSettings = {
  minRatio: 1.3,
  minMs: 150,
  minAfterHours: 4,
  minBeforeHours: 12,
  baselineHours: 48,
  maxDetectHours: 24,
  announceHours: 24,
  minAfterAgreement: 0.75,
  maxBeforeDisagreement: 0.2,
  recentHours: 2,
  minHourCoverageSeconds: 300,
  settleSeconds: 600,
  mergeHours: 6,
  criticalRatio: 2,
  includeDrops: false,
};

/** The figures of a latency shift alert (`AlertCandidate.details`). Times are UTC epoch seconds. */
export interface LatencyShiftDetails {
  region: string;
  model: string;
  label: string;
  /** The statistic the alert is about: the one that showed the shift first (ties: moved most). */
  stat: LatencyStat;
  /** Start of the first hour on the new level. */
  shiftAt: number;
  /** Median of the hourly levels before and after the shift, whole milliseconds. */
  beforeMs: number;
  afterMs: number;
  /** `afterMs ÷ beforeMs`, two decimals. */
  ratio: number;
  team: string;
  /** The team's share of the model's tokens/requests in the region, 0–1 (0 when unknown). */
  teamShare: number;
  /** The hour boundary at which the shift was first confirmed. */
  detectedAt?: number;
  /** The other statistic, when it shifted around the same hour. */
  also?: { stat: LatencyStat; beforeMs: number; afterMs: number; ratio: number };
}

/** Seconds of points before `now` the rule reads: older points are ignored. */
export function latencyShiftLookbackSeconds(settings: Partial<LatencyShiftSettings> = {}): number {
  const s = { ...DEFAULT_LATENCY_SHIFT_SETTINGS, ...settings };
  // The oldest pass re-derived looks back `maxDetectHours + baselineHours` from up to
  // CONFIRM_SLACK_HOURS before the oldest step the current pass considers.
  const hours = confirmLookbackHours(s) + CONFIRM_SLACK_HOURS + s.maxDetectHours + s.baselineHours;
  return hours * SECONDS_PER_HOUR + s.settleSeconds;
}

type Confirmed = ConfirmedStep<LatencyStat>;

/** The search for a first confirmation starts this many hours before the current estimate allows. */
const CONFIRM_SLACK_HOURS = 6;

/**
 * Lasting steps in time to first token, per (region, model): one candidate per team using the model
 * (`unallocated` when none is known), fingerprint `latency_shift|region|model|stat|shiftAt|team`.
 * Each statistic's minutes become hourly medians and a robust two-segment fit finds the step (see
 * `changePoint`); the step is told once: from the pass that first confirms it for `announceHours`,
 * re-deriving that first confirmation on every pass from the data alone, so `shiftAt` stays put
 * while more hours arrive. Drops are skipped unless `includeDrops`.
 */
export function latencyShiftRule({
  series,
  users,
  now,
  settings = {},
}: {
  series: readonly LatencySeries[];
  /** Teams using each model: key `${region}|${model}`, shares of its tokens/requests (0–1), largest first. */
  users: ReadonlyMap<string, ReadonlyArray<{ team: string; share: number }>>;
  now: number;
  settings?: Partial<LatencyShiftSettings>;
}): AlertCandidate[] {
  const s = { ...DEFAULT_LATENCY_SHIFT_SETTINGS, ...settings };
  const through = Math.floor((now - s.settleSeconds) / SECONDS_PER_HOUR) * SECONDS_PER_HOUR;
  const since = through - latencyShiftLookbackSeconds(s) + s.settleSeconds;
  const byModel = new Map<string, LatencySeries[]>();
  for (const entry of series) {
    const key = `${entry.region}|${entry.model}`;
    byModel.set(key, [...(byModel.get(key) ?? []), entry]);
  }
  const strict = { ...s, maxAgeHours: s.maxDetectHours };
  // Keeps a told step visible through one noisy hour, so the alert neither ends early nor passes
  // to the other statistic.
  const loose = {
    ...s,
    maxAgeHours: confirmLookbackHours(s),
    minRatio: s.minRatio ** 0.75,
    minMs: s.minMs * 0.75,
    minAfterAgreement: 0.5,
    recentHours: 0,
    recentSplitsOnly: true,
  };
  const candidates: AlertCandidate[] = [];
  for (const [key, group] of [...byModel].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const stats = group.map((entry) => ({
      key: entry.stat,
      levels: hourlyLevels(entry.points, { through, since, minCoverageSeconds: s.minHourCoverageSeconds }),
    }));
    const lastHour = Math.max(...stats.map((entry) => entry.levels.at(-1)?.hour ?? 0));
    const confirmed = confirmedSteps(stats, { through, strict, loose, slackHours: CONFIRM_SLACK_HOURS }).sort(
      (a, b) =>
        a.detectedAt - b.detectedAt ||
        Math.abs(Math.log(b.first.ratio)) - Math.abs(Math.log(a.first.ratio)) ||
        (a.key < b.key ? -1 : 1),
    );
    const head = group[0];
    if (head === undefined) continue;
    const teams = users.get(key)?.filter((user) => user.share > 0) ?? [];
    const owners = teams.length > 0 ? teams : [{ team: 'unallocated', share: 0 }];
    // The statistic confirmed first leads (it stays first on later passes, so the fingerprint
    // holds); the other joins it when it stepped the same way around the same hour or while the
    // lead's alert was still being told (a step estimated late in a daily trough is the same event).
    const told = new Set<Confirmed>();
    for (const lead of confirmed) {
      if (told.has(lead)) continue;
      const also = confirmed.find(
        (other) =>
          other !== lead &&
          !told.has(other) &&
          other.first.at >= lead.first.at - s.mergeHours * SECONDS_PER_HOUR &&
          other.first.at < lead.detectedAt + s.announceHours * SECONDS_PER_HOUR &&
          other.first.ratio > 1 === lead.first.ratio > 1,
      );
      told.add(lead);
      if (also !== undefined) told.add(also);
      if (lead.first.ratio < 1 && !s.includeDrops) continue;
      if (through >= lead.detectedAt + s.announceHours * SECONDS_PER_HOUR) continue;
      for (const owner of owners) {
        candidates.push(shiftCandidate(head, { lead, also, lastHour }, owner, teams, s));
      }
    }
  }
  return candidates;
}

/** Hours back the current pass looks for a step that may have been confirmed within `announceHours`. */
function confirmLookbackHours(s: LatencyShiftSettings): number {
  return s.maxDetectHours + s.announceHours + s.minAfterHours;
}

function shiftCandidate(
  series: LatencySeries,
  { lead, also, lastHour }: { lead: Confirmed; also: Confirmed | undefined; lastHour: number },
  owner: { team: string; share: number },
  teams: ReadonlyArray<{ team: string; share: number }>,
  s: LatencyShiftSettings,
): AlertCandidate {
  const figures = (shift: Confirmed) => {
    const beforeMs = Math.round(shift.first.beforeMs);
    const afterMs = Math.round(shift.latest.afterMs);
    return { stat: shift.key, beforeMs, afterMs, ratio: Math.round((afterMs / beforeMs) * 100) / 100 };
  };
  const { stat, beforeMs, afterMs, ratio } = figures(lead);
  const other = also === undefined ? undefined : figures(also);
  const details: LatencyShiftDetails = {
    region: series.region,
    model: series.model,
    label: series.label,
    stat,
    shiftAt: lead.first.at,
    beforeMs,
    afterMs,
    ratio,
    team: owner.team,
    teamShare: owner.share,
    detectedAt: lead.detectedAt,
    ...(other === undefined ? {} : { also: other }),
  };
  const rise = ratio > 1;
  const where = `${series.label} in ${series.region}`;
  const step = (figure: { beforeMs: number; afterMs: number }) =>
    `${formatMs(figure.beforeMs)} → ${formatMs(figure.afterMs)}`;
  const alsoText = other === undefined ? '' : `; ${other.stat} ${step(other)}, ${other.ratio}×`;
  const share =
    owner.share > 0
      ? ` Team ${owner.team} sends ${Math.round(owner.share * 100)}% of the model's tokens there.`
      : ' No team is known to use it.';
  const view: AlertCandidateView = {
    facts: [
      { label: `Before (${stat})`, value: formatMs(beforeMs) },
      { label: `Now (${stat})`, value: formatMs(afterMs) },
      { label: 'Change', value: `${ratio}×` },
      { label: 'Since', value: hourText(lead.first.at) },
      ...(other === undefined ? [] : [{ label: other.stat, value: `${step(other)} (${other.ratio}×)` }]),
    ],
    ...(teams.length === 0
      ? {}
      : {
          contributors: {
            title: 'Teams using it (share of its tokens)',
            rows: teams.map(({ team, share }) => ({
              label: team,
              value: `${Math.round(share * 100)}%`,
              share,
            })),
          },
        }),
    next: rise
      ? 'Watch for retries or a move to another model or provider; ai-spend reports the spend change in 7 days.'
      : 'Nothing to do: first tokens arrive sooner; a team that moved away because of latency may move back.',
  };
  return {
    fingerprint: `latency_shift|${series.region}|${series.model}|${stat}|${lead.first.at}|${owner.team}`,
    rule: 'latency_shift',
    team: owner.team,
    severity: rise && ratio >= s.criticalRatio ? 'critical' : 'warning',
    title: `First-token latency of ${where} ${rise ? 'up' : 'down'} ${ratio}× (${step(details)})`,
    summary: `First-token latency of ${where} ${rise ? 'rose' : 'fell'} from ${formatMs(beforeMs)} to ${formatMs(afterMs)} (${stat}, ${ratio}×${alsoText}) at ${hourText(lead.first.at)}.${share}`,
    details: { ...details },
    observedAt: lastHour,
    view,
    magnitude: Math.round(ratio * 100),
  };
}

/** "450 ms", "1.1 s", "12 s". */
export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms / 1_000)} s`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "16:00 UTC on Tue 2026-11-17". */
export function hourText(at: number): string {
  const weekday = WEEKDAYS[new Date(at * 1000).getUTCDay()] ?? '';
  const hour = String(new Date(at * 1000).getUTCHours()).padStart(2, '0');
  return `${hour}:00 UTC on ${weekday} ${isoDay(at)}`;
}

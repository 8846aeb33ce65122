import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../core/facts.js';
import {
  type Contributor,
  type CostAnomaly,
  type CostAnomalySettings,
  type CostBreakdownRow,
  type CostSeries,
  costAnomalyRule,
  DEFAULT_DAILY_SETTINGS,
  DEFAULT_HOURLY_SETTINGS,
  detectCostAnomalies,
  rankContributors,
} from '../../core/rules/cost-anomaly-rule.js';
import { rngFor } from '../../sim/scenario/rng.js';
import type { DetectionCase } from './detection-case.js';

export const WEEK = 7 * SECONDS_PER_DAY;
/** Monday 2026-01-05 00:00 UTC: the first collected bucket of every case. */
export const EPOCH = Date.UTC(2026, 0, 5) / 1000;
/** Known history before the evaluated span: the baseline's 4 weeks plus the week it is levelled on. */
export const HISTORY = 5 * WEEK;
export const NOISE = { low: 0.05, mid: 0.15, high: 0.3 } as const;
export const DAILY_NOISE = { low: 0.03, mid: 0.08, high: 0.15 } as const;
export type Noise = keyof typeof NOISE;
export type Kind = 'level-shift-up' | 'level-shift-down' | 'spike' | 'ramp';

/** An injected change: spend × `factor(t)` from `at`. */
export interface Incident {
  kind: Kind;
  at: number;
  factor: (t: number) => number;
}

/** One generated team: its shape, size, noise and the incident on it, if any. */
export interface Team {
  name: string;
  /** Spend at the busiest bucket (hour or weekday), micro-dollars. */
  peak: number;
  shape: 'business' | 'always-on';
  /** Hours its local working day is shifted from UTC. */
  offset: number;
  noise: number;
  /** Organic change per week, e.g. 0.05 = +5%/week. */
  growth: number;
  incident?: Incident;
  /** Single-bucket outliers in the history (×factor at a bucket start). */
  outliers?: ReadonlyArray<{ at: number; factor: number }>;
}

export interface Scenario {
  granularity: 'hour' | 'day';
  teams: Team[];
  holidays: number[];
  gaps: Array<{ start: number; end: number }>;
  /** Seeds the noise of the points. */
  seed: number;
  evaluateFrom: number;
  evaluateTo: number;
  /** Adds the org series (sum of the teams), so the hierarchy de-duplication runs too. */
  withOrg: boolean;
}

export const BUSINESS_DAY = [
  0.08, 0.08, 0.08, 0.08, 0.08, 0.1, 0.15, 0.3, 0.7, 1, 1, 1, 0.85, 1, 1, 1, 1, 0.7, 0.4, 0.35, 0.25, 0.15,
  0.1, 0.08,
];

/** Usual spend of a team in the bucket starting at `t`, before noise and incident. */
export function usual(team: Team, t: number, granularity: 'hour' | 'day'): number {
  const growth = (1 + team.growth) ** ((t - EPOCH) / WEEK);
  const weekday = new Date(t * 1000).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (granularity === 'day') {
    const factor = team.shape === 'business' ? (weekend ? 0.22 : 1) : weekend ? 0.85 : 1;
    return team.peak * factor * growth;
  }
  const local = new Date((t - team.offset * SECONDS_PER_HOUR) * 1000);
  const hour = local.getUTCHours();
  const localWeekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
  const factor =
    team.shape === 'business'
      ? localWeekend
        ? 0.12 + 0.06 * Math.sin((hour / 24) * Math.PI)
        : (BUSINESS_DAY[hour] ?? 0.1)
      : (0.75 + 0.25 * Math.sin(((hour - 6) / 24) * 2 * Math.PI)) * (localWeekend ? 0.85 : 1);
  return team.peak * factor * growth;
}

export function generate(
  team: Team,
  scenario: Scenario,
  random: () => number,
): Array<{ at: number; micros: number }> {
  const step = scenario.granularity === 'hour' ? SECONDS_PER_HOUR : SECONDS_PER_DAY;
  const points: Array<{ at: number; micros: number }> = [];
  for (let t = EPOCH; t < scenario.evaluateTo; t += step) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const inGap = scenario.gaps.some((gap) => t + step > gap.start && t < gap.end);
    if (inGap) continue;
    const holiday = scenario.holidays.some((day) => t >= day && t < day + SECONDS_PER_DAY);
    const outlier = team.outliers?.find((entry) => entry.at === t)?.factor ?? 1;
    const noise = Math.exp(team.noise * gaussian - (team.noise * team.noise) / 2);
    const level = usual(team, t, scenario.granularity) * (holiday ? 0.15 : 1) * outlier;
    const micros = Math.round(level * noise * (team.incident?.factor(t) ?? 1));
    if (micros > 0) points.push({ at: t, micros });
  }
  return points;
}

export function toCase(
  name: string,
  tags: string[],
  detectWithinSeconds: number,
  scenario: Scenario,
): DetectionCase {
  const incidents = scenario.teams.flatMap((team) =>
    team.incident ? [{ at: team.incident.at, label: `${team.name} ${team.incident.kind}` }] : [],
  );
  return {
    name,
    rule: 'cost_anomaly',
    tags,
    incidents,
    detectWithinSeconds,
    evaluatedSeconds: scenario.evaluateTo - scenario.evaluateFrom,
    teams: scenario.teams.length,
    replay: () => replay(name, scenario),
  };
}

/** Every pass from `evaluateFrom`, one bucket apart, sees the points before its clock only. */
export function replay(name: string, scenario: Scenario): Array<{ fingerprint: string; firstAt: number }> {
  const random = rngFor(scenario.seed, 'cost_anomaly/points', name);
  const series: CostSeries[] = scenario.teams.map((team) => ({
    scope: { kind: 'team', team: team.name },
    points: generate(team, scenario, random),
  }));
  if (scenario.withOrg) series.push({ scope: { kind: 'org' }, points: sumSeries(series) });
  const hourly = scenario.granularity === 'hour';
  const step = hourly ? SECONDS_PER_HOUR : SECONDS_PER_DAY;
  const settings: CostAnomalySettings = hourly ? DEFAULT_HOURLY_SETTINGS : DEFAULT_DAILY_SETTINGS;
  const cursors = series.map(() => 0);
  const opened = new Map<string, number>();
  let firing = new Set<string>();
  const fired: Array<{ fingerprint: string; firstAt: number }> = [];
  for (let clock = scenario.evaluateFrom; clock <= scenario.evaluateTo; clock += step) {
    const visible = series.map((entry, index) => {
      let cursor = cursors[index] ?? 0;
      while (cursor < entry.points.length && (entry.points[cursor]?.at ?? clock) < clock) cursor++;
      cursors[index] = cursor;
      return { scope: entry.scope, points: entry.points.slice(0, cursor) };
    });
    const anomalies = detectCostAnomalies({
      series: visible,
      granularity: scenario.granularity,
      knownFrom: EPOCH,
      through: clock,
      gaps: scenario.gaps
        .filter((gap) => gap.start < clock)
        .map((gap) => ({ start: gap.start, end: Math.min(gap.end, clock) })),
      holidays: scenario.holidays.filter((day) => day < clock),
      settings,
    });
    const items = anomalies.map((anomaly) => ({
      anomaly,
      contributors: anomaly.scope.kind === 'org' ? teamContributors(anomaly, series) : [],
    }));
    const now = new Set(costAnomalyRule(items).map((candidate) => candidate.fingerprint));
    for (const fingerprint of now) {
      if (firing.has(fingerprint)) continue;
      // Absent for a pass resolves an alert; its return is a second notification, scored as one.
      const count = (opened.get(fingerprint) ?? 0) + 1;
      opened.set(fingerprint, count);
      fired.push({ fingerprint: count === 1 ? fingerprint : `${fingerprint}#${count}`, firstAt: clock });
    }
    firing = now;
  }
  return fired;
}

/** The org anomaly's root cause by team, from the team series over its current and baseline buckets. */
export function teamContributors(anomaly: CostAnomaly, series: readonly CostSeries[]): Contributor[] {
  const rows = (buckets: readonly number[]): CostBreakdownRow[] => {
    const wanted = new Set(buckets);
    return series.flatMap((entry) =>
      entry.scope.kind === 'team'
        ? [
            {
              dimension: 'team' as const,
              value: entry.scope.team,
              micros: entry.points.reduce(
                (total, point) => total + (wanted.has(point.at) ? point.micros : 0),
                0,
              ),
            },
          ]
        : [],
    );
  };
  return rankContributors(
    rows(anomaly.currentBuckets),
    anomaly.currentBuckets.length,
    rows(anomaly.baselineBuckets),
    anomaly.baselineBuckets.length,
  );
}

export function sumSeries(series: readonly CostSeries[]): Array<{ at: number; micros: number }> {
  const totals = new Map<number, number>();
  for (const entry of series)
    for (const { at, micros } of entry.points) totals.set(at, (totals.get(at) ?? 0) + micros);
  return [...totals].sort(([a], [b]) => a - b).map(([at, micros]) => ({ at, micros }));
}

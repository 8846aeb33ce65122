import { type QuotaRuleGroup, quotaRule } from '../../core/rules/quota-rule.js';
import { quotaThrottleRule } from '../../core/rules/quota-throttle-rule.js';
import { mulberry32 } from '../../sim/scenario/rng.js';
import type { DetectionCase } from './detection-case.js';

const MINUTE = 60;
/** One collection interval: the replay's step, and how soon an alert must follow the datapoint. */
const STEP = 5 * MINUTE;
/** Monday 2 November 2026, 00:00 UTC. */
const EVAL_START = Date.UTC(2026, 10, 2) / 1000;
const LIMIT = 2_000_000;
const THRESHOLDS = [80, 95];
const NAME = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5';
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const TEAMS = ['search', 'support', 'data'];

const KIND_TAGS = { launch: 'level-shift', climb: 'ramp', 'busy-day': 'spike' } as const;

type Random = () => number;

/**
 * Labelled per-minute signals for the quota rules. `quota`: utilisation of a 2,000,000 TPM quota with
 * a daily swing (busiest mid-afternoon UTC, weekends half), per-minute noise of 3–10%, short bursts
 * and missing stretches; incidents are launches (a step up mid-day), gradual climbs over a day or
 * two and busy days that barely touch 80%, each labelled at its first minute at or above 80% and 95%
 * and due within one collection interval (5 min); quiet controls peak at 60–75% over a week.
 * `quota_throttles`: sustained throttling episodes (10–40 min) labelled at their first throttled
 * minute, due within 15 min; quiet controls have scattered single throttles and bursts of 2–3 min.
 * The replay steps every 5 minutes and passes only minutes complete before the clock.
 */
export function quotaCases(seed: number): DetectionCase[] {
  const random = mulberry32(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const cases: DetectionCase[] = [];

  for (let index = 0; index < 30; index++) {
    const kind = index % 3 === 0 ? 'launch' : index % 3 === 1 ? 'climb' : 'busy-day';
    const noise = pick([0.03, 0.06, 0.1]);
    const minutes = 2 * 24 * 60;
    const base = baseUtilisation(random, minutes, noise, between(0.55, 0.7));
    const onset = Math.floor(between(1 * 24 * 60 + 8 * 60, 1 * 24 * 60 + 14 * 60));
    const target = kind === 'busy-day' ? between(0.8, 0.84) : pick([0.82, 0.88, 0.97, 1.02]);
    const shape =
      kind === 'launch'
        ? (minute: number) => (minute < onset ? 0 : Math.min(1, (minute - onset + 1) / 8))
        : kind === 'climb'
          ? (minute: number) => Math.max(0, (minute - 24 * 60) / (24 * 60))
          : (minute: number) => (minute >= 24 * 60 ? 1 : 0);
    const before = base.reduce((max, value, minute) => (shape(minute) === 0 ? Math.max(max, value) : max), 0);
    const scaled = (gain: number) =>
      base.map((value, minute) => Math.min(1.02, value * (1 + gain * shape(minute))));
    // The gain that takes the busiest affected minute to `target` (bisection).
    let low = 0;
    let high = 4;
    for (let step = 0; step < 40; step++) {
      const middle = (low + high) / 2;
      if (Math.max(...scaled(middle)) < target) low = middle;
      else high = middle;
    }
    const used = scaled(high);
    withGaps(random, used, 2);
    cases.push(
      quotaCase({
        name: `quota/${kind}/peak-${Math.round(target * 100)}%/noise-${noise * 100}%/${index}`,
        tags: [KIND_TAGS[kind], kind, `noise-${noise * 100}%`, 'missing-data'],
        used,
        teams: TEAMS.slice(0, 1 + (index % 3)),
        before,
      }),
    );
  }

  for (let index = 0; index < 10; index++) {
    const noise = [0.03, 0.06, 0.1][index % 3] ?? 0.06;
    const peak = between(0.6, 0.75);
    const used = baseUtilisation(random, 7 * 24 * 60, noise, peak);
    withGaps(random, used, 6);
    cases.push(
      quotaCase({
        name: `quota/quiet/peak-${Math.round(peak * 100)}%/noise-${noise * 100}%/${index}`,
        tags: ['quiet', 'seasonality', `noise-${noise * 100}%`, 'missing-data'],
        used,
        teams: TEAMS.slice(0, 2 + (index % 2)),
        before: peak,
      }),
    );
  }

  for (let index = 0; index < 16; index++) {
    const minutes = 2 * 24 * 60;
    const throttles = scatteredThrottles(random, minutes);
    const onset = Math.floor(between(24 * 60 + 9 * 60, 24 * 60 + 17 * 60));
    const length = Math.floor(between(10, 40));
    const rate = pick([3, 8, 20, 40]);
    const density = between(0.7, 1);
    for (let minute = onset; minute < onset + length; minute++) {
      if (minute === onset || random() < density)
        throttles[minute] = (throttles[minute] ?? 0) + 1 + poisson(random, rate);
    }
    cases.push(
      throttleCase({
        name: `quota_throttles/episode-${length}min/~${rate}-a-minute/${index}`,
        tags: ['spike', 'throttles'],
        throttles,
        onset,
        teams: TEAMS.slice(0, 1 + (index % 3)),
      }),
    );
  }

  for (let index = 0; index < 8; index++) {
    cases.push(
      throttleCase({
        name: `quota_throttles/quiet/${index}`,
        tags: ['quiet', 'throttles'],
        throttles: scatteredThrottles(random, 7 * 24 * 60),
        onset: undefined,
        teams: TEAMS.slice(0, 2 + (index % 2)),
      }),
    );
  }
  return cases;
}

/** Utilisation (share of the quota) per minute from EVAL_START: daily swing, weekends, noise, bursts. */
function baseUtilisation(random: Random, minutes: number, noise: number, peak: number): number[] {
  const values: number[] = [];
  for (let minute = 0; minute < minutes; minute++) {
    const hour = (minute / 60) % 24;
    const daily = 0.3 + 0.7 * ((1 + Math.cos((2 * Math.PI * (hour - 15)) / 24)) / 2) ** 2;
    const weekday = Math.floor(minute / (24 * 60)) % 7;
    const weekly = weekday >= 5 ? 0.5 : 1;
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    values.push(peak * daily * weekly * Math.exp(noise * normal));
  }
  // A few bursts of 1–3 minutes at +5–10% of the minute's use: batch clients, retries.
  for (let burst = 0; burst < minutes / 240; burst++) {
    const start = Math.floor(random() * minutes);
    const boost = 1.05 + 0.05 * random();
    for (let minute = start; minute < Math.min(minutes, start + 1 + Math.floor(random() * 3)); minute++) {
      values[minute] = (values[minute] ?? 0) * boost;
    }
  }
  const top = Math.max(...values);
  return values.map((value) => (value / top) * peak);
}

/** Blanks `count` stretches of 10–60 minutes (NaN: no datapoint), as when collection misses them. */
function withGaps(random: Random, used: number[], count: number): void {
  for (let gap = 0; gap < count; gap++) {
    const start = Math.floor(random() * used.length);
    const length = 10 + Math.floor(random() * 50);
    for (let minute = start; minute < Math.min(used.length, start + length); minute++)
      used[minute] = Number.NaN;
  }
}

function quotaCase({
  name,
  tags,
  used,
  teams,
  before,
}: {
  name: string;
  tags: string[];
  used: readonly number[];
  teams: readonly string[];
  before: number;
}): DetectionCase {
  const incidents = THRESHOLDS.flatMap((threshold) => {
    const first = used.findIndex((value) => value * 100 >= threshold);
    return first < 0
      ? []
      : [
          {
            at: EVAL_START + first * MINUTE,
            label: `reached ${threshold}% (before: ${Math.round(before * 100)}%)`,
          },
        ];
  });
  const models = teams.map(
    (team) => `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${team}`,
  );
  const owners = new Map(models.map((model, index) => [model, teams[index] ?? 'unallocated']));
  const usedByModel = new Map(models.map((model, index) => [model, 1_000_000 * (index + 1)]));
  const replay = () =>
    replayMinutes(used.length, (clock, complete) => {
      const minutes: QuotaRuleGroup['minutes'][number][] = [];
      for (let minute = Math.max(0, complete - 60); minute <= complete; minute++) {
        const value = used[minute];
        if (value !== undefined && !Number.isNaN(value))
          minutes.push({ minute: EVAL_START + minute * MINUTE, used: value * LIMIT });
      }
      const group = {
        region: 'us-east-1',
        name: NAME,
        inferenceType: 'cross_region',
        limit: LIMIT,
        models,
        minutes,
        owners,
        usedByModel,
      };
      return quotaRule({ groups: [group], thresholds: THRESHOLDS, now: clock });
    });
  return {
    name,
    rule: 'quota',
    tags,
    incidents,
    detectWithinSeconds: STEP,
    evaluatedSeconds: used.length * MINUTE,
    teams: teams.length,
    replay,
  };
}

/**
 * Background throttling that is not sustained: 1–3 throttles in about 0.5% of minutes, and a burst
 * of 2–3 throttled minutes (1–6 each) every 4–8 hours.
 */
function scatteredThrottles(random: Random, minutes: number): number[] {
  const throttles = Array.from({ length: minutes }, () =>
    random() < 0.005 ? 1 + Math.floor(random() * 3) : 0,
  );
  for (let start = Math.floor(random() * 240); start < minutes; start += 240 + Math.floor(random() * 240)) {
    for (let minute = start; minute < Math.min(minutes, start + 2 + Math.floor(random() * 2)); minute++) {
      throttles[minute] = 1 + Math.floor(random() * 6);
    }
  }
  return throttles;
}

function throttleCase({
  name,
  tags,
  throttles,
  onset,
  teams,
}: {
  name: string;
  tags: string[];
  throttles: readonly number[];
  onset: number | undefined;
  teams: readonly string[];
}): DetectionCase {
  const users = teams.map((team, index) => ({
    team,
    share: (teams.length - index) / ((teams.length * (teams.length + 1)) / 2),
  }));
  const replay = () =>
    replayMinutes(throttles.length, (clock, complete) => {
      const minutes: Array<{ minute: number; throttles: number }> = [];
      for (let minute = Math.max(0, complete - 20); minute <= complete; minute++) {
        const count = throttles[minute] ?? 0;
        if (count > 0) minutes.push({ minute: EVAL_START + minute * MINUTE, throttles: count });
      }
      const series = [{ region: 'us-east-1', model: MODEL, label: 'Claude Sonnet 4.5', users, minutes }];
      return quotaThrottleRule({ series, now: clock });
    });
  return {
    name,
    rule: 'quota_throttles',
    tags,
    incidents:
      onset === undefined ? [] : [{ at: EVAL_START + onset * MINUTE, label: 'sustained throttling' }],
    detectWithinSeconds: 15 * MINUTE,
    evaluatedSeconds: throttles.length * MINUTE,
    teams: teams.length,
    replay,
  };
}

/**
 * Steps the clock every 5 minutes over `length` minutes from EVAL_START; `evaluate` gets the clock
 * and the index of the latest minute complete before it. Returns when each fingerprint first fired.
 */
function replayMinutes(
  length: number,
  evaluate: (clock: number, complete: number) => ReadonlyArray<{ fingerprint: string }>,
): Array<{ fingerprint: string; firstAt: number }> {
  const first = new Map<string, number>();
  for (let clock = EVAL_START + STEP; clock <= EVAL_START + length * MINUTE; clock += STEP) {
    for (const { fingerprint } of evaluate(clock, (clock - EVAL_START) / MINUTE - 1)) {
      if (!first.has(fingerprint)) first.set(fingerprint, clock);
    }
  }
  return [...first].map(([fingerprint, firstAt]) => ({ fingerprint, firstAt }));
}

/** Knuth's method: fine for the small means used here. */
function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count++;
  return count;
}

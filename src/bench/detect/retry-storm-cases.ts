import { SECONDS_PER_HOUR } from '../../core/facts.js';
import {
  DEFAULT_RETRY_STORM_SETTINGS,
  type RetryStormBucket,
  type RetryStormSeries,
  retryStormRule,
} from '../../core/rules/retry-storm-rule.js';
import { rngFor } from '../../sim/scenario/rng.js';
import type { DetectionCase } from './detection-case.js';

const HOUR = SECONDS_PER_HOUR;
/** Monday 2026-03-02 00:00 UTC: three days of history, then two weeks evaluated hour by hour. */
const START = Date.UTC(2026, 2, 2) / 1000;
const HISTORY_HOURS = 72;
const EVAL_HOURS = 14 * 24;
/** The rule reads at most this much history per pass (its baseline plus a long storm). */
const WINDOW_HOURS = 240;
const DETECT_WITHIN = 6 * HOUR;

/** One (region, model) workload: list prices in micro-dollars per token. */
interface Profile {
  name: string;
  label: string;
  model: string;
  /** Useful invocations in the busiest hour of a weekday. */
  peak: number;
  inputPerCall: number;
  outputPerCall: number;
  inputPrice: number;
  outputPrice: number;
}

const LARGE: Profile = {
  name: 'large',
  label: 'claude-sonnet-4-5',
  model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  peak: 12_000,
  inputPerCall: 3_000,
  outputPerCall: 500,
  inputPrice: 3,
  outputPrice: 15,
};
const PROFILES = {
  large: LARGE,
  medium: {
    name: 'medium',
    label: 'claude-haiku-4-5',
    model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    peak: 20_000,
    inputPerCall: 4_000,
    outputPerCall: 600,
    inputPrice: 1,
    outputPrice: 5,
  },
  small: { ...LARGE, name: 'small', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', peak: 1_500 },
};

/**
 * Something that happens for `hours` hours from `at` (hours since START). `spike`: traffic × `size`
 * with output in step, quota pressure throttles 10% of attempts; `errors`: `size` of the calls fail
 * without tokens, a tenth of those are retried; `storm`: `size` extra calls per useful one that carry
 * their prompt but return almost nothing.
 */
type Event = { kind: 'spike' | 'errors' | 'storm'; at: number; hours: number; size: number };

interface Spec {
  name: string;
  tags: string[];
  profile: Profile;
  /** Log-normal spread of an hour's output and input per call (the ratios the rule reads). */
  noise: number;
  /** Weekly growth of the traffic (0.3: +30% a week). */
  growth: number;
  /** Share of hours without data, and whole stretches without data (hours since START). */
  dropRate: number;
  outages: Array<[number, number]>;
  /** Days since START that run at weekend traffic. */
  holidays: number[];
  /** Output per call × this from `at` on (a prompt change), without any failure. */
  outputShift?: { at: number; factor: number };
  /** Client errors at this rate of the calls from `at` on (a steady new failure), without retries. */
  errorShift?: { at: number; rate: number };
  events: Event[];
  users: Array<{ team: string; share: number }>;
}

/** Who uses each series: `team:share` pairs, largest first (the 4th has no team: unallocated). */
const TEAM_SETS = ['search:1', 'support:0.7 growth:0.3', 'data:0.5 mobile:0.3 web:0.2', ''].map((set) =>
  set.split(' ').flatMap((pair) => {
    const [team = '', share = '1'] = pair.split(':');
    return team === '' ? [] : [{ team, share: Number(share) }];
  }),
);
const NOISES = [0.03, 0.07, 0.12];

/**
 * Labelled hourly series for the retry storm rule: weekday/weekend and day/night traffic with organic
 * growth, three noise levels and missing hours; incidents are retry storms of 0.35–2.5 extra calls per
 * useful call lasting 2–12 hours (placed so the retries cost at least 1.5× the dollar threshold), and
 * quiet controls: traffic spikes with output in step, error bursts with no or too cheap retries,
 * a prompt change, a steady new error rate, outages. Replayed hourly; detected within 6 hours.
 */
export function retryStormCases(seed: number): DetectionCase[] {
  const random = rngFor(seed, 'retry-storm-cases');
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const teams = (index: number) => TEAM_SETS[index % TEAM_SETS.length] ?? [];
  const specs: Spec[] = [];
  const base = (name: string, tags: string[], profile: Profile, index: number): Spec => ({
    name,
    tags,
    profile,
    noise: NOISES[index % NOISES.length] ?? 0.07,
    growth: 0,
    dropRate: 0,
    outages: [],
    holidays: [],
    events: [],
    users: teams(index),
  });
  const evalHour = (day: number, hour: number) => HISTORY_HOURS + day * 24 + hour;

  const sizes = [0.35, 0.6, 1, 2.5];
  const durations = [2, 3, 6, 12];
  let index = 0;
  for (const size of sizes) {
    for (const hours of durations) {
      for (const profile of [PROFILES.large, PROFILES.medium, size >= 1 ? PROFILES.large : PROFILES.medium]) {
        const spec = base(
          `retry_storm/storm-${size}x-${hours}h/${index}`,
          ['storm', `storm-${size}x`],
          profile,
          index,
        );
        const day = 2 + Math.floor(random() * 10);
        if (index % 4 === 1) spec.growth = 0.3;
        if (index % 5 === 2) spec.dropRate = 0.05;
        // A storm the data cannot price at 1.5× the threshold is no incident: move it into a working day.
        const place = (at: number) => {
          spec.outages = index % 6 === 3 ? [[at + 1, at + 2]] : [];
          return retryMicrosOf(spec, at, hours, size) >= 1.5 * DEFAULT_RETRY_STORM_SETTINGS.minRetryMicros;
        };
        const tries = [
          evalHour(day, pick([0, 3, 9, 11, 14, 16, 20])),
          ...[0, 1, 2].map((d) => evalHour(day + d, 13)),
        ];
        const at = tries.find(place) ?? evalHour(day + 3, 13);
        place(at);
        spec.events.push({ kind: 'storm', at, hours, size });
        spec.tags.push(...extraTags(spec));
        specs.push(spec);
        index += 1;
      }
    }
  }

  for (let q = 0; q < 27; q += 1) {
    const profile = [PROFILES.large, PROFILES.medium, PROFILES.small][q % 3] ?? PROFILES.large;
    const kind = ['diurnal', 'spikes', 'error-bursts'][Math.floor(q / 3) % 3] ?? 'diurnal';
    const spec = base(`retry_storm/quiet-${kind}/${profile.name}/${q}`, ['quiet', kind], profile, q + 1);
    if (q % 4 === 0) spec.growth = 0.3;
    if (q % 3 === 1) spec.holidays.push(8);
    if (q % 5 === 1) spec.outages.push([evalHour(4, 2), evalHour(4, 8)]);
    if (q % 5 === 3) spec.dropRate = 0.05;
    for (let day = 1; day < 14; day += 3) {
      const at = evalHour(day, 8 + Math.floor(random() * 9));
      if (kind === 'spikes')
        spec.events.push({ kind: 'spike', at, hours: 2 + (day % 3), size: 2.5 + random() * 1.5 });
      if (kind === 'error-bursts')
        spec.events.push({ kind: 'errors', at, hours: 2 + (day % 2), size: 0.15 + random() * 0.25 });
    }
    // Small workloads do storm, but their retries stay under the dollar threshold.
    if (profile === PROFILES.small && kind !== 'diurnal') {
      spec.events.push({ kind: 'storm', at: evalHour(9, 14), hours: 2, size: 0.5 });
      spec.tags.push('below-threshold');
    }
    spec.tags.push(...extraTags(spec));
    specs.push(spec);
  }
  for (const [q, profile] of [PROFILES.large, PROFILES.medium].entries()) {
    const prompt = base(`retry_storm/quiet-prompt-change/${q}`, ['quiet', 'level-shift'], profile, q);
    prompt.outputShift = { at: evalHour(5, 10), factor: 0.6 };
    const failing = base(`retry_storm/quiet-new-error-rate/${q}`, ['quiet', 'level-shift'], profile, q + 2);
    failing.errorShift = { at: evalHour(6, 9), rate: 0.08 };
    specs.push(prompt, failing);
  }
  return specs.map((spec) => toCase(spec, seed));
}

function extraTags(spec: Spec): string[] {
  return [
    `noise-${Math.round(spec.noise * 100)}%`,
    ...(spec.growth > 0 ? ['growth'] : []),
    ...(spec.dropRate > 0 || spec.outages.length > 0 ? ['missing-data'] : []),
    ...(spec.holidays.length > 0 ? ['holiday'] : []),
  ];
}

function toCase(spec: Spec, seed: number): DetectionCase {
  const buckets = generate(spec, seed);
  const storms = spec.events.filter((event) => event.kind === 'storm');
  const incidents =
    spec.profile === PROFILES.small
      ? []
      : storms.map((event) => ({
          at: START + event.at * HOUR,
          label: `storm ${event.size}× for ${event.hours} h`,
        }));
  const series = (upTo: number): RetryStormSeries => ({
    region: 'us-east-1',
    model: spec.profile.model,
    label: spec.profile.label,
    users: spec.users,
    buckets: buckets.filter((bucket) => bucket.at + HOUR <= upTo && bucket.at >= upTo - WINDOW_HOURS * HOUR),
  });
  return {
    name: spec.name,
    rule: 'retry_storm',
    tags: spec.tags,
    incidents,
    detectWithinSeconds: DETECT_WITHIN,
    evaluatedSeconds: EVAL_HOURS * HOUR,
    teams: Math.max(1, spec.users.length),
    replay() {
      const first = new Map<string, number>();
      for (let hour = 1; hour <= EVAL_HOURS; hour += 1) {
        const through = START + (HISTORY_HOURS + hour) * HOUR;
        for (const candidate of retryStormRule({ series: [series(through)], through })) {
          if (!first.has(candidate.fingerprint)) first.set(candidate.fingerprint, through);
        }
      }
      return [...first].map(([fingerprint, firstAt]) => ({ fingerprint, firstAt }));
    },
  };
}

/** Useful calls in hour `index` (hours since START), before noise: day/night, weekends, growth. */
function traffic(spec: Spec, index: number): number {
  const hourOfDay = index % 24;
  const weekday = Math.floor(index / 24) % 7;
  const daylight = hourOfDay >= 7 && hourOfDay <= 21 ? Math.sin((Math.PI * (hourOfDay - 7)) / 14) : 0;
  const weekly = weekday >= 5 || spec.holidays.includes(Math.floor(index / 24)) ? 0.45 : 1;
  return spec.profile.peak * (0.15 + 0.85 * daylight) * weekly * (1 + spec.growth) ** (index / 168);
}

/** What the rule would price the first 3 hours of a storm at, without noise or outage hours. */
function retryMicrosOf(spec: Spec, at: number, hours: number, size: number): number {
  const { inputPerCall, outputPerCall, inputPrice, outputPrice } = spec.profile;
  let total = 0;
  for (let index = at; index < at + Math.min(hours, 3); index += 1) {
    if (spec.outages.some(([from, to]) => index >= from && index < to)) continue;
    const useful = traffic(spec, index);
    const extra = useful * size;
    const spend = (useful + extra) * inputPerCall * inputPrice + useful * outputPerCall * outputPrice;
    total += (extra / (useful + extra)) * spend * 0.97;
  }
  return total;
}

function generate(spec: Spec, seed: number): RetryStormBucket[] {
  const random = rngFor(seed, spec.name);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const { inputPerCall, outputPerCall, inputPrice, outputPrice } = spec.profile;
  const buckets: RetryStormBucket[] = [];
  for (let index = 0; index < HISTORY_HOURS + EVAL_HOURS; index += 1) {
    const active = (kind: Event['kind']) =>
      spec.events.find((event) => event.kind === kind && index >= event.at && index < event.at + event.hours);
    const spike = active('spike');
    const burst = active('errors');
    const storm = active('storm');
    const useful = traffic(spec, index) * Math.exp(0.1 * gauss()) * (spike ? spike.size : 1);
    let output = outputPerCall * Math.exp(spec.noise * gauss());
    if (spec.outputShift && index >= spec.outputShift.at) output *= spec.outputShift.factor;
    const input = inputPerCall * Math.exp(spec.noise * gauss());
    const steadyErrors = spec.errorShift && index >= spec.errorShift.at ? spec.errorShift.rate : 0;
    const failed = useful * ((burst?.size ?? 0) + steadyErrors);
    const retried = failed * (burst ? 0.1 : 0);
    const extra = storm ? useful * storm.size * Math.exp(0.1 * gauss()) : 0;
    const served = useful - failed + retried;
    const invocations = useful + retried + extra;
    const inputTokens = (served + extra) * input;
    const outputTokens = served * output + extra * output * 0.03;
    const throttleRate =
      0.003 * Math.exp(0.5 * gauss()) + (spike ? 0.1 : 0) + (storm ? 0.05 + 0.1 * storm.size : 0);
    const bucket: RetryStormBucket = {
      at: START + index * HOUR,
      invocations: Math.round(invocations),
      throttles: Math.round(invocations * throttleRate),
      errors: Math.round(useful * 0.004 * Math.exp(0.5 * gauss()) + failed + extra * 0.7),
      inputTokens: Math.round(inputTokens),
      outputTokens: Math.round(outputTokens),
      estimatedMicros: Math.round(inputTokens * inputPrice + outputTokens * outputPrice),
    };
    const dropped =
      random() < spec.dropRate || spec.outages.some(([from, to]) => index >= from && index < to);
    if (!dropped) buckets.push(bucket);
  }
  return buckets;
}

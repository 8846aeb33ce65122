import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../core/facts.js';
import { latencyShiftLookbackSeconds, latencyShiftRule } from '../../core/rules/latency-shift-rule.js';
import { mulberry32 } from '../../sim/scenario/rng.js';
import type { DetectionCase } from './detection-case.js';

/** The latency rule reads whole hours once settled: the replay evaluates at 10 past each hour. */
const STEP_OFFSET = 600;
/**
 * A step is told once 4 hours sit on the new level and their hour has settled, so about 4.5–5 hours
 * after it began; noise and a daily trough can take longer: 8 hours still counts as detected.
 */
const DETECT_WITHIN_HOURS = 8;
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1'];
const TEAM_SETS = [
  [
    { team: 'search', share: 0.62 },
    { team: 'support', share: 0.38 },
  ],
  [{ team: 'growth', share: 1 }],
  [
    { team: 'data', share: 0.5 },
    { team: 'mobile', share: 0.3 },
    { team: 'web', share: 0.2 },
  ],
  [],
];

/** Multiplies the p50 and p90 of an hour offset (fractional hours since the evaluation start). */
type Level = (hours: number) => { p50: number; p90: number };

interface CaseSpec {
  name: string;
  tags: string[];
  /** Bucket width from a day before the evaluation on, and before it (an older backfill). */
  bucketSeconds: 60 | 300;
  backfillBucketSeconds: 60 | 300;
  baseP50: number;
  /** p90 ÷ p50. */
  tail: number;
  /** Amplitude of the daily swing (0.1: ±10%, slowest around 14:00 UTC). */
  diurnal: number;
  /** Log-normal spread of one bucket. */
  noise: number;
  /** Single-bucket outliers (×4–20) per day. */
  spikesPerDay: number;
  /** Probability that a bucket of a busy hour has streaming traffic (nights have less). */
  traffic: number;
  /** Stretches without any datapoint, hours since the evaluation start. */
  gaps: Array<[number, number]>;
  level: Level;
  incidents: Array<{ hours: number; label: string }>;
  detectWithinHours: number;
  evalHours: number;
}

const flat: Level = () => ({ p50: 1, p90: 1 });
const step =
  (at: number, p50: number, p90: number): Level =>
  (hours) =>
    hours >= at ? { p50, p90 } : { p50: 1, p90: 1 };
const ramp =
  (at: number, length: number, ratio: number): Level =>
  (hours) => {
    const done = Math.min(Math.max((hours - at) / length, 0), 1);
    const factor = 1 + (ratio - 1) * done;
    return { p50: factor, p90: factor };
  };

/**
 * Labelled time-to-first-token series for the latency shift rule: per case a p50 and a p90 series of
 * one model (minute or 5-minute buckets, daily swing, log-normal noise of three sizes, single-bucket
 * spikes, quiet nights and missing stretches) with level shifts of 1.3×–3×, tail-only shifts, slow
 * ramps and shifts inside a gap; and quiet controls (noise, spikes, bursts of 1–3 hours, gaps,
 * drops, slow drift). Incidents are detected within 8 hours (ramps and gaps: plus their length).
 */
export function latencyShiftCases(seed: number): DetectionCase[] {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const noises = [0.05, 0.15, 0.3];
  const base = () => ({
    bucketSeconds: pick([60, 300] as const),
    backfillBucketSeconds: pick([60, 300] as const),
    baseP50: pick([300, 450, 800, 1_500]),
    tail: 1.8 + random() * 0.6,
    diurnal: pick([0, 0.05, 0.1, 0.15]),
    spikesPerDay: pick([2, 6, 24]),
    traffic: pick([0.6, 1]),
    gaps: [] as Array<[number, number]>,
    level: flat,
  });
  const specs: CaseSpec[] = [];
  const shiftHour = () => 24 + Math.floor(random() * 24) + random();
  /** An incident case beginning `at` hours into its 72 evaluated hours. */
  const incident = (
    at: number,
    label: string,
    spec: Pick<CaseSpec, 'name' | 'tags' | 'noise' | 'level'> & Partial<CaseSpec>,
  ) =>
    specs.push({
      ...base(),
      incidents: [{ hours: at, label }],
      detectWithinHours: DETECT_WITHIN_HOURS,
      evalHours: 72,
      ...spec,
    });
  const ratios = [1.3, 1.4, 1.5, 1.7, 2, 2.4, 3];
  for (let index = 0; index < 28; index += 1) {
    const ratio = ratios[index % ratios.length] ?? 2;
    const noise = noises[index % noises.length] ?? 0.15;
    const at = shiftHour();
    // p90 moves at least as much as p50, as in the demo story (2.4× and 2.7×).
    const level = step(at, ratio, ratio * (1 + random() * 0.2));
    incident(at, `TTFT ×${ratio}`, {
      name: `level-shift/${ratio}x/noise-${noise}/${index}`,
      tags: ['level-shift', `noise-${noise}`],
      noise,
      level,
    });
  }
  for (let index = 0; index < 6; index += 1) {
    const ratio = [1.5, 1.8, 2.5][index % 3] ?? 2;
    const at = shiftHour();
    const noise = noises[index % 3] ?? 0.15;
    incident(at, `p90 ×${ratio}`, {
      name: `tail-shift/p90-${ratio}x/${index}`,
      tags: ['level-shift', 'tail'],
      noise,
      level: step(at, 1, ratio),
    });
  }
  for (let index = 0; index < 8; index += 1) {
    const length = [3, 6, 9, 12][index % 4] ?? 6;
    const ratio = [1.8, 2.5][index % 2] ?? 2;
    const at = shiftHour();
    incident(at, `TTFT ramp to ×${ratio} over ${length} h`, {
      name: `ramp/${length}h-to-${ratio}x/${index}`,
      tags: ['ramp'],
      noise: noises[index % 3] ?? 0.15,
      level: ramp(at, length, ratio),
      detectWithinHours: length + DETECT_WITHIN_HOURS,
    });
  }
  for (let index = 0; index < 5; index += 1) {
    const at = shiftHour();
    const gap = 3 + index * 2;
    incident(at, `TTFT ×2 during a ${gap} h gap`, {
      name: `missing-data/shift-in-${gap}h-gap/${index}`,
      tags: ['level-shift', 'missing-data'],
      noise: noises[index % 3] ?? 0.15,
      gaps: [[at - 1, at - 1 + gap]],
      level: step(at, 2, 2.2),
      detectWithinHours: gap + DETECT_WITHIN_HOURS,
    });
  }
  const demoAt = shiftHour();
  incident(demoAt, 'TTFT p50 450 → 1,100 ms', {
    name: 'level-shift/demo-story/450-to-1100ms',
    tags: ['level-shift', 'demo'],
    baseP50: 450,
    tail: 2,
    noise: 0.15,
    level: step(demoAt, 1_100 / 450, 2_400 / 900),
  });
  for (let index = 0; index < 28; index += 1) {
    const kind = ['quiet', 'spike', 'transient', 'missing-data', 'drop', 'drift'][index % 6] ?? 'quiet';
    const noise = noises[index % 3] ?? 0.15;
    specs.push({
      ...base(),
      ...quiet(kind, noise, random),
      name: `quiet/${kind}/noise-${noise}/${index}`,
      noise,
    });
  }
  return specs.map((spec, index) => detectionCase(spec, seed, index));
}

function quiet(
  kind: string,
  noise: number,
  random: () => number,
): Partial<CaseSpec> & Pick<CaseSpec, 'tags' | 'incidents' | 'detectWithinHours' | 'evalHours'> {
  const common = {
    tags: ['quiet', kind, `noise-${noise}`],
    incidents: [] as CaseSpec['incidents'],
    detectWithinHours: DETECT_WITHIN_HOURS,
    evalHours: 168,
  };
  const hours = () => 12 + Math.floor(random() * 140);
  switch (kind) {
    case 'spike':
      return { ...common, spikesPerDay: 48 };
    case 'transient': {
      // Bursts of 1, 2 and 3 hours, two days apart.
      const first = 12 + Math.floor(random() * 24);
      const bursts = [0, 1, 2].map((n) => ({ at: first + n * 48, length: n + 1, factor: 2 + n / 2 }));
      return {
        ...common,
        level: (h) => {
          const burst = bursts.find((entry) => h >= entry.at && h < entry.at + entry.length);
          return burst ? { p50: burst.factor, p90: burst.factor } : { p50: 1, p90: 1 };
        },
      };
    }
    case 'missing-data': {
      const first = hours();
      return { ...common, traffic: 0.15, gaps: [[first, first + 6 + random() * 12]] };
    }
    case 'drop':
      return { ...common, level: step(hours(), 0.6, 0.55) };
    case 'drift':
      return { ...common, level: (h) => ({ p50: 1 + 0.15 * (h / 168), p90: 1 + 0.2 * (h / 168) }) };
    default:
      return common;
  }
}

function detectionCase(spec: CaseSpec, seed: number, index: number): DetectionCase {
  const region = REGIONS[index % REGIONS.length] ?? 'us-east-1';
  const teams = TEAM_SETS[index % TEAM_SETS.length] ?? [];
  const lookback = latencyShiftLookbackSeconds();
  // Each case starts on its own day so weekdays and daily phases vary.
  const evalStart = Date.UTC(2026, 8, 7) / 1000 + (index % 14) * SECONDS_PER_DAY;
  const historyStart = evalStart - lookback - SECONDS_PER_DAY;
  return {
    name: `latency_shift/${spec.name}`,
    rule: 'latency_shift',
    tags: spec.tags,
    incidents: spec.incidents.map((incident) => ({
      at: Math.round(evalStart + incident.hours * SECONDS_PER_HOUR),
      label: incident.label,
    })),
    detectWithinSeconds: spec.detectWithinHours * SECONDS_PER_HOUR,
    evaluatedSeconds: spec.evalHours * SECONDS_PER_HOUR,
    teams: Math.max(teams.length, 1),
    replay() {
      const points = generate(spec, mulberry32(seed * 7_919 + index), historyStart, evalStart);
      const users = new Map([[`${region}|${MODEL}`, teams]]);
      const fired = new Map<string, number>();
      for (let hour = 0; hour < spec.evalHours; hour += 1) {
        const now = evalStart + hour * SECONDS_PER_HOUR + STEP_OFFSET;
        const series = (['p50', 'p90'] as const).map((stat) => ({
          region,
          model: MODEL,
          label: 'claude-sonnet-4-5',
          stat,
          points: between(points[stat], now - lookback, now),
        }));
        for (const candidate of latencyShiftRule({ series, users, now })) {
          if (!fired.has(candidate.fingerprint)) fired.set(candidate.fingerprint, now);
        }
      }
      return [...fired].map(([fingerprint, firstAt]) => ({ fingerprint, firstAt }));
    },
  };
}

/** Points with `at ∈ [start, end)` of a series sorted by `at`. */
function between<T extends { at: number }>(points: readonly T[], start: number, end: number): T[] {
  const index = (time: number) => {
    let low = 0;
    let high = points.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((points[middle]?.at ?? 0) < time) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return points.slice(index(start), index(end));
}

function generate(spec: CaseSpec, random: () => number, start: number, evalStart: number) {
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const end = evalStart + spec.evalHours * SECONDS_PER_HOUR;
  const p50: Array<{ at: number; bucketSeconds: number; ms: number }> = [];
  const p90: Array<{ at: number; bucketSeconds: number; ms: number }> = [];
  for (let at = start; at < end; ) {
    const width = at < evalStart - SECONDS_PER_DAY ? spec.backfillBucketSeconds : spec.bucketSeconds;
    const hours = (at - evalStart) / SECONDS_PER_HOUR;
    const hourOfDay = (at % SECONDS_PER_DAY) / SECONDS_PER_HOUR;
    const busy = 0.5 + 0.5 * Math.sin((2 * Math.PI * (hourOfDay - 8)) / 24);
    const traffic = Math.min(1, spec.traffic * (0.3 + 0.7 * busy) * (width / 60) ** 0.5);
    const inGap = spec.gaps.some(([from, to]) => hours >= from && hours < to);
    if (!inGap && random() < traffic) {
      const level = spec.level(hours);
      const daily = 1 + spec.diurnal * (2 * busy - 1);
      const spike = random() < (spec.spikesPerDay * width) / SECONDS_PER_DAY ? 4 + random() * 16 : 1;
      const shared = Math.exp(spec.noise * gaussian()) * daily * spike;
      p50.push({ at, bucketSeconds: width, ms: Math.round(spec.baseP50 * level.p50 * shared) });
      const tail = spec.tail * Math.exp(spec.noise * 0.5 * gaussian());
      p90.push({ at, bucketSeconds: width, ms: Math.round(spec.baseP50 * tail * level.p90 * shared) });
    }
    at += width;
  }
  return { p50, p90 };
}

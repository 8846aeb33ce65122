import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../core/facts.js';
import { MICROS_PER_USD } from '../../core/money.js';
import { rngFor } from '../../sim/scenario/rng.js';
import {
  DAILY_NOISE,
  EPOCH,
  HISTORY,
  type Incident,
  type Kind,
  NOISE,
  type Noise,
  type Team,
  toCase,
  WEEK,
} from './cost-anomaly-scenario.js';
import type { DetectionCase } from './detection-case.js';

/**
 * Labelled cost anomaly scenarios: hourly team series with a weekly business-hours shape (or always-on
 * with a mild daily cycle), three noise levels, organic growth, holidays (the calendar is passed, as
 * the config would), reporting gaps (passed as gaps, as the store knows them) and single outlier hours
 * in the history; incidents are level shifts up and down, spikes of 2–4 hours and slow ramps, sized
 * from just above the thresholds to large; plus daily (billed) series cases and quiet controls of
 * several teams over 6 weeks (hourly) or 12 weeks (daily).
 *
 * Detection windows: hourly spikes and shifts 6 h (incidents start in working hours, when the dollars
 * are there), hourly ramps 7 days; daily spikes 2 days (the day closes first), daily shifts 3 days,
 * daily ramps 14 days.
 */
export function costAnomalyCases(seed: number): DetectionCase[] {
  const cases: DetectionCase[] = [];
  const kinds: Kind[] = ['level-shift-up', 'level-shift-down', 'spike', 'ramp'];
  const noises: Noise[] = ['low', 'mid', 'high'];
  for (const kind of kinds) {
    for (const noise of noises) {
      for (let variant = 0; variant < 4; variant++) {
        const extra = variant === 1 ? 'holiday' : variant === 2 ? 'missing-data' : undefined;
        cases.push(hourlyIncidentCase(seed, kind, noise, variant, extra));
      }
      for (let variant = 0; variant < 2; variant++) cases.push(dailyIncidentCase(seed, kind, noise, variant));
    }
  }
  for (let variant = 0; variant < 6; variant++) cases.push(hourlyQuietCase(seed, variant));
  for (let variant = 0; variant < 4; variant++) cases.push(dailyQuietCase(seed, variant));
  return cases;
}

function hourlyIncidentCase(
  seed: number,
  kind: Kind,
  noise: Noise,
  variant: number,
  extra?: string,
): DetectionCase {
  const name = `cost_anomaly/hourly/${kind}/noise-${noise}/${variant}${extra ? `-${extra}` : ''}`;
  const random = rngFor(seed, name);
  const pick = (low: number, high: number) => low + (high - low) * random();
  // A Tuesday to Thursday a week after the 5 weeks of history, 09:00–13:00 in the team's working day.
  const offset = Math.round(pick(-2, 5));
  const at =
    EPOCH +
    HISTORY +
    WEEK +
    Math.floor(pick(1, 4)) * SECONDS_PER_DAY +
    (9 + Math.floor(pick(0, 5)) + offset) * SECONDS_PER_HOUR;
  const size = incidentSize(kind, noise, random);
  const incident = hourlyIncident(kind, at, size, random);
  const teams: Team[] = [
    {
      name: 'team-a',
      peak: pick(60, 220) * MICROS_PER_USD,
      shape: 'business',
      offset,
      noise: NOISE[noise],
      growth: pick(-0.02, 0.05),
      incident,
    },
    quietTeam('team-b', random, noise),
    quietTeam('team-c', random, noise),
  ];
  const detectWithin = kind === 'ramp' ? 7 * SECONDS_PER_DAY : 6 * SECONDS_PER_HOUR;
  const holidays =
    extra === 'holiday'
      ? [EPOCH + HISTORY - WEEK + 3 * SECONDS_PER_DAY, EPOCH + HISTORY + 2 * SECONDS_PER_DAY]
      : [];
  const gaps =
    extra === 'missing-data'
      ? [
          {
            start: EPOCH + HISTORY - 2 * WEEK + 30 * SECONDS_PER_HOUR,
            end: EPOCH + HISTORY - 2 * WEEK + 50 * SECONDS_PER_HOUR,
          },
          { start: at - 30 * SECONDS_PER_HOUR, end: at - 20 * SECONDS_PER_HOUR },
        ]
      : [];
  return toCase(name, [kind, `noise-${noise}`, 'seasonality', ...(extra ? [extra] : [])], detectWithin, {
    granularity: 'hour',
    teams,
    holidays,
    gaps,
    seed,
    evaluateFrom: at - 3 * SECONDS_PER_DAY,
    evaluateTo: at + detectWithin + 2 * SECONDS_PER_DAY,
    withOrg: variant === 3,
  });
}

function dailyIncidentCase(seed: number, kind: Kind, noise: Noise, variant: number): DetectionCase {
  const name = `cost_anomaly/daily/${kind}/noise-${noise}/${variant}`;
  const random = rngFor(seed, name);
  const pick = (low: number, high: number) => low + (high - low) * random();
  const at = EPOCH + HISTORY + WEEK + Math.floor(pick(1, 4)) * SECONDS_PER_DAY;
  const size = incidentSize(kind, noise, random);
  const incident = dailyIncident(kind, at, size, random);
  const teams: Team[] = [
    {
      name: 'team-a',
      peak: pick(300, 2_500) * MICROS_PER_USD,
      shape: 'business',
      offset: 0,
      noise: DAILY_NOISE[noise],
      growth: pick(-0.02, 0.05),
      incident,
    },
    {
      ...quietTeam('team-b', random, noise),
      peak: pick(150, 2_500) * MICROS_PER_USD,
      noise: DAILY_NOISE[noise],
    },
    {
      ...quietTeam('team-c', random, noise),
      peak: pick(150, 2_500) * MICROS_PER_USD,
      noise: DAILY_NOISE[noise],
    },
  ];
  const detectWithin = (kind === 'ramp' ? 14 : kind === 'spike' ? 2 : 3) * SECONDS_PER_DAY;
  return toCase(name, [kind, `noise-${noise}`, 'seasonality', 'daily'], detectWithin, {
    granularity: 'day',
    teams,
    holidays: variant === 1 ? [EPOCH + HISTORY - 2 * WEEK + 2 * SECONDS_PER_DAY] : [],
    gaps: [],
    seed,
    evaluateFrom: EPOCH + HISTORY,
    evaluateTo: at + detectWithin + 3 * SECONDS_PER_DAY,
    withOrg: variant === 1,
  });
}

function hourlyQuietCase(seed: number, variant: number): DetectionCase {
  const name = `cost_anomaly/hourly/quiet/${variant}`;
  const random = rngFor(seed, name);
  const noise = (['low', 'mid', 'high'] as const)[variant % 3] ?? 'mid';
  // Two single-hour outliers (×3 to ×6) per team in the history, at different hours of the week.
  const teams = Array.from({ length: 5 }, (_, index) => {
    const first = Math.floor(random() * 167);
    const hours = [first, first + 1 + Math.floor(random() * (166 - first))];
    const outliers = hours.map((hour, week) => ({
      at: EPOCH + (1 + 2 * week) * WEEK + hour * SECONDS_PER_HOUR,
      factor: 3 + random() * 3,
    }));
    return { ...quietTeam(`team-${index + 1}`, random, noise), outliers };
  });
  const evaluateFrom = EPOCH + HISTORY;
  const holidays = [
    EPOCH + WEEK * (1 + (variant % 4)) + Math.floor(random() * 5) * SECONDS_PER_DAY,
    evaluateFrom + WEEK + Math.floor(random() * 5) * SECONDS_PER_DAY,
    evaluateFrom + 4 * WEEK + Math.floor(random() * 5) * SECONDS_PER_DAY,
  ];
  const gaps = [0, 1, 2, 3].map((index) => {
    const start = EPOCH + WEEK + Math.floor((random() * 9 * WEEK) / SECONDS_PER_HOUR) * SECONDS_PER_HOUR;
    return { start, end: start + Math.round(3 + random() * 20 + index) * SECONDS_PER_HOUR };
  });
  return toCase(
    name,
    ['quiet', 'seasonality', `noise-${noise}`, 'holiday', 'missing-data'],
    6 * SECONDS_PER_HOUR,
    {
      granularity: 'hour',
      teams,
      holidays,
      gaps,
      seed,
      evaluateFrom,
      evaluateTo: evaluateFrom + 6 * WEEK,
      withOrg: variant % 2 === 0,
    },
  );
}

function dailyQuietCase(seed: number, variant: number): DetectionCase {
  const name = `cost_anomaly/daily/quiet/${variant}`;
  const random = rngFor(seed, name);
  const noise = (['low', 'mid', 'high'] as const)[variant % 3] ?? 'mid';
  const teams = Array.from({ length: 6 }, (_, index) => ({
    ...quietTeam(`team-${index + 1}`, random, noise),
    peak: (150 + random() * 2_500) * MICROS_PER_USD,
    noise: DAILY_NOISE[noise],
  }));
  const evaluateFrom = EPOCH + HISTORY;
  const holidays = [EPOCH + 2 * WEEK + 3 * SECONDS_PER_DAY, evaluateFrom + 3 * WEEK + 1 * SECONDS_PER_DAY];
  return toCase(name, ['quiet', 'seasonality', 'daily', `noise-${noise}`, 'holiday'], 2 * SECONDS_PER_DAY, {
    granularity: 'day',
    teams,
    holidays,
    gaps: [],
    seed,
    evaluateFrom,
    evaluateTo: evaluateFrom + 12 * WEEK,
    withOrg: true,
  });
}

function quietTeam(name: string, random: () => number, noise: Noise): Team {
  return {
    name,
    peak: (25 + random() * 200) * MICROS_PER_USD,
    shape: random() < 0.75 ? 'business' : 'always-on',
    offset: Math.round(-2 + random() * 7),
    noise: NOISE[noise],
    growth: -0.03 + random() * 0.11,
  };
}

/** Incident size by noise: from just past the thresholds (low noise) to what high noise needs. */
function incidentSize(kind: Kind, noise: Noise, random: () => number): number {
  const ranges: Record<Kind, Record<Noise, [number, number]>> = {
    'level-shift-up': { low: [1.6, 1.9], mid: [1.8, 2.3], high: [2.3, 3] },
    'level-shift-down': { low: [0.45, 0.55], mid: [0.4, 0.5], high: [0.25, 0.35] },
    spike: { low: [1.9, 2.5], mid: [2.4, 3], high: [3.2, 4.5] },
    ramp: { low: [2, 2.4], mid: [2.2, 2.6], high: [2.8, 3.3] },
  };
  const [low, high] = ranges[kind][noise];
  return low + (high - low) * random();
}

function hourlyIncident(kind: Kind, at: number, size: number, random: () => number): Incident {
  if (kind === 'spike') {
    const hours = 2 + Math.floor(random() * 3);
    return { kind, at, factor: (t) => (t >= at && t < at + hours * SECONDS_PER_HOUR ? size : 1) };
  }
  if (kind === 'ramp') {
    const length = (7 + Math.floor(random() * 4)) * SECONDS_PER_DAY;
    return { kind, at, factor: (t) => (t < at ? 1 : 1 + (size - 1) * Math.min(1, (t - at) / length)) };
  }
  return { kind, at, factor: (t) => (t >= at ? size : 1) };
}

function dailyIncident(kind: Kind, at: number, size: number, random: () => number): Incident {
  if (kind === 'spike') {
    const days = 1 + Math.floor(random() * 2);
    return { kind, at, factor: (t) => (t >= at && t < at + days * SECONDS_PER_DAY ? size : 1) };
  }
  if (kind === 'ramp') {
    const length = (10 + Math.floor(random() * 5)) * SECONDS_PER_DAY;
    return {
      kind,
      at,
      factor: (t) => (t < at ? 1 : 1 + (size - 1) * Math.min(1, (t - at + SECONDS_PER_DAY) / length)),
    };
  }
  return { kind, at, factor: (t) => (t >= at ? size : 1) };
}

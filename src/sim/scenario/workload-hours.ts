import { DAY, HOUR, utcDay, utcWeekday } from './demo-story.js';
import { rngFor } from './rng.js';
import type { HourShape, TokensPerRequest, Workload } from './workload.js';

/** What one workload did in one hour `[hourStart, hourStart + 3600)`, UTC. */
export interface WorkloadHour {
  workload: Workload;
  hourStart: number;
  requests: number;
  tokens: TokensPerRequest;
  webSearchRequests: number;
}

// Relative traffic per UTC hour: Europe's morning through America's afternoon.
const CUSTOMER_WEIGHTS = [
  0.25, 0.2, 0.18, 0.18, 0.2, 0.3, 0.45, 0.65, 0.85, 1, 1, 1, 1, 1, 1, 1, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4,
  0.3,
];
const OFFICE_WEIGHTS = [0, 0, 0, 0, 0, 0, 0, 0.5, 0.8, 1, 1, 1, 0.9, 1, 1, 1, 0.9, 0.7, 0.5, 0.2, 0, 0, 0, 0];
const GROWTH_OVER_PERIOD = 0.12;
const GROWTH_PERIOD = 90 * DAY;

function hourShare(shape: HourShape, nightlyHours: readonly number[], hourOfDay: number): number {
  if (shape === 'flat') return 1 / 24;
  if (shape === 'nightly') return nightlyHours.includes(hourOfDay) ? 1 / nightlyHours.length : 0;
  const weights = shape === 'customers' ? CUSTOMER_WEIGHTS : OFFICE_WEIGHTS;
  return (weights[hourOfDay] ?? 0) / weights.reduce((sum, w) => sum + w, 0);
}

/**
 * The traffic of `workload` in one hour, or null when it had none. Every draw is keyed by
 * (seed, workload, hour), so the same hour comes out the same whatever period is generated.
 */
export function workloadHour(
  workload: Workload,
  hourStart: number,
  end: number,
  seed: number,
): WorkloadHour | null {
  const adjustment = workload.adjust?.(hourStart) ?? { volume: 1 };
  if (adjustment.volume <= 0) return null;
  const share = hourShare(workload.shape, workload.nightlyHours, (hourStart % DAY) / HOUR);
  if (share === 0) return null;
  const day = utcDay(hourStart);
  const weekday = utcWeekday(day);
  const weekFactor = weekday === 0 || weekday === 6 ? workload.weekendFactor : 1;
  if (weekFactor === 0) return null;

  const random = rngFor(seed, workload.id, hourStart);
  if (workload.hourProbability < 1 && random() >= workload.hourProbability) return null;
  const dayNoise = 0.9 + 0.2 * rngFor(seed, workload.id, 'day', day)();
  const hourNoise = 0.88 + 0.24 * random();
  const growth = 1 - GROWTH_OVER_PERIOD * Math.min(1, (end - hourStart) / GROWTH_PERIOD);
  const expected =
    (workload.weekdayRequests * share * weekFactor * growth * dayNoise * hourNoise * adjustment.volume) /
    workload.hourProbability;
  const requests = Math.round(expected);
  if (requests === 0) return null;

  const perRequest = adjustment.tokens ?? workload.tokens;
  const kind = (average: number) =>
    average === 0 ? 0 : Math.round(requests * average * (0.95 + 0.1 * random()));
  return {
    workload,
    hourStart,
    requests,
    tokens: {
      uncachedInput: kind(perRequest.uncachedInput),
      cacheRead: kind(perRequest.cacheRead),
      cacheWrite5m: kind(perRequest.cacheWrite5m),
      cacheWrite1h: kind(perRequest.cacheWrite1h),
      output: kind(perRequest.output),
    },
    webSearchRequests: Math.round(requests * workload.webSearchPerRequest * (0.9 + 0.2 * random())),
  };
}

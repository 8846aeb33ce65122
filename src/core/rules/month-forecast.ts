import { SECONDS_PER_DAY } from '../facts.js';
import { formatUsd } from '../money.js';
import { median } from '../views/latency-view.js';

/** A month-end spend forecast. Amounts are micro-dollars for `[monthStart, monthEnd)`, UTC. */
export interface MonthForecast {
  /** Spend of the whole UTC days of the month before `asOf` that are known. */
  monthToDateMicros: number;
  /** Month to date plus the predicted days. */
  forecastMicros: number;
  /** About an 80% range from the spread of recent days around the model; `low` never under month to date. */
  lowMicros: number;
  highMicros: number;
  /** How the forecast was made, for people: level, trend, weekday pattern. */
  basis: string;
  /** The daily level (deseasonalised) at the latest known day, micro-dollars a day. */
  levelMicros?: number;
  /** The robust trend used, micro-dollars a day per day (0 when not significant). */
  trendMicrosPerDay?: number;
  /** Known days of history the model read (at most 56). */
  historyDays?: number;
}

/** Days of history read for the weekday pattern (8 weeks), and the fewest that make one (4 weeks). */
const PATTERN_DAYS = 56;
const MIN_PATTERN_DAYS = 28;
/** The level comes from the last 2 weeks and the trend from the last 4, or from the days since a level shift. */
const LEVEL_DAYS = 14;
const TREND_DAYS = 28;
const MIN_TREND_DAYS = 7;
const MIN_SHIFT_DAYS = 3;
/** A trend is damped by this factor a day (its effect flattens out after about 10 days)… */
const DAMPING = 0.9;
/**
 * …capped at this share of the level a day, and used only when Mann–Kendall finds it at 1%
 * (|z| ≥ 2.58): at 5% a quiet team's noise made trends often enough to raise false budget alerts.
 */
const MAX_TREND_SHARE = 0.05;
const TREND_Z = 2.58;
/** A shift needs every day since it beyond 3 robust sigmas and 15% of the level before it. */
const SHIFT_SIGMAS = 3;
const MIN_SHIFT_SHARE = 0.15;
/** 80% two-sided normal quantile for the range. */
const RANGE_Z = 1.2816;
const MAD_TO_SIGMA = 1.4826;
const MEAN_ABS_TO_SIGMA = 1.2533;

/**
 * Month-end forecast from daily spend: month-to-date actual plus the remaining days predicted from a
 * recent level with trend and day-of-week seasonality (not a straight line).
 *
 * - Only whole UTC days before `asOf` count as actual: `asOf` may be any time, the day it falls in is
 *   predicted. `days` are UTC midnights; days before `knownFrom` are unknown, later days missing from
 *   `days` had no spend. Unknown days of the month are predicted like the remaining ones.
 * - Weekday factors: the median, per weekday, of each day ÷ its centred 7-day mean over the last 8
 *   weeks, normalised to average 1 (needs 4 weeks; otherwise no weekday pattern).
 * - Level shift: the earliest day in the last 4 weeks after which every deseasonalised day (≥ 3)
 *   lies beyond the 14 days before it (3 robust sigmas and 15%); level and trend then use only
 *   the days since it (a launch shows as its new level, not the month's average).
 * - Trend: Theil–Sen slope of the deseasonalised last 4 weeks (or since the shift, 7+ days), used
 *   when Mann–Kendall finds it at 1%, capped at 5% of the level a day, damped by 0.9 a day ahead.
 * - Level: Hodges–Lehmann estimate of the last 14 days (or since the shift), detrended to the
 *   latest day. With under 7 such days, no trend.
 * - With no known day, the forecast is the month to date alone.
 */
export function forecastMonth({
  days,
  knownFrom,
  monthStart,
  monthEnd,
  asOf,
}: {
  days: ReadonlyArray<{ day: number; micros: number }>;
  knownFrom: number;
  monthStart: number;
  monthEnd: number;
  asOf: number;
}): MonthForecast {
  const cutoff = floorDay(asOf);
  const knownStart = Math.ceil(knownFrom / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  const spend = new Map<number, number>();
  for (const { day, micros } of days) {
    const midnight = floorDay(day);
    if (midnight >= knownStart && midnight < cutoff) spend.set(midnight, (spend.get(midnight) ?? 0) + micros);
  }
  const known = (day: number) => day >= knownStart && day < cutoff;
  const spentOn = (day: number) => spend.get(day) ?? 0;

  let monthToDate = 0;
  const predicted: number[] = [];
  for (let day = monthStart; day < monthEnd; day += SECONDS_PER_DAY) {
    if (known(day)) monthToDate += spentOn(day);
    else predicted.push(day);
  }
  const historyStart = Math.max(knownStart, cutoff - PATTERN_DAYS * SECONDS_PER_DAY);
  const history: Array<{ day: number; micros: number }> = [];
  for (let day = historyStart; day < cutoff; day += SECONDS_PER_DAY)
    history.push({ day, micros: spentOn(day) });
  if (history.length === 0 || predicted.length === 0) {
    const basis =
      history.length === 0 ? 'no spend history yet: month to date only' : 'the whole month is known';
    return {
      monthToDateMicros: monthToDate,
      forecastMicros: monthToDate,
      lowMicros: monthToDate,
      highMicros: monthToDate,
      basis,
      historyDays: history.length,
    };
  }

  const factors = weekdayFactors(history);
  const factorOn = (day: number) => factors?.[weekdayOf(day)] ?? 1;
  // Days whose weekday barely spends (factor under 0.05) say nothing about the level.
  const points = history
    .slice(-(PATTERN_DAYS / 2))
    .filter(({ day }) => factorOn(day) >= 0.05)
    .map(({ day, micros }) => ({ t: (day - cutoff) / SECONDS_PER_DAY, value: micros / factorOn(day) }));
  const shiftAt = levelShiftStart(points);
  const recent = shiftAt === undefined ? points : points.slice(shiftAt);
  const window = recent.slice(-LEVEL_DAYS);
  const trendWindow = recent.slice(-TREND_DAYS);
  const lastT = window.at(-1)?.t ?? -1;
  const rawSlope =
    trendWindow.length >= MIN_TREND_DAYS && significantTrend(trendWindow) ? theilSenSlope(trendWindow) : 0;
  const roughLevel = median(window.map((point) => point.value)) ?? 0;
  const cap = MAX_TREND_SHARE * Math.abs(roughLevel);
  const slope = Math.max(-cap, Math.min(cap, rawSlope));
  const level = Math.max(0, hodgesLehmann(window.map((point) => point.value - slope * (point.t - lastT))));
  const residuals = window.map((point) => point.value - level - slope * (point.t - lastT));
  const sigma = residualSigma(residuals);

  let predictedSum = 0;
  let dayVariance = 0;
  let factorSum = 0;
  for (const day of predicted) {
    // Unknown days before the known history get the level alone; later days the damped trend.
    const ahead = day < cutoff ? 0 : (day - cutoff) / SECONDS_PER_DAY - lastT;
    const damped = (DAMPING * (1 - DAMPING ** ahead)) / (1 - DAMPING);
    const factor = factorOn(day);
    predictedSum += Math.max(0, level + slope * damped) * factor;
    dayVariance += (sigma * factor) ** 2;
    factorSum += factor;
  }
  const levelVariance = (sigma * factorSum) ** 2 / Math.max(1, window.length);
  const spread = RANGE_Z * Math.sqrt(dayVariance + levelVariance);
  const forecast = Math.round(monthToDate + predictedSum);
  return {
    monthToDateMicros: monthToDate,
    forecastMicros: forecast,
    lowMicros: Math.max(monthToDate, Math.round(forecast - spread)),
    highMicros: Math.round(forecast + spread),
    basis: describeBasis({ level, slope, window, shiftAt, points, factors, historyDays: history.length }),
    levelMicros: Math.round(level),
    trendMicrosPerDay: Math.round(slope),
    historyDays: history.length,
  };
}

/** Per weekday (0 = Sunday) factors averaging 1, or `undefined` with under 4 weeks of history. */
function weekdayFactors(history: ReadonlyArray<{ day: number; micros: number }>): number[] | undefined {
  if (history.length < MIN_PATTERN_DAYS) return undefined;
  const ratios: number[][] = Array.from({ length: 7 }, () => []);
  for (let index = 3; index < history.length - 3; index++) {
    const week = history.slice(index - 3, index + 4);
    const mean = week.reduce((sum, entry) => sum + entry.micros, 0) / 7;
    const entry = history[index];
    if (entry !== undefined && mean > 0) ratios[weekdayOf(entry.day)]?.push(entry.micros / mean);
  }
  const raw = ratios.map((values) => median(values));
  if (raw.some((value) => value === null)) return undefined;
  const mean = raw.reduce<number>((sum, value) => sum + (value ?? 0), 0) / 7;
  return mean > 0 ? raw.map((value) => (value ?? 0) / mean) : undefined;
}

/**
 * Index of the first point of a level shift: the earliest start after which every point (at least
 * 3, through the latest) lies beyond the level of the 14 points before it, all on the same side.
 */
function levelShiftStart(points: ReadonlyArray<{ value: number }>): number | undefined {
  for (let start = MIN_TREND_DAYS; start <= points.length - MIN_SHIFT_DAYS; start++) {
    const before = points.slice(Math.max(0, start - LEVEL_DAYS), start).map((point) => point.value);
    const after = points.slice(start).map((point) => point.value);
    const usual = median(before) ?? 0;
    const spread = MAD_TO_SIGMA * (median(before.map((value) => Math.abs(value - usual))) ?? 0);
    const band = Math.max(SHIFT_SIGMAS * spread, MIN_SHIFT_SHARE * usual);
    if (band <= 0) continue;
    if (after.every((value) => value > usual + band) || after.every((value) => value < usual - band)) {
      return start;
    }
  }
  return undefined;
}

/**
 * Robust spread of the residuals (MAD); the mean absolute residual when over half of them are exactly
 * zero (a week of identical weekdays around two different weekend days), so the range never claims certainty it lacks.
 */
function residualSigma(residuals: readonly number[]): number {
  const absolute = residuals.map(Math.abs);
  const mad = MAD_TO_SIGMA * (median(absolute) ?? 0);
  if (mad > 0 || absolute.length === 0) return mad;
  return MEAN_ABS_TO_SIGMA * (absolute.reduce((sum, value) => sum + value, 0) / absolute.length);
}

/**
 * Hodges–Lehmann location: the median of all pairwise means. As robust to a few odd days as the
 * median, but about as precise as the mean on ordinary noise (the level drives the whole forecast).
 */
function hodgesLehmann(values: readonly number[]): number {
  const means: number[] = [];
  values.forEach((a, i) => {
    for (const b of values.slice(i)) means.push((a + b) / 2);
  });
  return median(means) ?? 0;
}

/** Median of the pairwise slopes (robust to single odd days). */
function theilSenSlope(points: ReadonlyArray<{ t: number; value: number }>): number {
  const slopes: number[] = [];
  points.forEach((a, i) => {
    for (const b of points.slice(i + 1)) if (b.t !== a.t) slopes.push((b.value - a.value) / (b.t - a.t));
  });
  return median(slopes) ?? 0;
}

/** Mann–Kendall: the signs of all pairs agree enough that a monotone trend is likely (|z| ≥ 1.96). */
function significantTrend(points: ReadonlyArray<{ value: number }>): boolean {
  const n = points.length;
  let s = 0;
  points.forEach((a, i) => {
    for (const b of points.slice(i + 1)) s += Math.sign(b.value - a.value);
  });
  const variance = (n * (n - 1) * (2 * n + 5)) / 18;
  return variance > 0 && (Math.abs(s) - 1) / Math.sqrt(variance) >= TREND_Z;
}

function describeBasis({
  level,
  slope,
  window,
  shiftAt,
  points,
  factors,
  historyDays,
}: {
  level: number;
  slope: number;
  window: ReadonlyArray<{ t: number }>;
  shiftAt: number | undefined;
  points: ReadonlyArray<{ t: number }>;
  factors: number[] | undefined;
  historyDays: number;
}): string {
  const daily = `${formatUsd(Math.round(level))}/day`;
  const since = shiftAt === undefined ? undefined : points[shiftAt];
  const levelPart =
    since === undefined
      ? `level ${daily} from the last ${window.length} days`
      : `new level ${daily} since a shift ${-since.t} days ago`;
  const trendPart =
    slope === 0
      ? 'no significant trend'
      : `trend ${slope > 0 ? '+' : ''}${((slope / Math.max(level, 1)) * 100).toFixed(1)}%/day, damped`;
  const weekPart =
    factors === undefined
      ? `no weekday pattern (${historyDays} days known, 28 needed)`
      : `weekday pattern from ${Math.floor(historyDays / 7)} weeks`;
  return `${levelPart}; ${trendPart}; ${weekPart}`;
}

function floorDay(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

/** 0 = Sunday, for UTC midnights (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (Math.floor(day / SECONDS_PER_DAY) + 4) % 7;
}

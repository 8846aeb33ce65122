import { isoDay, isoTime } from '../period.js';
import type { MessageView } from './message-view.js';

/** TTFT of one model in one region over a period: per-UTC-day medians and the last 24 hours. */
export interface LatencyInput {
  region: string;
  model: string;
  /** Days in order; `null` where the day had no streaming call. */
  days: Array<{ day: number; p50: number | null; p90: number | null }>;
  recent: { p50: number[]; p90: number[] };
  teams: string[];
  /** The source gives per-minute averages, not percentiles (Azure): they stand in `p50`, `p90` is empty. */
  average?: boolean;
}

export interface LatencyRow {
  region: string;
  model: string;
  /** Medians of the last 24 hours, in milliseconds; `null` = no streaming traffic, unknown. */
  p50_ms: number | null;
  p90_ms: number | null;
  /** Medians of the days before the shift (or of the whole period when there is none). */
  baseline_p50_ms: number | null;
  baseline_p90_ms: number | null;
  /** Last 24 h ÷ baseline; omitted when either side has no data. */
  p50_ratio?: number;
  p90_ratio?: number;
  /** A lasting step in the daily p50: the first day of the new level and the levels either side. */
  shift?: { at: string; from_ms: number; to_ms: number; ratio: number };
  teams: string[];
  /** `p50_ms` and its baseline are averages of per-minute averages (Azure gives no percentiles). */
  average?: true;
}

/** The answer to `latency [period]`: time to first token per model, its shifts and its baseline. */
export interface LatencyView {
  kind: 'latency';
  period: { label: string; start: string; end: string };
  models: LatencyRow[];
  freshness: { metrics_through: string | null };
}

/** A step at least this large (×1.5 up or down) counts as a shift. */
export const SHIFT_RATIO = 1.5;
/** Days needed on each side of a step. */
const MIN_SIDE_DAYS = 2;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The split of a daily series into two levels that fits it best (least absolute deviation from
 * each side's median, so one odd day moves nothing): `undefined` unless the two levels differ by
 * `SHIFT_RATIO` or more.
 */
export function findShift(
  days: ReadonlyArray<{ day: number; value: number }>,
): { index: number; before: number; after: number } | undefined {
  const deviation = (values: readonly number[], center: number) =>
    values.reduce((sum, value) => sum + Math.abs(value - center), 0);
  let best: { index: number; before: number; after: number; cost: number } | undefined;
  for (let index = MIN_SIDE_DAYS; index <= days.length - MIN_SIDE_DAYS; index += 1) {
    const left = days.slice(0, index).map((entry) => entry.value);
    const right = days.slice(index).map((entry) => entry.value);
    const before = median(left);
    const after = median(right);
    if (before === null || after === null || before <= 0 || after <= 0) continue;
    const cost = deviation(left, before) + deviation(right, after);
    if (best === undefined || cost < best.cost) best = { index, before, after, cost };
  }
  if (best === undefined) return undefined;
  return Math.abs(Math.log(best.after / best.before)) >= Math.log(SHIFT_RATIO) ? best : undefined;
}

export function buildLatencyView({
  period,
  inputs,
  metricsThrough,
}: {
  period: { label: string; start: number; end: number };
  inputs: readonly LatencyInput[];
  metricsThrough: number | null;
}): LatencyView {
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  const ratio = (recent: number | null, before: number | null) =>
    recent === null || before === null || before === 0
      ? undefined
      : Math.round((recent / before) * 100) / 100;
  const models = inputs
    .map((input): LatencyRow => {
      const p50Days = input.days.flatMap((entry) =>
        entry.p50 === null ? [] : [{ day: entry.day, value: entry.p50 }],
      );
      const shift = findShift(p50Days);
      const baselineDays =
        shift === undefined
          ? input.days
          : input.days.filter((entry) => entry.day < (p50Days[shift.index]?.day ?? 0));
      const p50 = round(median(input.recent.p50));
      const p90 = round(median(input.recent.p90));
      const baseP50 = round(median(baselineDays.flatMap((entry) => (entry.p50 === null ? [] : [entry.p50]))));
      const baseP90 = round(median(baselineDays.flatMap((entry) => (entry.p90 === null ? [] : [entry.p90]))));
      const p50Ratio = ratio(p50, baseP50);
      const p90Ratio = ratio(p90, baseP90);
      return {
        region: input.region,
        model: input.model,
        p50_ms: p50,
        p90_ms: p90,
        baseline_p50_ms: baseP50,
        baseline_p90_ms: baseP90,
        ...(p50Ratio === undefined ? {} : { p50_ratio: p50Ratio }),
        ...(p90Ratio === undefined ? {} : { p90_ratio: p90Ratio }),
        ...(shift === undefined
          ? {}
          : {
              shift: {
                at: isoDay(p50Days[shift.index]?.day ?? 0),
                from_ms: Math.round(shift.before),
                to_ms: Math.round(shift.after),
                ratio: Math.round((shift.after / shift.before) * 100) / 100,
              },
            }),
        teams: input.teams,
        ...(input.average ? { average: true as const } : {}),
      };
    })
    .filter((row) => row.p50_ms !== null || row.baseline_p50_ms !== null)
    .sort(
      (a, b) =>
        Math.abs(Math.log(b.shift?.ratio ?? 1)) - Math.abs(Math.log(a.shift?.ratio ?? 1)) ||
        (b.p50_ms ?? 0) - (a.p50_ms ?? 0),
    );
  return {
    kind: 'latency',
    period: { label: period.label, start: isoTime(period.start), end: isoTime(period.end) },
    models,
    freshness: { metrics_through: metricsThrough === null ? null : isoTime(metricsThrough) },
  };
}

const SHOWN = 8;

/** Long application-profile ARNs read better as `profile/<id>`. */
function modelLabel(model: string): string {
  const profile = /application-inference-profile\/([a-z0-9]+)$/.exec(model);
  return profile ? `profile/${profile[1]}` : model;
}

export function latencyMessage(view: LatencyView): MessageView {
  const shifted = view.models.filter((row) => row.shift !== undefined);
  const shown = view.models.slice(0, SHOWN);
  const ms = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en-US')} ms`);
  return {
    title: `Time to first token · ${view.period.label}`,
    summary:
      view.models.length === 0
        ? 'No time-to-first-token data yet: it exists only for streaming calls (ConverseStream, InvokeModelWithResponseStream).'
        : shifted.length === 0
          ? 'Time to first token held steady for every model in the period.'
          : `Shifted: ${shifted
              .slice(0, 3)
              .map(
                (row) =>
                  `${modelLabel(row.model)} in ${row.region} on ${row.shift?.at} (${row.average ? 'avg' : 'p50'} ${ms(row.shift?.from_ms ?? null)} → ${ms(row.shift?.to_ms ?? null)}, ×${row.shift?.ratio})`,
              )
              .join('; ')}.`,
    sections: [
      {
        title: 'p50 / p90 in the last 24 h (baseline before any shift)',
        rows: shown.map((row) => ({
          label: `${modelLabel(row.model)} · ${row.region}${row.teams.length > 0 ? ` · ${row.teams.join(', ')}` : ''}`,
          value: row.average
            ? `avg ${ms(row.p50_ms)} (was ${ms(row.baseline_p50_ms)})`
            : `${ms(row.p50_ms)} / ${ms(row.p90_ms)} (was ${ms(row.baseline_p50_ms)} / ${ms(row.baseline_p90_ms)})`,
        })),
        ...(view.models.length > shown.length ? { more: view.models.length - shown.length } : {}),
      },
    ],
    context: [
      'Models with only non-streaming calls have no time-to-first-token data and are not listed. Azure reports averages (avg), not percentiles.',
      view.freshness.metrics_through === null
        ? 'no signals collected yet'
        : `signals through ${view.freshness.metrics_through.slice(0, 16).replace('T', ' ')} UTC`,
    ],
  };
}

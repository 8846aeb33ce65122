import { isoTime } from '../period.js';
import type { MessageView } from './message-view.js';

/** TTFT points of one model in one region: the recent window and the trailing baseline. */
export interface LatencyInput {
  region: string;
  model: string;
  recent: { p50: number[]; p90: number[] };
  baseline: { p50: number[]; p90: number[] };
  teams: string[];
}

export interface LatencyRow {
  region: string;
  model: string;
  /** Medians of the stored TTFT percentiles, in milliseconds; `null` = no streaming traffic, unknown. */
  p50_ms: number | null;
  p90_ms: number | null;
  baseline_p50_ms: number | null;
  baseline_p90_ms: number | null;
  /** Recent ÷ baseline; omitted when either side has no data. */
  p50_ratio?: number;
  p90_ratio?: number;
  teams: string[];
}

/** The answer to `latency [period]`: time to first token per model against its trailing baseline. */
export interface LatencyView {
  kind: 'latency';
  window: { start: string; end: string };
  baseline: { start: string; end: string };
  models: LatencyRow[];
  freshness: { metrics_through: string | null };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function buildLatencyView({
  window,
  baseline,
  inputs,
  metricsThrough,
}: {
  window: { start: number; end: number };
  baseline: { start: number; end: number };
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
      const p50 = round(median(input.recent.p50));
      const p90 = round(median(input.recent.p90));
      const baseP50 = round(median(input.baseline.p50));
      const baseP90 = round(median(input.baseline.p90));
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
        teams: input.teams,
      };
    })
    .filter((row) => row.p50_ms !== null || row.baseline_p50_ms !== null)
    .sort((a, b) => (b.p50_ratio ?? 0) - (a.p50_ratio ?? 0) || (b.p50_ms ?? 0) - (a.p50_ms ?? 0));
  return {
    kind: 'latency',
    window: { start: isoTime(window.start), end: isoTime(window.end) },
    baseline: { start: isoTime(baseline.start), end: isoTime(baseline.end) },
    models,
    freshness: { metrics_through: metricsThrough === null ? null : isoTime(metricsThrough) },
  };
}

const SHOWN = 8;
/** A change this large (×1.5) is called out. */
const NOTABLE = 1.5;

export function latencyMessage(view: LatencyView): MessageView {
  const slower = view.models.filter(
    (row) => (row.p50_ratio ?? 0) >= NOTABLE || (row.p90_ratio ?? 0) >= NOTABLE,
  );
  const shown = view.models.slice(0, SHOWN);
  const ms = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en-US')} ms`);
  return {
    title: 'Time to first token',
    summary:
      view.models.length === 0
        ? 'No time-to-first-token data yet: it exists only for streaming calls (ConverseStream, InvokeModelWithResponseStream).'
        : slower.length === 0
          ? 'Time to first token is in line with the trailing baseline for every model.'
          : `Slower than usual: ${slower
              .slice(0, 3)
              .map((row) => `${row.model} in ${row.region} (p50 ×${row.p50_ratio ?? '?'})`)
              .join(', ')}.`,
    sections: [
      {
        title: 'p50 / p90, last 24 h vs the 7 days before',
        rows: shown.map((row) => ({
          label: `${row.model} · ${row.region}`,
          value: `${ms(row.p50_ms)} / ${ms(row.p90_ms)} (was ${ms(row.baseline_p50_ms)} / ${ms(row.baseline_p90_ms)})${
            row.p50_ratio === undefined ? '' : ` ×${row.p50_ratio}`
          }`,
        })),
        ...(view.models.length > shown.length ? { more: view.models.length - shown.length } : {}),
      },
    ],
    context: [
      'Models with only non-streaming calls have no time-to-first-token data and are not listed.',
      view.freshness.metrics_through === null
        ? 'no signals collected yet'
        : `signals through ${view.freshness.metrics_through.slice(0, 16).replace('T', ' ')} UTC`,
    ],
  };
}

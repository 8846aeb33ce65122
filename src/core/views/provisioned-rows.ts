import { isoTime } from '../period.js';
import type { MessageSection } from './message-view.js';

/** Per-minute utilisation (percent) of one provisioned deployment model in one region (Azure PTU). */
export interface ProvisionedInput {
  region: string;
  model: string;
  team: string;
  minutes: ReadonlyArray<{ minute: number; percent: number }>;
}

export interface ProvisionedRow {
  region: string;
  model: string;
  team: string;
  /** The latest minute's utilisation when it is at most 15 minutes old, else `null`. */
  now_percent: number | null;
  peak_percent: number | null;
  peak_at: string | null;
  minutes_over_threshold: number;
}

const NOW_WINDOW_SECONDS = 15 * 60;

/** Provisioned throughput utilisation now and at its peak, highest peak first. */
export function provisionedRows(
  inputs: readonly ProvisionedInput[],
  { now, thresholdPercent }: { now: number; thresholdPercent: number },
): ProvisionedRow[] {
  return inputs
    .filter((input) => input.minutes.length > 0)
    .map((input) => {
      const latest = input.minutes.reduce((a, b) => (b.minute > a.minute ? b : a));
      const peak = input.minutes.reduce((a, b) => (b.percent > a.percent ? b : a));
      const recent = now - latest.minute <= NOW_WINDOW_SECONDS;
      return {
        region: input.region,
        model: input.model,
        team: input.team,
        now_percent: recent ? latest.percent : null,
        peak_percent: peak.percent,
        peak_at: isoTime(peak.minute),
        minutes_over_threshold: input.minutes.filter((minute) => minute.percent >= thresholdPercent).length,
      };
    })
    .sort((a, b) => (b.peak_percent ?? 0) - (a.peak_percent ?? 0));
}

/** The message section of the provisioned deployments, absent when there are none. */
export function provisionedSection(rows: readonly ProvisionedRow[]): MessageSection[] {
  if (rows.length === 0) return [];
  return [
    {
      title: 'Azure provisioned throughput (PTU) utilisation',
      rows: rows.map((row) => ({
        label: `${row.model} · ${row.region} · ${row.team}`,
        value: `${row.now_percent === null ? 'no data in the last 15 min' : `${row.now_percent}% now`} · peak ${row.peak_percent}% at ${(row.peak_at ?? '').slice(0, 16).replace('T', ' ')}`,
        ...(row.peak_percent === null ? {} : { share: Math.min(1, row.peak_percent / 100) }),
      })),
    },
  ];
}

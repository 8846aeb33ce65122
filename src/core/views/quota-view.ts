import { isoTime } from '../period.js';
import type { MessageView } from './message-view.js';
import {
  type ProvisionedInput,
  type ProvisionedRow,
  provisionedRows,
  provisionedSection,
} from './provisioned-rows.js';

/** What the `quota` answer knows about one token-per-minute quota. */
export interface QuotaInput {
  region: string;
  name: string;
  inferenceType: string;
  limit: number;
  models: string[];
  /** Per minute: summed EstimatedTPMQuotaUsage of the models sharing the quota. */
  minutes: Array<{ minute: number; used: number }>;
  /** Per model: quota tokens used over the period, for the owning teams' shares. */
  usedByModel: Map<string, number>;
  owners: Map<string, string>;
  throttles: number;
}

export interface QuotaRow {
  region: string;
  name: string;
  inference_type: string;
  limit_tpm: number;
  models: string[];
  /** The latest minute's use in % of the quota, when that minute is recent; else `null` (no data). */
  now_percent: number | null;
  now_at: string | null;
  peak_percent: number | null;
  peak_at: string | null;
  /** Minutes in the period at or above the alert threshold. */
  minutes_over_threshold: number;
  throttles: number;
  teams: Array<{ team: string; share: number }>;
}

/** The answer to `quota [period]`: TPM quota utilisation per model and region, now and at peak. */
export interface QuotaView {
  kind: 'quota';
  period: { label: string; start: string; end: string };
  threshold_percent: number;
  quotas: QuotaRow[];
  /** Provisioned deployments' utilisation (Azure PTU), which has no token quota to divide by. */
  provisioned: ProvisionedRow[];
  freshness: { metrics_through: string | null };
}

/** A minute counts as "now" when it is at most this old. */
const NOW_WINDOW_SECONDS = 15 * 60;

export function buildQuotaView({
  period,
  quotas,
  thresholdPercent,
  now,
  metricsThrough,
  provisioned = [],
}: {
  period: { label: string; start: number; end: number };
  quotas: readonly QuotaInput[];
  provisioned?: readonly ProvisionedInput[];
  thresholdPercent: number;
  now: number;
  metricsThrough: number | null;
}): QuotaView {
  const rows = quotas.map((quota): QuotaRow => {
    const percent = (used: number) => Math.round((used / quota.limit) * 1000) / 10;
    const latest = quota.minutes.at(-1);
    const peak = quota.minutes.reduce<{ minute: number; used: number } | undefined>(
      (best, minute) => (best === undefined || minute.used > best.used ? minute : best),
      undefined,
    );
    const isRecent = latest !== undefined && now - latest.minute <= NOW_WINDOW_SECONDS;
    return {
      region: quota.region,
      name: quota.name,
      inference_type: quota.inferenceType,
      limit_tpm: quota.limit,
      models: quota.models,
      now_percent: isRecent && latest ? percent(latest.used) : null,
      now_at: isRecent && latest ? isoTime(latest.minute) : null,
      peak_percent: peak ? percent(peak.used) : null,
      peak_at: peak ? isoTime(peak.minute) : null,
      minutes_over_threshold: quota.minutes.filter((minute) => percent(minute.used) >= thresholdPercent)
        .length,
      throttles: quota.throttles,
      teams: teamShares(quota),
    };
  });
  rows.sort((a, b) => (b.peak_percent ?? -1) - (a.peak_percent ?? -1));
  return {
    kind: 'quota',
    period: { label: period.label, start: isoTime(period.start), end: isoTime(period.end) },
    threshold_percent: thresholdPercent,
    quotas: rows,
    provisioned: provisionedRows(provisioned, { now, thresholdPercent }),
    freshness: { metrics_through: metricsThrough === null ? null : isoTime(metricsThrough) },
  };
}

function teamShares(quota: QuotaInput): Array<{ team: string; share: number }> {
  const byTeam = new Map<string, number>();
  let total = 0;
  for (const [model, used] of quota.usedByModel) {
    if (!quota.models.includes(model)) continue;
    const team = quota.owners.get(model) ?? 'unallocated';
    byTeam.set(team, (byTeam.get(team) ?? 0) + used);
    total += used;
  }
  if (total === 0) return [];
  return [...byTeam]
    .map(([team, used]) => ({ team, share: Math.round((used / total) * 1000) / 1000 }))
    .sort((a, b) => b.share - a.share);
}

const SHOWN = 5;

export function quotaMessage(view: QuotaView): MessageView {
  const shown = view.quotas.slice(0, SHOWN);
  const hot = view.quotas.filter((row) => (row.peak_percent ?? 0) >= view.threshold_percent);
  return {
    title: `Quotas · ${view.period.label}`,
    summary:
      view.quotas.length === 0 && view.provisioned.length > 0
        ? 'No token-per-minute quota is known; provisioned deployments are below.'
        : view.quotas.length === 0
          ? 'No token-per-minute quota is known yet: ai-spend reads them from Service Quotas (Bedrock) and Cloud Quotas (Vertex AI) for the models it sees used.'
          : hot.length === 0
            ? `Every quota stayed under ${view.threshold_percent}% of its tokens per minute.`
            : `${hot.length} of ${view.quotas.length} quotas reached ${view.threshold_percent}% of their tokens per minute: ${hot
                .slice(0, 3)
                .map((row) => `${shortName(row)} in ${row.region} (peak ${row.peak_percent}%)`)
                .join(', ')}.`,
    sections: [
      ...shown.map((row) => ({
        title: `${shortName(row)} · ${row.region} · ${row.limit_tpm.toLocaleString('en-US')} TPM`,
        rows: [
          {
            label: 'now',
            value: row.now_percent === null ? 'no data in the last 15 min' : `${row.now_percent}%`,
            ...(row.now_percent === null ? {} : { share: row.now_percent / 100 }),
          },
          {
            label: 'peak',
            value:
              row.peak_percent === null
                ? 'no data'
                : `${row.peak_percent}% at ${(row.peak_at ?? '').slice(0, 16).replace('T', ' ')}`,
            ...(row.peak_percent === null ? {} : { share: row.peak_percent / 100 }),
          },
        ],
        facts: [
          {
            label: 'Teams',
            value: row.teams.map((team) => `${team.team} ${Math.round(team.share * 100)}%`).join(', ') || '—',
          },
          ...(row.throttles > 0
            ? [{ label: 'Throttled calls', value: row.throttles.toLocaleString('en-US') }]
            : []),
        ],
      })),
      ...provisionedSection(view.provisioned),
    ],
    context: [
      ...(view.quotas.length > SHOWN ? [`… and ${view.quotas.length - SHOWN} more quotas`] : []),
      `Use is the tokens counted against the quota per minute ÷ the quota (Bedrock's EstimatedTPMQuotaUsage, Vertex AI's input tokens); Bedrock reserves max_tokens up front, so throttling can start below 100%.`,
      view.freshness.metrics_through === null
        ? 'no signals collected yet'
        : `signals through ${view.freshness.metrics_through.slice(0, 16).replace('T', ' ')} UTC`,
    ],
  };
}

function shortName(row: QuotaRow): string {
  const match = /tokens per minute for (.+)$/i.exec(row.name);
  const scope = row.inference_type === 'on_demand' ? 'on-demand' : row.inference_type.replace('_', '-');
  return match ? `${match[1]} (${scope})` : row.name;
}

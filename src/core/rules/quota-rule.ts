import type { AlertCandidate } from '../alerts/alert.js';
import { isoTime } from '../period.js';
import { minutesToExhaustion } from './minutes-to-exhaustion.js';

/** One token-per-minute quota and its recent use, as the `quota` answer reads them. */
export interface QuotaRuleGroup {
  region: string;
  /** The quota's name (Service Quotas), or the model id when it has none. */
  name: string;
  /** `on_demand`, `cross_region` or `global`, for the short name. */
  inferenceType?: string;
  /** Tokens per minute. */
  limit: number;
  models: readonly string[];
  /** Per minute (UTC epoch seconds of its start): summed EstimatedTPMQuotaUsage of `models`. */
  minutes: ReadonlyArray<{ minute: number; used: number }>;
  /** The team owning each ModelId. */
  owners: ReadonlyMap<string, string>;
  /** Quota tokens each ModelId used recently, for the teams' shares. */
  usedByModel: ReadonlyMap<string, number>;
}

/** The figures of a quota alert (`AlertCandidate.details`). Percentages have one decimal. */
export interface QuotaAlertDetails {
  region: string;
  quota: string;
  shortName: string;
  limit: number;
  threshold: number;
  nowPercent: number;
  nowAt: string;
  peakPercent: number;
  peakAt: string;
  /** Owning team first; shares of the quota tokens used, 0–1. */
  teams: Array<{ team: string; share: number }>;
  /** At the trend of the last 15 minutes; absent when flat or falling. */
  minutesToExhaustion?: number;
}

const TREND_SECONDS = 15 * 60;

/**
 * Quota conditions firing at `now`: for each quota whose use reached a threshold in any minute of
 * the last `lookbackMinutes`, one candidate for the highest threshold reached, fingerprinted
 * `quota|region|quota name|threshold` (so 80% then 95% are two alerts, and the same 80% condition
 * is one). It belongs to the team using the largest share of the quota; ≥ 95% is critical.
 */
export function quotaRule({
  groups,
  thresholds,
  now,
  lookbackMinutes = 15,
}: {
  groups: readonly QuotaRuleGroup[];
  /** Percentages, e.g. `[80, 95]`. */
  thresholds: readonly number[];
  now: number;
  lookbackMinutes?: number;
}): AlertCandidate[] {
  const ascending = [...new Set(thresholds)].sort((a, b) => a - b);
  const candidates: AlertCandidate[] = [];
  for (const group of groups) {
    if (group.limit <= 0) continue;
    const recent = group.minutes.filter(
      (point) => point.minute >= now - lookbackMinutes * 60 && point.minute < now,
    );
    const latest = recent.at(-1);
    const peak = recent.reduce<(typeof recent)[number] | undefined>(
      (best, point) => (best === undefined || point.used > best.used ? point : best),
      undefined,
    );
    if (latest === undefined || peak === undefined) continue;
    const reached = ascending.filter((threshold) => peak.used * 100 >= threshold * group.limit);
    const threshold = reached.at(-1);
    if (threshold === undefined) continue;
    const fingerprint = (value: number) => `quota|${group.region}|${group.name}|${value}`;
    const teams = teamShares(group);
    const shortName = quotaShortName(group.name, group.inferenceType);
    const exhaustion = minutesToExhaustion(
      recent.filter((point) => point.minute > latest.minute - TREND_SECONDS),
      group.limit,
    );
    const details: QuotaAlertDetails = {
      region: group.region,
      quota: group.name,
      shortName,
      limit: group.limit,
      threshold,
      nowPercent: percent(latest.used, group.limit),
      nowAt: isoTime(latest.minute),
      peakPercent: percent(peak.used, group.limit),
      peakAt: isoTime(peak.minute),
      teams,
      ...(exhaustion === undefined ? {} : { minutesToExhaustion: exhaustion }),
    };
    const owner = teams[0]?.team ?? 'unallocated';
    candidates.push({
      fingerprint: fingerprint(threshold),
      rule: 'quota',
      team: owner,
      severity: threshold >= 95 ? 'critical' : 'warning',
      title: `${shortName} quota past ${threshold}% in ${group.region}`,
      summary: quotaSummary(details, lookbackMinutes),
      details: { ...details },
      observedAt: latest.minute,
      ...(reached.length > 1 ? { implies: reached.slice(0, -1).map(fingerprint) } : {}),
    });
  }
  return candidates;
}

function quotaSummary(details: QuotaAlertDetails, lookbackMinutes: number): string {
  const owner = details.teams[0];
  const who = owner ? ` Team ${owner.team} uses ${Math.round(owner.share * 100)}% of it.` : '';
  const trend =
    details.minutesToExhaustion === undefined
      ? ''
      : ` At this rate it runs out in about ${details.minutesToExhaustion} min.`;
  return `Peaked at ${details.peakPercent}% of ${details.limit.toLocaleString('en-US')} tokens per minute in the last ${lookbackMinutes} min (now ${details.nowPercent}%).${who}${trend}`;
}

/** Each team's share of the quota tokens the group's models used, largest first. */
function teamShares(group: QuotaRuleGroup): Array<{ team: string; share: number }> {
  const byTeam = new Map<string, number>();
  let total = 0;
  for (const model of group.models) {
    const used = group.usedByModel.get(model) ?? 0;
    if (used <= 0) continue;
    const team = group.owners.get(model) ?? 'unallocated';
    byTeam.set(team, (byTeam.get(team) ?? 0) + used);
    total += used;
  }
  if (total === 0) {
    const owner = group.models.map((model) => group.owners.get(model)).find((team) => team !== undefined);
    return owner === undefined ? [] : [{ team: owner, share: 1 }];
  }
  return [...byTeam]
    .map(([team, used]) => ({ team, share: Math.round((used / total) * 1000) / 1000 }))
    .sort((a, b) => b.share - a.share || (a.team < b.team ? -1 : 1));
}

function percent(used: number, limit: number): number {
  return Math.round((used / limit) * 1000) / 10;
}

/** "Claude Haiku 4.5 (cross-region) TPM" from AWS's "Cross-Region InvokeModel tokens per minute for …". */
export function quotaShortName(name: string, inferenceType?: string): string {
  const match = /tokens per minute for (.+)$/i.exec(name);
  if (!match) return `${name} TPM`;
  const scope =
    inferenceType === undefined
      ? undefined
      : inferenceType === 'on_demand'
        ? 'on-demand'
        : inferenceType.replace('_', '-');
  return `${match[1]}${scope ? ` (${scope})` : ''} TPM`;
}

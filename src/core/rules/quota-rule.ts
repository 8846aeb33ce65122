import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import type { AlertCandidate, AlertCandidateView } from '../alerts/alert.js';
import { isoTime } from '../period.js';
import { minutesToExhaustion } from './minutes-to-exhaustion.js';

/** One token-per-minute quota and its recent use, as the `quota` answer reads them. */
export interface QuotaRuleGroup {
  region: string;
  /** The quota's name (Service Quotas), or the model id when it has none. */
  name: string;
  /** `on_demand`, `cross_region` or `global`, for the short name (`provisioned` for provisioned throughput). */
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
  /**
   * Features first seen lately (e.g. this week) by the teams using the quota (`firstSeen`, UTC epoch
   * seconds), with their share of the quota tokens (0–1) when known. Those seen before `now` are shown.
   */
  recentFeatures?: ReadonlyArray<QuotaRecentFeature>;
}

/** A feature that started using a quota lately. */
export interface QuotaRecentFeature {
  team: string;
  feature: string;
  firstSeen: number;
  /** Share of the quota tokens, 0–1. */
  share?: number;
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
  /** Features that started recently (`QuotaRuleGroup.recentFeatures`), largest share first, then newest. */
  recentFeatures?: Array<{ team: string; feature: string; firstSeen: string; share?: number }>;
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
    const teams = quotaTeamShares(group);
    const shortName = quotaShortName(group.name, group.inferenceType);
    const exhaustion = minutesToExhaustion(
      recent.filter((point) => point.minute > latest.minute - TREND_SECONDS),
      group.limit,
    );
    const recentFeatures = startedRecently(group.recentFeatures ?? [], now);
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
      ...(recentFeatures.length === 0
        ? {}
        : {
            recentFeatures: recentFeatures.map((entry) => ({
              team: entry.team,
              feature: entry.feature,
              firstSeen: isoTime(entry.firstSeen),
              ...(entry.share === undefined ? {} : { share: entry.share }),
            })),
          }),
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
      magnitude: details.peakPercent,
      view: quotaView(details, recentFeatures, group.inferenceType),
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

function startedRecently(features: readonly QuotaRecentFeature[], now: number): QuotaRecentFeature[] {
  return features
    .filter((entry) => entry.firstSeen < now)
    .sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || b.firstSeen - a.firstSeen);
}

function quotaView(
  details: QuotaAlertDetails,
  features: readonly QuotaRecentFeature[],
  inferenceType: string | undefined,
): AlertCandidateView {
  const facts = [
    { label: 'Peak', value: `${details.peakPercent}% at ${details.peakAt.slice(11, 16)} UTC` },
    { label: 'Now', value: `${details.nowPercent}%` },
    { label: 'Limit', value: `${details.limit.toLocaleString('en-US')} tokens per minute` },
    ...(details.minutesToExhaustion === undefined
      ? []
      : [{ label: 'Runs out in', value: `about ${details.minutesToExhaustion} min at this rate` }]),
    ...(features.length === 0
      ? []
      : [{ label: 'Started recently', value: features.map(describeFeature).join('; ') }]),
  ];
  const spread =
    inferenceType === 'on_demand'
      ? 'a cross-region inference profile'
      : inferenceType === 'cross_region'
        ? 'a global inference profile'
        : 'another region or model';
  return {
    facts,
    ...(details.teams.length === 0
      ? {}
      : {
          contributors: {
            title: 'Share of the quota',
            rows: details.teams.map((entry) => ({
              label: entry.team,
              value: `${Math.round(entry.share * 100)}%`,
              share: entry.share,
            })),
          },
        }),
    next: `Request a quota increase (Service Quotas) or spread the load: ${spread}, batch inference for offline work, backoff on retries.`,
  };
}

/** "ask-docs (search, since Tue 24 Nov)", with the share when known: "(search, 30%, since …)". */
function describeFeature(entry: QuotaRecentFeature): string {
  const share = entry.share === undefined ? '' : `, ${Math.round(entry.share * 100)}%`;
  return `${entry.feature} (${entry.team}${share}, since ${format(new UTCDate(entry.firstSeen * 1000), 'EEE d MMM')})`;
}

/** Each team's share of the quota tokens the group's models used, largest first. */
export function quotaTeamShares(
  group: Pick<QuotaRuleGroup, 'models' | 'owners' | 'usedByModel'>,
): Array<{ team: string; share: number }> {
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

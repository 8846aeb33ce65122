import type { AlertCandidate } from '../alerts/alert.js';
import { SECONDS_PER_DAY } from '../facts.js';
import { type QuotaRuleGroup, quotaShortName, quotaTeamShares } from './quota-rule.js';

/** When a quota looks too big or too small. */
export interface QuotaRightsizingSettings {
  /** Days of history looked at. */
  days: number;
  /** p95 utilisation under this percent: room to spare (over-provisioned for provisioned throughput). */
  lowPercent: number;
  /** p95 utilisation over this percent: too tight. */
  highPercent: number;
  /** Days with data needed before judging. */
  minDays: number;
}

export const DEFAULT_QUOTA_RIGHTSIZING_SETTINGS: QuotaRightsizingSettings = {
  days: 14,
  lowPercent: 40,
  highPercent: 85,
  minDays: 7,
};

/** The figures of a right-sizing alert (`AlertCandidate.details`). Percentages have one decimal. */
export interface QuotaRightsizingDetails {
  region: string;
  quota: string;
  shortName: string;
  limit: number;
  condition: 'low' | 'high';
  provisioned: boolean;
  /** Utilisation over the minutes with traffic: 95th percentile, median and the busiest minute. */
  p95Percent: number;
  medianPercent: number;
  maxPercent: number;
  trafficMinutes: number;
  /** The window looked at, days, and the UTC days in it with any reported minute. */
  windowDays: number;
  daysWithData: number;
  teams: Array<{ team: string; share: number }>;
}

/**
 * Right-sizing at `now` from the last `days` of per-minute use (the groups' `minutes` hold them):
 * the 95th percentile of utilisation over minutes with traffic (use > 0; idle minutes say nothing
 * about a quota's size). Under `lowPercent`: room to spare, which costs money only for provisioned
 * throughput (`inferenceType: 'provisioned'`); over `highPercent`: request an increase or find out
 * why. Needs `minDays` UTC days with data. Fingerprint `quota_rightsizing|region|quota|low|high`,
 * owned by the team with the largest share; returned on every pass while the condition holds.
 */
export function quotaRightsizingRule({
  groups,
  now,
  settings = {},
}: {
  groups: ReadonlyArray<QuotaRuleGroup>;
  now: number;
  settings?: Partial<QuotaRightsizingSettings>;
}): AlertCandidate[] {
  const { days, lowPercent, highPercent, minDays } = { ...DEFAULT_QUOTA_RIGHTSIZING_SETTINGS, ...settings };
  const candidates: AlertCandidate[] = [];
  for (const group of groups) {
    if (group.limit <= 0) continue;
    const window = group.minutes.filter(
      (point) => point.minute >= now - days * SECONDS_PER_DAY && point.minute < now,
    );
    const daysWithData = new Set(window.map((point) => Math.floor(point.minute / SECONDS_PER_DAY))).size;
    if (daysWithData < minDays) continue;
    const provisioned = group.inferenceType === 'provisioned';
    const busy = window
      .filter((point) => point.used > 0)
      .map((point) => (point.used / group.limit) * 100)
      .sort((a, b) => a - b);
    // An unused on-demand quota costs nothing and says nothing; unused provisioned throughput is waste.
    if (busy.length === 0 && !provisioned) continue;
    const p95 = quantile(busy, 0.95);
    const condition = p95 < lowPercent ? 'low' : p95 > highPercent ? 'high' : undefined;
    if (condition === undefined) continue;
    const teams = quotaTeamShares(group);
    const details: QuotaRightsizingDetails = {
      region: group.region,
      quota: group.name,
      shortName: quotaShortName(group.name, group.inferenceType),
      limit: group.limit,
      condition,
      provisioned,
      p95Percent: round1(p95),
      medianPercent: round1(quantile(busy, 0.5)),
      maxPercent: round1(busy.at(-1) ?? 0),
      trafficMinutes: busy.length,
      windowDays: days,
      daysWithData,
      teams,
    };
    const latest = window.reduce((max, point) => Math.max(max, point.minute), 0);
    candidates.push({
      fingerprint: `quota_rightsizing|${group.region}|${group.name}|${condition}`,
      rule: 'quota_rightsizing',
      team: teams[0]?.team ?? 'unallocated',
      severity: 'warning',
      title: rightsizingTitle(details),
      summary: rightsizingSummary(details),
      details: { ...details },
      observedAt: latest,
      magnitude: details.p95Percent,
      view: {
        facts: [
          { label: 'p95 of busy minutes', value: `${details.p95Percent}%` },
          { label: 'Median', value: `${details.medianPercent}%` },
          { label: 'Busiest minute', value: `${details.maxPercent}%` },
          { label: 'Limit', value: `${group.limit.toLocaleString('en-US')} tokens per minute` },
          {
            label: 'History',
            value: `${daysWithData} days, ${busy.length.toLocaleString('en-US')} busy minutes`,
          },
        ],
        ...(teams.length === 0
          ? {}
          : {
              contributors: {
                title: 'Share of the quota',
                rows: teams.map((entry) => ({
                  label: entry.team,
                  value: `${Math.round(entry.share * 100)}%`,
                  share: entry.share,
                })),
              },
            }),
        next: rightsizingNext(details),
      },
    });
  }
  return candidates;
}

function rightsizingTitle(details: QuotaRightsizingDetails): string {
  const where = `in ${details.region}: p95 ${details.p95Percent}%`;
  if (details.condition === 'high') return `${details.shortName} quota too tight ${where}`;
  return details.provisioned
    ? `${details.shortName} provisioned throughput over-provisioned ${where}`
    : `${details.shortName} quota has room to spare ${where}`;
}

function rightsizingSummary(details: QuotaRightsizingDetails): string {
  const use = `Over the last ${details.windowDays} days, busy minutes used ${details.p95Percent}% (p95) of the ${details.limit.toLocaleString('en-US')} tokens per minute`;
  const owner = details.teams[0];
  const who = owner ? ` Team ${owner.team} uses ${Math.round(owner.share * 100)}% of it.` : '';
  if (details.condition === 'high') {
    return `${use}, peaking at ${details.maxPercent}%: throttling is near.${who}`;
  }
  return details.provisioned
    ? `${use} provisioned: fewer model units would carry the load.${who}`
    : `${use}: room to spare, so a launch fits (an on-demand quota costs nothing unused).${who}`;
}

function rightsizingNext(details: QuotaRightsizingDetails): string {
  if (details.condition === 'high') {
    return 'Request a quota increase (Service Quotas), or find out why use grew: ask `quota` and `top features 14d`.';
  }
  return details.provisioned
    ? 'Reduce the model units at the next commitment term, or move steady load onto it from on-demand.'
    : 'Nothing to do now; keep it in mind before asking for more elsewhere.';
}

/** Nearest-rank quantile of ascending values; 0 for none. */
function quantile(ascending: readonly number[], q: number): number {
  if (ascending.length === 0) return 0;
  return ascending[Math.max(0, Math.ceil(q * ascending.length) - 1)] ?? 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

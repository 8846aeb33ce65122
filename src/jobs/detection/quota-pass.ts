import type Database from 'better-sqlite3';
import type { AlertsConfig } from '../../config/config-types.js';
import type { AlertCandidate } from '../../core/alerts/alert.js';
import { QUOTA_SOURCES, type QuotaLimit, SECONDS_PER_DAY } from '../../core/facts.js';
import { quotaRightsizingRule } from '../../core/rules/quota-rightsizing-rule.js';
import { type QuotaRuleGroup, quotaRule } from '../../core/rules/quota-rule.js';
import type { DetectionQueries } from '../../store/detection-queries.js';
import { createSignalQueries, minuteUsage, type SignalQueries } from '../../store/signal-queries.js';

const HOUR = 3_600;
/** Right-sizing looks at two weeks of minutes. */
const RIGHTSIZING_DAYS = 14;
/** Features first seen this recently are named in a quota alert. */
const RECENT_FEATURE_DAYS = 7;

/**
 * The quota rules: usage at a threshold within the last minutes (with each team's share and the
 * features its teams started this week), and right-sizing from 14 days of per-minute use.
 */
export function quotaCandidates({
  db,
  queries,
  alerts,
  overrides,
  now,
  lookbackMinutes,
  signals = createSignalQueries(db),
}: {
  db: Database.Database;
  queries: DetectionQueries;
  alerts: Pick<AlertsConfig, 'quotaPercent' | 'rightsizing'>;
  overrides: readonly QuotaLimit[];
  now: number;
  lookbackMinutes: number;
  /** The signal reads; a replay of the past passes its own (see `ai-spend backtest`). */
  signals?: SignalQueries;
}): AlertCandidate[] {
  const today = now - (now % SECONDS_PER_DAY);
  const recent = queries.featuresSince(today - RECENT_FEATURE_DAYS * SECONDS_PER_DAY);
  const regions = new Map<
    string,
    Pick<QuotaRuleGroup, 'owners' | 'usedByModel'> & {
      recent: ReturnType<typeof signals.quotaUsagePoints>;
      history: ReturnType<typeof signals.quotaUsagePoints>;
    }
  >();
  const live: QuotaRuleGroup[] = [];
  const history: Array<QuotaRuleGroup & { origin: 'service_quotas' | 'config' }> = [];
  for (const source of QUOTA_SOURCES)
    for (const group of signals.quotaGroups(source, source === 'bedrock' ? overrides : [])) {
      const regionKey = `${source}|${group.region}`;
      let region = regions.get(regionKey);
      if (region === undefined) {
        region = {
          owners: signals.owners(source, group.region),
          recent: signals.quotaUsagePoints(source, group.region, now - HOUR, now),
          history: signals.quotaUsagePoints(
            source,
            group.region,
            now - RIGHTSIZING_DAYS * SECONDS_PER_DAY,
            now,
          ),
          usedByModel: signals.totalsByModel(
            source,
            'EstimatedTPMQuotaUsage',
            group.region,
            now - lookbackMinutes * 60,
            now,
          ),
        };
        regions.set(regionKey, region);
      }
      const teams = new Set(
        group.models.map((model) => region.owners.get(model)).filter((team) => team !== undefined),
      );
      const base = { ...group, owners: region.owners, usedByModel: region.usedByModel };
      live.push({
        ...base,
        minutes: minuteUsage(region.recent, group),
        recentFeatures: recent.filter((feature) => teams.has(feature.team)),
      });
      history.push({ ...base, minutes: minuteUsage(region.history, group) });
    }
  // Room to spare on a quota AWS grants by default costs nothing: only quotas someone set (in the
  // config: provisioned or negotiated capacity) are worth an alert for being under-used.
  const configured = new Set(
    history.filter((group) => group.origin === 'config').map((group) => `${group.region}|${group.name}`),
  );
  const rightsizing = quotaRightsizingRule({
    groups: history,
    now,
    settings: { lowPercent: alerts.rightsizing.lowPercent, highPercent: alerts.rightsizing.highPercent },
  }).filter((candidate) => {
    const [, region, name, side] = candidate.fingerprint.split('|');
    return side !== 'low' || configured.has(`${region}|${name}`);
  });
  return [
    ...quotaRule({ groups: live, thresholds: alerts.quotaPercent, now, lookbackMinutes }),
    ...rightsizing,
  ];
}

import type { AlertsConfig } from '../../config/config-types.js';
import type { AlertCandidate } from '../../core/alerts/alert.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../core/facts.js';
import {
  type CostAnomalySettings,
  costAnomalyRule,
  DEFAULT_DAILY_SETTINGS,
  DEFAULT_HOURLY_SETTINGS,
  detectCostAnomalies,
  rankContributors,
  withoutDailyEchoes,
} from '../../core/rules/cost-anomaly-rule.js';
import type { DetectionQueries, SpendCell } from '../../store/detection-queries.js';
import { breakdownFilter, spendSeries } from './spend-series.js';

/** Five weeks of hours: four same-hour-of-week baselines and the week under evaluation. */
const HOURLY_HISTORY = 35 * SECONDS_PER_DAY;
/** Eight weeks of days for the day-of-week baseline. */
const DAILY_HISTORY = 56 * SECONDS_PER_DAY;

/**
 * Cost anomalies on the hourly (estimated, minutes fresh) and daily (billed where billed) series.
 * Hours are evaluated through `hourlyThrough` (the stalest fresh source's usage, so a late source is
 * never read as a drop); days through the last UTC day every fresh source has completed. Sources
 * in `exclude` (not reporting) are left out of both series, history included, so they count neither
 * as a drop now nor as a baseline.
 */
export function costAnomalyCandidates(
  queries: DetectionQueries,
  alerts: Pick<AlertsConfig, 'anomaly' | 'holidays'>,
  { hourlyThrough, exclude }: { hourlyThrough: number | null; exclude: ReadonlySet<string> },
): AlertCandidate[] {
  if (hourlyThrough === null) return [];
  const known = queries.knownFrom();
  const keep = (cells: SpendCell[]) => cells.filter((cell) => !exclude.has(cell.source));
  const hourThrough = hourlyThrough - (hourlyThrough % SECONDS_PER_HOUR);
  const dayThrough = hourlyThrough - (hourlyThrough % SECONDS_PER_DAY);
  const runs = [
    {
      granularity: 'hour' as const,
      through: hourThrough,
      knownFrom: known.hour,
      cells: keep(queries.hourlySpend(hourThrough - HOURLY_HISTORY, hourThrough)),
      settings: {
        ...DEFAULT_HOURLY_SETTINGS,
        minMicros: alerts.anomaly.minMicrosPerHour,
        minRatio: alerts.anomaly.minRatio,
      } satisfies CostAnomalySettings,
      breakdown: queries.hourlyBreakdown,
    },
    {
      granularity: 'day' as const,
      through: dayThrough,
      knownFrom: known.day,
      cells: keep(queries.dailySpend(dayThrough - DAILY_HISTORY, dayThrough)),
      settings: {
        ...DEFAULT_DAILY_SETTINGS,
        minMicros: alerts.anomaly.minMicrosPerDay,
        minRatio: alerts.anomaly.minRatio,
      } satisfies CostAnomalySettings,
      breakdown: queries.dailyBreakdown,
    },
  ];
  const candidates: AlertCandidate[] = [];
  for (const run of runs) {
    if (run.knownFrom === null) continue;
    const anomalies = detectCostAnomalies({
      series: spendSeries(run.cells),
      granularity: run.granularity,
      knownFrom: run.knownFrom,
      through: run.through,
      settings: run.settings,
      holidays: alerts.holidays,
    });
    const items = anomalies.map((anomaly) => {
      const filter = breakdownFilter(anomaly.scope);
      return {
        anomaly,
        contributors: rankContributors(
          run.breakdown(filter, anomaly.currentBuckets),
          anomaly.currentBuckets.length,
          run.breakdown(filter, anomaly.baselineBuckets),
          anomaly.baselineBuckets.length,
        ),
      };
    });
    candidates.push(...costAnomalyRule(items));
  }
  return withoutDailyEchoes(candidates);
}

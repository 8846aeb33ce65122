import { checkMetricRows, type MetricRowProblem } from '../core/metrics/check-metric-rows.js';
import type { BusinessMetricsStore } from '../store/business-metrics-store.js';
import { type MetricFormat, readMetricRecords } from './read-metric-records.js';

/**
 * What a push of business metrics did: rows stored (re-pushed ones replaced), rows rejected with
 * their reasons, and `error` when the input as a whole could not be read (then nothing is stored).
 */
export interface PushMetricsSummary {
  accepted: number;
  rejected: MetricRowProblem[];
  error?: string;
}

/**
 * Reads CSV or JSON metric rows, stores the valid ones (idempotent per team, feature, unit and day)
 * and reports why the others were rejected. `knownTeams`: the teams of the config and of the data.
 */
export function pushMetrics(
  {
    store,
    knownTeams,
    now,
  }: { store: Pick<BusinessMetricsStore, 'replace'>; knownTeams: readonly string[]; now: number },
  text: string,
  format?: MetricFormat,
): PushMetricsSummary {
  const read = readMetricRecords(text, format);
  if ('error' in read) return { accepted: 0, rejected: [], error: read.error };
  if (read.records.length === 0) return { accepted: 0, rejected: [], error: 'no rows: only a header' };
  const { accepted, rejected } = checkMetricRows(read.records, { knownTeams, now });
  return { accepted: store.replace(accepted), rejected };
}

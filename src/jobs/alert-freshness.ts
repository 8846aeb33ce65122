import type { Alert, AlertRule } from '../core/alerts/alert.js';
import { utcMinute } from '../core/period.js';

/** Rules whose figures come from the per-minute signals rather than from spend. */
const SIGNAL_RULES: ReadonlySet<AlertRule> = new Set([
  'quota',
  'quota_throttles',
  'quota_rightsizing',
  'latency_shift',
  'retry_storm',
]);

/** The freshness stamp of an alert message: the signals behind quota and latency, the spend behind the rest. */
export function alertFreshness(
  alert: Alert,
  signalsThrough: number | null,
  now: number,
  usageThrough?: number | null,
): string {
  if (SIGNAL_RULES.has(alert.rule))
    return `signals through ${signalsThrough === null ? 'no collection yet' : utcMinute(signalsThrough)}`;
  if (alert.rule === 'no_data') return `checked ${utcMinute(now)}`;
  return usageThrough === undefined || usageThrough === null
    ? `spend as of ${utcMinute(now)} (billed where billed, else estimated)`
    : `usage through ${utcMinute(usageThrough)} (billed where billed, else estimated)`;
}

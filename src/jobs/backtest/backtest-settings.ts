import type { AlertsConfig } from '../../config/config-types.js';
import { ALERT_RULES, type AlertRule } from '../../core/alerts/alert.js';
import { AiSpendError } from '../../core/errors.js';
import { MICROS_PER_USD, type Micros } from '../../core/money.js';

/** A rule's tunable figures, by config key (`min_ratio`, `quota_percent`…). */
export type BacktestSettings = Record<string, number | number[] | string>;

/** What a backtest can replay a rule over, and why not when it cannot. */
export interface RuleSupport {
  /** Replayable from the stored history. */
  history: boolean;
  /** The metric a bare `timestamp,value` series stands for, or `undefined`. */
  seriesMetric?: string;
  /** Why the rule cannot run from a bare series (or the history), shown to the user. */
  reason?: string;
}

/** Which rule runs where. Rules reading several signals at once cannot run from one series. */
export const RULE_SUPPORT: Partial<Record<AlertRule, RuleSupport>> = {
  cost_anomaly: { history: true, seriesMetric: 'spend in USD per point (summed per hour and per UTC day)' },
  latency_shift: { history: true, seriesMetric: 'time to first token in milliseconds' },
  quota: { history: true, seriesMetric: 'quota utilisation in percent (0–100) per minute' },
  quota_throttles: { history: true, reason: 'it reads throttles together with who uses each model' },
  quota_rightsizing: { history: true, reason: 'it reads two weeks of per-minute use against a quota limit' },
  retry_storm: { history: true, reason: 'it needs calls, throttles, errors and tokens of the same model' },
  latency_followup: {
    history: false,
    reason: 'it follows up on stored latency alerts with the team’s spend mix',
  },
  migration: { history: false, reason: 'it compares every team’s mix of providers and models' },
  budget: { history: false, reason: 'it forecasts each team’s month against its stored budget' },
  no_data: { history: false, reason: 'it reads when each source last reported, which history does not keep' },
};

/** Where `rule` can be replayed; a rule this table does not list yet runs nowhere. */
export function ruleSupport(rule: AlertRule): RuleSupport {
  return RULE_SUPPORT[rule] ?? { history: false, reason: 'the backtest does not replay it yet' };
}

interface SettingSpec {
  key: string;
  kind: 'number' | 'percent-list' | 'choice';
  /** Exclusive lower bound for numbers, or inclusive when `minInclusive`. */
  min: number;
  minInclusive?: boolean;
  max?: number;
  choices?: readonly string[];
}

const RESOLVE: SettingSpec = { key: 'resolve_after_minutes', kind: 'number', min: 0, minInclusive: true };

const SPECS: Partial<Record<AlertRule, SettingSpec[]>> = {
  cost_anomaly: [
    { key: 'min_ratio', kind: 'number', min: 1 },
    { key: 'min_usd_per_hour', kind: 'number', min: 0, minInclusive: true },
    { key: 'min_usd_per_day', kind: 'number', min: 0, minInclusive: true },
    { key: 'granularity', kind: 'choice', min: 0, choices: ['both', 'hour', 'day'] },
    RESOLVE,
  ],
  latency_shift: [
    { key: 'min_ratio', kind: 'number', min: 1 },
    { key: 'min_ms', kind: 'number', min: 0, minInclusive: true },
    RESOLVE,
  ],
  quota: [
    { key: 'quota_percent', kind: 'percent-list', min: 0, max: 100 },
    { key: 'lookback_minutes', kind: 'number', min: 0, max: 1_440 },
    RESOLVE,
  ],
  quota_rightsizing: [
    { key: 'low_percent', kind: 'number', min: 0, max: 100 },
    { key: 'high_percent', kind: 'number', min: 0, max: 100 },
    RESOLVE,
  ],
  quota_throttles: [RESOLVE],
  retry_storm: [{ key: 'min_usd', kind: 'number', min: 0, minInclusive: true }, RESOLVE],
};

/** `cost-anomaly`, `cost_anomaly`, `Cost-Anomaly` → `cost_anomaly`; anything else lists the rules. */
export function resolveRule(text: string): AlertRule {
  const name = text.trim().toLowerCase().replaceAll('-', '_');
  const rule = ALERT_RULES.find((known) => known === name);
  if (rule === undefined) {
    throw new AiSpendError('input_invalid', `unknown rule "${text}"`, {
      hint: `--rule is one of: ${ALERT_RULES.map((known) => known.replaceAll('_', '-')).join(', ')}`,
    });
  }
  return rule;
}

/** The rule's settings as the config sets them today (`--set` overrides start from these). */
export function defaultSettings(
  rule: AlertRule,
  alerts: AlertsConfig,
  { quotaLookbackMinutes = 15 }: { quotaLookbackMinutes?: number } = {},
): BacktestSettings {
  const usd = (micros: Micros) => micros / MICROS_PER_USD;
  const resolve = { resolve_after_minutes: alerts.resolveAfterMinutes };
  switch (rule) {
    case 'cost_anomaly':
      return {
        min_ratio: alerts.anomaly.minRatio,
        min_usd_per_hour: usd(alerts.anomaly.minMicrosPerHour),
        min_usd_per_day: usd(alerts.anomaly.minMicrosPerDay),
        granularity: 'both',
        ...resolve,
      };
    case 'latency_shift':
      return { min_ratio: alerts.latency.minRatio, min_ms: alerts.latency.minMs, ...resolve };
    case 'quota':
      return { quota_percent: [...alerts.quotaPercent], lookback_minutes: quotaLookbackMinutes, ...resolve };
    case 'quota_rightsizing':
      return {
        low_percent: alerts.rightsizing.lowPercent,
        high_percent: alerts.rightsizing.highPercent,
        ...resolve,
      };
    case 'retry_storm':
      return { min_usd: usd(alerts.retryStorm.minMicros), ...resolve };
    default:
      return resolve;
  }
}

/**
 * Applies `key=value` overrides to `settings`. Keys are the rule's config keys; an unknown key lists
 * the valid ones, a value out of range says what is expected.
 */
export function applySettingOverrides(
  rule: AlertRule,
  settings: BacktestSettings,
  overrides: readonly string[],
): BacktestSettings {
  const specs = SPECS[rule] ?? [RESOLVE];
  const result: BacktestSettings = { ...settings };
  for (const override of overrides) {
    const match = /^\s*([a-z_]+)\s*=\s*(.+?)\s*$/i.exec(override);
    if (!match) {
      throw new AiSpendError('input_invalid', `--set ${override}: expected key=value`, {
        hint: `keys for ${rule}: ${specs.map((spec) => spec.key).join(', ')}`,
      });
    }
    const [, rawKey = '', value = ''] = match;
    const key = rawKey.toLowerCase();
    const spec = specs.find((entry) => entry.key === key);
    if (spec === undefined) {
      throw new AiSpendError('input_invalid', `--set ${key}: not a setting of ${rule}`, {
        hint: `keys for ${rule}: ${specs.map((entry) => entry.key).join(', ')}`,
      });
    }
    result[key] = parseSetting(spec, value);
  }
  return result;
}

function parseSetting(spec: SettingSpec, value: string): number | number[] | string {
  const fail = (expected: string) =>
    new AiSpendError('input_invalid', `--set ${spec.key}=${value}: expected ${expected}`, {
      hint: `for example --set ${spec.key}=${example(spec)}`,
    });
  if (spec.kind === 'choice') {
    const choice = spec.choices?.find((entry) => entry === value.toLowerCase());
    if (choice === undefined) throw fail(`one of ${spec.choices?.join(', ')}`);
    return choice;
  }
  const range = `${spec.minInclusive ? 'at least' : 'more than'} ${spec.min}${spec.max === undefined ? '' : ` and at most ${spec.max}`}`;
  const number = (text: string) => {
    const parsed = Number(text);
    const ok =
      text.trim() !== '' &&
      Number.isFinite(parsed) &&
      (spec.minInclusive ? parsed >= spec.min : parsed > spec.min) &&
      (spec.max === undefined || parsed <= spec.max);
    return ok ? parsed : undefined;
  };
  if (spec.kind === 'number') {
    const parsed = number(value);
    if (parsed === undefined) throw fail(`a number ${range}`);
    return parsed;
  }
  const list = value.split(/[,;\s]+/).filter((entry) => entry !== '');
  const parsed = list.map(number);
  if (list.length === 0 || parsed.some((entry) => entry === undefined)) {
    throw fail(`percentages ${range}, separated by commas`);
  }
  return [...new Set(parsed as number[])].sort((a, b) => a - b);
}

function example(spec: SettingSpec): string {
  if (spec.kind === 'choice') return spec.choices?.[0] ?? '';
  return spec.kind === 'percent-list' ? '80,95' : String(spec.min + 1);
}

/** The alerts config with the rule's settings in place, for replaying the live passes. */
export function alertsWithSettings(alerts: AlertsConfig, settings: BacktestSettings): AlertsConfig {
  const num = (key: string, fallback: number) => {
    const value = settings[key];
    return typeof value === 'number' ? value : fallback;
  };
  const micros = (key: string, fallback: Micros) =>
    (typeof settings[key] === 'number'
      ? Math.round((settings[key] as number) * MICROS_PER_USD)
      : fallback) as Micros;
  const percents = settings.quota_percent;
  return {
    ...alerts,
    resolveAfterMinutes: num('resolve_after_minutes', alerts.resolveAfterMinutes),
    quotaPercent: Array.isArray(percents) ? percents : alerts.quotaPercent,
    anomaly: {
      minRatio: num('min_ratio', alerts.anomaly.minRatio),
      minMicrosPerHour: micros('min_usd_per_hour', alerts.anomaly.minMicrosPerHour),
      minMicrosPerDay: micros('min_usd_per_day', alerts.anomaly.minMicrosPerDay),
    },
    latency: {
      minRatio: num('min_ratio', alerts.latency.minRatio),
      minMs: num('min_ms', alerts.latency.minMs),
    },
    retryStorm: { minMicros: micros('min_usd', alerts.retryStorm.minMicros) },
    rightsizing: {
      lowPercent: num('low_percent', alerts.rightsizing.lowPercent),
      highPercent: num('high_percent', alerts.rightsizing.highPercent),
    },
  };
}

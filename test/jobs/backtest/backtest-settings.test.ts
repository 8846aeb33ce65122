import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { isAiSpendError } from '../../../src/core/errors.js';
import {
  alertsWithSettings,
  applySettingOverrides,
  defaultSettings,
  resolveRule,
} from '../../../src/jobs/backtest/backtest-settings.js';

const { alerts } = loadConfig({ path: 'ai-spend.yml', text: '', env: {} });

/** The error a call throws: its message and hint. */
function failure(call: () => unknown): { message: string; hint?: string | undefined; code: string } {
  try {
    call();
  } catch (error) {
    if (isAiSpendError(error)) return { message: error.message, hint: error.hint, code: error.code };
    throw error;
  }
  throw new Error('expected an error');
}

describe('backtest settings', () => {
  it.each([
    ['cost-anomaly', 'cost_anomaly'],
    ['cost_anomaly', 'cost_anomaly'],
    ['Latency-Shift', 'latency_shift'],
    ['quota', 'quota'],
  ])('reads the rule %s as %s', (text, rule) => {
    expect(resolveRule(text)).toBe(rule);
  });

  it('lists the known rules for an unknown one', () => {
    const { message, hint, code } = failure(() => resolveRule('cost-spike'));
    expect(code).toBe('input_invalid');
    expect(message).toBe('unknown rule "cost-spike"');
    expect(hint).toContain('cost-anomaly, latency-shift');
  });

  it('starts from the config: cost_anomaly min_ratio 1.5, $20 an hour, $50 a day', () => {
    expect(defaultSettings('cost_anomaly', alerts)).toMatchObject({
      min_ratio: 1.5,
      min_usd_per_hour: 20,
      min_usd_per_day: 50,
      granularity: 'both',
    });
    expect(defaultSettings('quota', alerts)).toMatchObject({ quota_percent: [80, 95], lookback_minutes: 15 });
  });

  it('applies min_ratio=3 and quota_percent=90,70 (sorted) and maps them onto the alerts config', () => {
    const cost = applySettingOverrides('cost_anomaly', defaultSettings('cost_anomaly', alerts), [
      'min_ratio=3',
      'MIN_USD_PER_HOUR = 12.5',
      'granularity=hour',
    ]);
    expect(cost).toMatchObject({ min_ratio: 3, min_usd_per_hour: 12.5, granularity: 'hour' });
    const mapped = alertsWithSettings(alerts, cost);
    expect(mapped.anomaly).toEqual({
      minRatio: 3,
      minMicrosPerHour: 12_500_000,
      minMicrosPerDay: 50_000_000,
    });
    const quota = applySettingOverrides('quota', defaultSettings('quota', alerts), ['quota_percent=90,70']);
    expect(alertsWithSettings(alerts, quota).quotaPercent).toEqual([70, 90]);
  });

  it('names the valid keys for an unknown one', () => {
    const { message, hint } = failure(() =>
      applySettingOverrides('cost_anomaly', defaultSettings('cost_anomaly', alerts), ['threshold=3']),
    );
    expect(message).toBe('--set threshold: not a setting of cost_anomaly');
    expect(hint).toBe(
      'keys for cost_anomaly: min_ratio, min_usd_per_hour, min_usd_per_day, granularity, resolve_after_minutes',
    );
  });

  it.each([
    ['cost_anomaly', 'min_ratio=1', 'expected a number more than 1'],
    ['cost_anomaly', 'min_usd_per_hour=-5', 'expected a number at least 0'],
    ['cost_anomaly', 'granularity=week', 'expected one of both, hour, day'],
    ['quota', 'quota_percent=80,120', 'expected percentages more than 0 and at most 100'],
    ['latency_shift', 'min_ms=fast', 'expected a number at least 0'],
    ['latency_shift', 'min_ms', 'expected key=value'],
  ] as const)('%s rejects --set %s', (rule, override, expected) => {
    expect(
      failure(() => applySettingOverrides(rule, defaultSettings(rule, alerts), [override])).message,
    ).toContain(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../../src/core/facts.js';
import { quotaRightsizingRule } from '../../../src/core/rules/quota-rightsizing-rule.js';
import type { QuotaRuleGroup } from '../../../src/core/rules/quota-rule.js';

const NOW = Date.UTC(2026, 10, 24, 12) / 1000;
const LIMIT = 1_000_000;
const NAME = 'On-demand InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

/**
 * `days` days before NOW, one point every 10 minutes: `percent(minuteOfDay)` of the quota. Idle
 * minutes (percent 0) are reported as 0.
 */
function group(
  days: number,
  percent: (index: number) => number,
  overrides: Partial<QuotaRuleGroup> = {},
): QuotaRuleGroup {
  const minutes: Array<{ minute: number; used: number }> = [];
  const start = NOW - days * SECONDS_PER_DAY;
  for (let index = 0; start + index * 600 < NOW; index++) {
    minutes.push({ minute: start + index * 600, used: (percent(index) / 100) * LIMIT });
  }
  return {
    region: 'us-east-1',
    name: NAME,
    inferenceType: 'on_demand',
    limit: LIMIT,
    models: [MODEL],
    minutes,
    owners: new Map([[MODEL, 'search']]),
    usedByModel: new Map([[MODEL, 5_000_000]]),
    ...overrides,
  };
}

/** Percent cycling 1..100 over 100 points: p95 = 95, median = 50. */
const cycle = (scale: number) => (index: number) => ((index % 100) + 1) * scale;
const run = (groups: QuotaRuleGroup[]) => quotaRightsizingRule({ groups, now: NOW });

describe('quotaRightsizingRule over 14 days (p95 of busy minutes; low < 40%, high > 85%)', () => {
  it('flags room to spare at p95 38% on an on-demand quota, owned by the largest user', () => {
    const [candidate, ...rest] = run([group(14, cycle(0.4))]);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: `quota_rightsizing|us-east-1|${NAME}|low`,
      rule: 'quota_rightsizing',
      team: 'search',
      severity: 'warning',
      magnitude: 38,
      title: 'Anthropic Claude Sonnet 4.5 (on-demand) TPM quota has room to spare in us-east-1: p95 38%',
      details: {
        condition: 'low',
        provisioned: false,
        p95Percent: 38,
        medianPercent: 20,
        maxPercent: 40,
        daysWithData: 15,
      },
    });
    expect(candidate?.summary).toContain('an on-demand quota costs nothing unused');
  });

  it('calls provisioned throughput at p95 19% over-provisioned', () => {
    const [candidate] = run([group(14, cycle(0.2), { inferenceType: 'provisioned' })]);
    expect(candidate?.title).toContain('provisioned throughput over-provisioned');
    expect(candidate?.summary).toContain('fewer model units would carry the load');
  });

  it('asks for an increase at p95 95% (high)', () => {
    const [candidate] = run([group(14, cycle(1))]);
    expect(candidate).toMatchObject({
      fingerprint: `quota_rightsizing|us-east-1|${NAME}|high`,
      magnitude: 95,
      details: { condition: 'high', p95Percent: 95, maxPercent: 100 },
    });
    expect(candidate?.view?.next).toContain('Request a quota increase (Service Quotas)');
  });

  it.each([
    ['p95 at 40% (not under 40)', cycle(40 / 95)],
    ['p95 at 85% (not over 85)', cycle(85 / 95)],
    ['p95 at 60%', cycle(60 / 95)],
  ])('stays quiet with %s', (_, percent) => {
    expect(run([group(14, percent)])).toEqual([]);
  });

  it('ignores idle minutes: half the minutes at 0 and the rest at 50% is p95 50%, quiet', () => {
    expect(run([group(14, (index) => (index % 2 === 0 ? 0 : 50))])).toEqual([]);
  });

  it('needs 7 days with data: 6 days at 95% say nothing, 7 days do', () => {
    // 6 × 24 h before a noon `now` touch 7 UTC days; 5.5 days touch 6.
    expect(run([group(5.5, () => 95)])).toEqual([]);
    expect(run([group(6, () => 95)])).toHaveLength(1);
  });

  it('reads only the last 14 days before now', () => {
    const old = group(30, (index) => (index < 16 * 144 ? 95 : 60));
    expect(run([old])).toEqual([]);
  });

  it('says nothing about an unused on-demand quota', () => {
    expect(run([group(14, () => 0)])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { minutesToExhaustion } from '../../../src/core/rules/minutes-to-exhaustion.js';
import { type QuotaRuleGroup, quotaRule } from '../../../src/core/rules/quota-rule.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const LIMIT = 2_000_000;
const NAME = 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5';
const PROFILE_DATA = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/data';
const PROFILE_SEARCH = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/search';

/** The last `percents.length` minutes before NOW, oldest first, at these shares of the quota. */
function group(percents: readonly number[], overrides: Partial<QuotaRuleGroup> = {}): QuotaRuleGroup {
  const start = NOW - percents.length * 60;
  return {
    region: 'us-east-1',
    name: NAME,
    inferenceType: 'cross_region',
    limit: LIMIT,
    models: [PROFILE_DATA, PROFILE_SEARCH],
    minutes: percents.map((percent, index) => ({
      minute: start + index * 60,
      used: (percent / 100) * LIMIT,
    })),
    owners: new Map([
      [PROFILE_DATA, 'data'],
      [PROFILE_SEARCH, 'search'],
    ]),
    usedByModel: new Map([
      [PROFILE_DATA, 7_000_000],
      [PROFILE_SEARCH, 3_000_000],
    ]),
    ...overrides,
  };
}

const run = (groups: QuotaRuleGroup[]) => quotaRule({ groups, thresholds: [80, 95], now: NOW });
const flat = (percent: number, minutes = 15) => Array.from({ length: minutes }, () => percent);

describe('quotaRule with thresholds [80, 95] on a 2,000,000 TPM quota', () => {
  it('raises nothing while every minute stays at 79.9%', () => {
    expect(run([group(flat(79.9))])).toEqual([]);
  });

  it('raises one warning when a minute reaches 80%, fingerprinted by region, quota and threshold', () => {
    const candidates = run([group([...flat(60, 14), 80])]);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({
      fingerprint: `quota|us-east-1|${NAME}|80`,
      rule: 'quota',
      team: 'data',
      severity: 'warning',
      title: 'Anthropic Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1',
      observedAt: NOW - 60,
      details: {
        region: 'us-east-1',
        quota: NAME,
        limit: LIMIT,
        threshold: 80,
        nowPercent: 80,
        peakPercent: 80,
        peakAt: '2026-11-24T15:47:00Z',
        teams: [
          { team: 'data', share: 0.7 },
          { team: 'search', share: 0.3 },
        ],
      },
    });
    expect(candidates[0]?.implies).toBeUndefined();
  });

  it('raises a second, critical alert at 96%: the 95% fingerprint, implying the 80% one', () => {
    const [candidate, ...rest] = run([group([...flat(82, 14), 96])]);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: `quota|us-east-1|${NAME}|95`,
      severity: 'critical',
      implies: [`quota|us-east-1|${NAME}|80`],
    });
  });

  it('finds the same fingerprint on the next pass while the same 80% condition lasts', () => {
    const first = group([...flat(70, 13), 81, 70]);
    const next = { ...first, minutes: [...first.minutes, { minute: NOW, used: 0.75 * LIMIT }] };
    const fingerprints = (groups: QuotaRuleGroup[], now: number) =>
      quotaRule({ groups, thresholds: [80, 95], now }).map((candidate) => candidate.fingerprint);
    expect(fingerprints([first], NOW)).toEqual([`quota|us-east-1|${NAME}|80`]);
    expect(fingerprints([next], NOW + 60)).toEqual([`quota|us-east-1|${NAME}|80`]);
  });

  it('looks back 15 minutes only: a peak 16 minutes ago no longer fires', () => {
    expect(run([group([90, ...flat(50)])])).toEqual([]);
    expect(run([group([90, ...flat(50, 14)])])).toHaveLength(1);
  });

  it('gives the alert to the team with the largest share, unallocated when nobody owns the models', () => {
    const searchHeavy = group([...flat(60, 14), 85], {
      usedByModel: new Map([
        [PROFILE_DATA, 1_000_000],
        [PROFILE_SEARCH, 9_000_000],
      ]),
    });
    expect(run([searchHeavy])[0]?.team).toBe('search');
    expect(run([group([85], { owners: new Map() })])[0]?.team).toBe('unallocated');
  });

  it('estimates 16 minutes to exhaustion for use rising 1 point a minute from 70% to 84%', () => {
    const rising = Array.from({ length: 15 }, (_, index) => 70 + index);
    const [candidate] = run([group(rising)]);
    expect(candidate?.details.minutesToExhaustion).toBe(16);
    expect(candidate?.summary).toBe(
      'Peaked at 84% of 2,000,000 tokens per minute in the last 15 min (now 84%). Team data uses 70% of it. At this rate it runs out in about 16 min.',
    );
  });

  it.each([
    ['flat', flat(85)],
    ['falling', Array.from({ length: 15 }, (_, index) => 94 - index)],
  ])('omits the time to exhaustion when use is %s', (_, percents) => {
    const [candidate] = run([group(percents)]);
    expect(candidate).toBeDefined();
    expect(candidate?.details).not.toHaveProperty('minutesToExhaustion');
  });

  it('judges each quota on its own', () => {
    const other = group(flat(50), { region: 'us-west-2' });
    expect(run([group(flat(90)), other]).map((candidate) => candidate.fingerprint)).toEqual([
      `quota|us-east-1|${NAME}|80`,
    ]);
  });
});

describe('quotaRule view: recent features, magnitude and the next step', () => {
  const TUE_9AM = Date.UTC(2026, 10, 24, 9) / 1000;
  const SUN_NOON = Date.UTC(2026, 10, 22, 12) / 1000;

  it('names the features started recently, largest share first, and keeps them in details', () => {
    const [candidate] = run([
      group([...flat(60, 14), 85], {
        recentFeatures: [
          { team: 'data', feature: 'nightly-summaries', firstSeen: SUN_NOON },
          { team: 'search', feature: 'ask-docs', firstSeen: TUE_9AM, share: 0.3 },
          { team: 'search', feature: 'not-yet', firstSeen: NOW + 60 },
        ],
      }),
    ]);
    expect(candidate?.details.recentFeatures).toEqual([
      { team: 'search', feature: 'ask-docs', firstSeen: '2026-11-24T09:00:00Z', share: 0.3 },
      { team: 'data', feature: 'nightly-summaries', firstSeen: '2026-11-22T12:00:00Z' },
    ]);
    expect(candidate?.view?.facts).toContainEqual({
      label: 'Started recently',
      value: 'ask-docs (search, 30%, since Tue 24 Nov); nightly-summaries (data, since Sun 22 Nov)',
    });
  });

  it('renders a feature without a share as "ask-docs (search, since Tue 24 Nov)"', () => {
    const [candidate] = run([
      group([85], { recentFeatures: [{ team: 'search', feature: 'ask-docs', firstSeen: TUE_9AM }] }),
    ]);
    expect(candidate?.view?.facts).toContainEqual({
      label: 'Started recently',
      value: 'ask-docs (search, since Tue 24 Nov)',
    });
  });

  it('sets magnitude to the 96% peak and ranks teams 70% / 30% as contributors', () => {
    const [candidate] = run([group([...flat(82, 14), 96])]);
    expect(candidate?.magnitude).toBe(96);
    expect(candidate?.view?.contributors?.rows).toEqual([
      { label: 'data', value: '70%', share: 0.7 },
      { label: 'search', value: '30%', share: 0.3 },
    ]);
    expect(candidate?.view?.facts?.slice(0, 3)).toEqual([
      { label: 'Peak', value: '96% at 15:47 UTC' },
      { label: 'Now', value: '96%' },
      { label: 'Limit', value: '2,000,000 tokens per minute' },
    ]);
    expect(candidate?.details).not.toHaveProperty('recentFeatures');
  });

  it.each([
    ['cross_region', 'a global inference profile'],
    ['on_demand', 'a cross-region inference profile'],
  ])('suggests an increase or spreading load for a %s quota (%s)', (inferenceType, spread) => {
    const [candidate] = run([group([85], { inferenceType })]);
    expect(candidate?.view?.next).toBe(
      `Request a quota increase (Service Quotas) or spread the load: ${spread}, batch inference for offline work, backoff on retries.`,
    );
  });
});

describe('minutesToExhaustion', () => {
  const series = (values: number[]) => values.map((used, index) => ({ minute: index * 60, used }));

  it.each([
    ['rises 100 a minute from 500 towards 1,000', 3, [500, 600, 700]],
    ['rises 10 a minute from 700 towards 1,000 (1% of the quota in 2 min is a rise)', 28, [700, 710, 720]],
    ['is flat', undefined, [700, 700, 700]],
    ['falls', undefined, [900, 800, 700]],
    ['is known for two minutes only', undefined, [500, 900]],
    ['is already at the limit', undefined, [900, 1_000, 1_100]],
  ])('when use %s: %s minutes', (_, expected, values) => {
    expect(minutesToExhaustion(series(values), 1_000)).toBe(expected);
  });
});

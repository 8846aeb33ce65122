import { describe, expect, it } from 'vitest';
import {
  type Contributor,
  type CostAnomaly,
  type CostScope,
  costAnomalyRule,
  scopeKey,
} from '../../../src/core/rules/cost-anomaly-rule.js';

const HOUR = 3_600;
const USD = 1_000_000;
/** Tuesday 2026-11-24 14:00 UTC. */
const TWO_PM = Date.UTC(2026, 10, 24, 14) / 1000;

function anomaly(overrides: Partial<CostAnomaly> = {}): CostAnomaly {
  return {
    scope: { kind: 'team', team: 'search' },
    granularity: 'hour',
    direction: 'spike',
    at: TWO_PM + HOUR,
    since: TWO_PM,
    actualMicros: 1_240 * USD,
    expectedMicros: 260 * USD,
    deltaMicros: 980 * USD,
    ratio: 4.77,
    score: 9.1,
    currentBuckets: [TWO_PM, TWO_PM + HOUR],
    baselineBuckets: [1, 2, 3, 4].flatMap((week) =>
      [TWO_PM, TWO_PM + HOUR].map((t) => t - week * 7 * 86_400),
    ),
    baselineWeeks: 4,
    severity: 'critical',
    ...overrides,
  };
}

const contributor = (dimension: Contributor['dimension'], value: string, dollars: number, share: number) => ({
  dimension,
  value,
  deltaMicros: dollars * USD,
  share,
});

const SEARCH_CAUSE: Contributor[] = [
  contributor('team', 'search', 980, 1),
  contributor('model', 'claude-sonnet-4-5', 882, 0.9),
  contributor('provider', 'anthropic', 882, 0.9),
  contributor('feature', 'ask-docs', 812, 0.829),
  contributor('feature', 'autocomplete', 168, 0.171),
  contributor('api_key', 'sk-ant-…x7Qa', 120, 0.122),
  contributor('model', 'gpt-5-mini', -60, -0.061),
];

describe('costAnomalyRule', () => {
  it('names the change, the usual for a Tuesday afternoon and its main cause in one alert for search', () => {
    const [candidate, ...rest] = costAnomalyRule([{ anomaly: anomaly(), contributors: SEARCH_CAUSE }]);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: 'cost_anomaly|hour|team=search|spike',
      rule: 'cost_anomaly',
      team: 'search',
      severity: 'critical',
      title: 'Cost spike: search +$980.00 (4.8×) since Tue 2026-11-24 14:00 UTC',
      observedAt: TWO_PM + HOUR,
      magnitude: 980,
      details: {
        scope: 'team=search',
        granularity: 'hour',
        direction: 'spike',
        since: '2026-11-24T14:00:00Z',
        at: '2026-11-24T15:00:00Z',
        actualMicros: 1_240 * USD,
        expectedMicros: 260 * USD,
        deltaMicros: 980 * USD,
        ratio: 4.77,
        buckets: 2,
        baselineWeeks: 4,
      },
    });
    expect(candidate?.summary).toBe(
      'search spent $1,240.00 between 14:00 and 16:00 UTC, $980.00 more than the usual $260.00 for a Tuesday afternoon (4.8×); 83% of the increase is feature ask-docs, 90% on claude-sonnet-4-5.',
    );
    expect(candidate?.view?.facts).toEqual([
      { label: 'Actual', value: '$1,240.00 (Tue 14:00–16:00 UTC)' },
      { label: 'Usual', value: '$260.00 (median of the same hours of the week, 4 weeks before)' },
      { label: 'Change', value: '+$980.00 (4.8×)' },
      { label: 'Since', value: 'Tue 2026-11-24 14:00 UTC' },
    ]);
    expect(candidate?.view?.contributors?.rows).toEqual([
      { label: 'model claude-sonnet-4-5', value: '+$882.00 (90%)', share: 0.9 },
      { label: 'provider anthropic', value: '+$882.00 (90%)', share: 0.9 },
      { label: 'feature ask-docs', value: '+$812.00 (83%)', share: 0.829 },
      { label: 'feature autocomplete', value: '+$168.00 (17%)', share: 0.171 },
      { label: 'API key sk-ant-…x7Qa', value: '+$120.00 (12%)', share: 0.122 },
    ]);
    expect(candidate?.view?.next).toBe(
      'Check feature ask-docs: prompt size, caching, retries or a new caller; ask `team search 7d`.',
    );
  });

  it('says when the main feature is new, and is a warning below 3× the usual', () => {
    const cause = [contributor('feature', 'ask-docs', 500, 0.9)].map((row) => ({
      ...row,
      baselineMicros: 0,
    }));
    const [candidate] = costAnomalyRule([
      { anomaly: anomaly({ ratio: 1.8, severity: 'warning' }), contributors: cause },
    ]);
    expect(candidate?.severity).toBe('warning');
    expect(candidate?.view?.next).toBe(
      'feature ask-docs had no spend in the usual hours: a new rollout? Check its prompt size and caching; ask `team search 7d`.',
    );
  });

  it('words a drop with the decrease and where to look', () => {
    const drop = anomaly({
      direction: 'drop',
      since: TWO_PM - 4 * HOUR,
      at: TWO_PM - 2 * HOUR,
      actualMicros: 40 * USD,
      expectedMicros: 300 * USD,
      deltaMicros: -260 * USD,
      ratio: 0.13,
      severity: 'warning',
    });
    const [candidate] = costAnomalyRule([
      { anomaly: drop, contributors: [contributor('feature', 'ask-docs', -234, 0.9)] },
    ]);
    expect(candidate?.fingerprint).toBe('cost_anomaly|hour|team=search|drop');
    expect(candidate?.title).toBe('Cost drop: search -$260.00 (0.13×) since Tue 2026-11-24 10:00 UTC');
    expect(candidate?.summary).toBe(
      'search spent $40.00 between 10:00 and 13:00 UTC, $260.00 less than the usual $300.00 for a Tuesday morning (0.13×); 90% of the decrease is feature ask-docs.',
    );
    expect(candidate?.view?.next).toBe(
      'Check that feature ask-docs still runs (errors, a stopped job, a rotated API key) and that its spend is not reported under another name; ask `team search 7d`.',
    );
  });

  it('words a daily anomaly by day and gives the org to the team driving 82% of it', () => {
    const day = Date.UTC(2026, 10, 24) / 1000;
    const [candidate] = costAnomalyRule([
      {
        anomaly: anomaly({
          scope: { kind: 'org' },
          granularity: 'day',
          since: day,
          at: day,
          actualMicros: 3_000 * USD,
          expectedMicros: 1_000 * USD,
          deltaMicros: 2_000 * USD,
          ratio: 3,
          currentBuckets: [day],
        }),
        contributors: [contributor('team', 'search', 1_640, 0.82), contributor('team', 'data', 360, 0.18)],
      },
    ]);
    expect(candidate).toMatchObject({
      fingerprint: 'cost_anomaly|day|org|spike',
      team: 'search',
      title: 'Cost spike: all teams +$2,000.00 (3.0×) on Tue 2026-11-24',
      summary:
        'Total spend was $3,000.00 on Tuesday 2026-11-24, $2,000.00 more than the usual $1,000.00 for a Tuesday (3.0×); 82% of the increase is team search.',
    });
    expect(candidate?.view?.next).toBe('Ask `team search 7d` to see which of its features moved.');
  });

  it.each([
    [
      'no team has half of it',
      [contributor('team', 'search', 400, 0.4), contributor('team', 'data', 600, 0.6)],
      'data',
    ],
    ['the teams are not known', [], 'unallocated'],
    ['the largest team moved the other way', [contributor('team', 'search', -500, 0.6)], 'unallocated'],
  ])(
    'gives a provider anomaly to the team with half of the change, else unallocated: %s',
    (_, rows, team) => {
      const [candidate] = costAnomalyRule([
        { anomaly: anomaly({ scope: { kind: 'provider', provider: 'bedrock' } }), contributors: rows },
      ]);
      expect(candidate?.team).toBe(team);
    },
  );

  it('keeps one alert when a feature and its team both spike: the team one, naming the feature', () => {
    const feature = anomaly({
      scope: { kind: 'feature', team: 'search', feature: 'ask-docs' },
      deltaMicros: 812 * USD,
    });
    const candidates = costAnomalyRule([
      { anomaly: feature, contributors: [] },
      { anomaly: anomaly(), contributors: SEARCH_CAUSE },
    ]);
    expect(candidates.map((candidate) => candidate.fingerprint)).toEqual([
      'cost_anomaly|hour|team=search|spike',
    ]);
    const alone = costAnomalyRule([{ anomaly: feature, contributors: [] }]);
    expect(alone.map((candidate) => [candidate.fingerprint, candidate.team])).toEqual([
      ['cost_anomaly|hour|feature=search/ask-docs|spike', 'search'],
    ]);
  });

  it('drops the org anomaly that a team anomaly explains (82%), keeps it when the team explains 30%', () => {
    const org = (share: number) => ({
      anomaly: anomaly({ scope: { kind: 'org' } as CostScope, deltaMicros: 1_200 * USD }),
      contributors: [contributor('team', 'search', 1_200 * share, share)],
    });
    const team = { anomaly: anomaly(), contributors: SEARCH_CAUSE };
    expect(costAnomalyRule([org(0.82), team]).map((candidate) => candidate.fingerprint)).toEqual([
      'cost_anomaly|hour|team=search|spike',
    ]);
    expect(costAnomalyRule([org(0.3), team]).map((candidate) => candidate.fingerprint)).toEqual([
      'cost_anomaly|hour|org|spike',
      'cost_anomaly|hour|team=search|spike',
    ]);
  });

  it('drops a provider anomaly explained by a model anomaly, not one in the other direction or granularity', () => {
    const provider = {
      anomaly: anomaly({ scope: { kind: 'provider', provider: 'anthropic' } }),
      contributors: [contributor('model', 'claude-sonnet-4-5', 700, 0.7)],
    };
    const model = (overrides: Partial<CostAnomaly>) => ({
      anomaly: anomaly({ scope: { kind: 'model', model: 'claude-sonnet-4-5' }, ...overrides }),
      contributors: [],
    });
    expect(costAnomalyRule([provider, model({})])).toHaveLength(1);
    expect(costAnomalyRule([provider, model({ direction: 'drop' })])).toHaveLength(2);
    expect(costAnomalyRule([provider, model({ granularity: 'day' })])).toHaveLength(2);
  });

  it('compares changes per bucket when the broader anomaly has no contributors: $80 of $100 an hour explains it', () => {
    const org = anomaly({ scope: { kind: 'org' }, deltaMicros: 300 * USD, currentBuckets: [1, 2, 3] });
    const team = anomaly({ deltaMicros: 160 * USD, currentBuckets: [1, 2] });
    expect(
      costAnomalyRule([
        { anomaly: org, contributors: [] },
        { anomaly: team, contributors: [] },
      ]),
    ).toHaveLength(1);
  });

  it.each([
    [{ kind: 'org' }, 'org'],
    [{ kind: 'team', team: 'search' }, 'team=search'],
    [{ kind: 'feature', team: 'search', feature: 'ask-docs' }, 'feature=search/ask-docs'],
    [{ kind: 'provider', provider: 'bedrock' }, 'provider=bedrock'],
    [{ kind: 'model', model: 'claude-sonnet-4-5' }, 'model=claude-sonnet-4-5'],
  ] as Array<[CostScope, string]>)('keys scope %j as %s', (scope, key) => {
    expect(scopeKey(scope)).toBe(key);
  });
});

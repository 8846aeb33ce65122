import { describe, expect, it } from 'vitest';
import { mapBillingRows } from '../../../../src/collectors/vertex/billing/map.js';
import { AiSpendError } from '../../../../src/core/errors.js';

const HOUR = 3_600;
const DAY = 86_400;
const DAY0 = Date.UTC(2026, 10, 20) / 1000;
const DAYS = { start: DAY0, end: DAY0 + 2 * DAY };
const NOW = DAY0 + 30 * DAY;

const at = (seconds: number) => ({ value: new Date(seconds * 1000).toISOString() });

function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    usage_start_time: at(DAY0 + 10 * HOUR),
    export_time: at(DAY0 + 15 * HOUR),
    service: 'Vertex AI',
    sku: 'Gemini 2.5 Pro Input Tokens',
    project_id: 'acme-growth-prod',
    project_labels: [{ key: 'env', value: 'prod' }],
    labels: [
      { key: 'team', value: 'growth' },
      { key: 'feature', value: 'copywriter' },
    ],
    location: 'us-central1',
    region: 'us-central1',
    cost: '0.25',
    currency: 'USD',
    credits: [],
    ...overrides,
  };
}

const map = (rows: unknown[], options: Partial<Parameters<typeof mapBillingRows>[1]> = {}) =>
  mapBillingRows(rows, { days: DAYS, now: NOW, restateDays: 3, ...options });

function failure(rows: unknown[]): AiSpendError {
  try {
    map(rows);
  } catch (error) {
    if (error instanceof AiSpendError) return error;
    throw error;
  }
  throw new Error('expected an AiSpendError');
}

describe('mapBillingRows', () => {
  it('sums 24 hourly rows of $0.1 into one $2.40 fact with no float step (0.1 × 24 in floats is 2.4000000000000004)', () => {
    const rows = Array.from({ length: 24 }, (_, hour) =>
      row({ usage_start_time: at(DAY0 + hour * HOUR), cost: '0.1' }),
    );
    const { facts } = map(rows);
    expect(facts).toHaveLength(1);
    expect(facts[0]!.amountMicros).toBe(2_400_000);
  });

  it('nets credits: $1 with credits of -$0.25 and -$0.05 bills 700,000 micro-dollars', () => {
    const { facts } = map([
      row({
        cost: '1',
        credits: [
          { amount: '-0.25', type: 'PROMOTION' },
          { amount: '-0.05', type: 'DISCOUNT' },
        ],
      }),
    ]);
    expect(facts[0]!.amountMicros).toBe(700_000);
  });

  it('keeps the project, region, model, sorted request labels, project labels as tags and the billing scope', () => {
    const { facts } = map([row()]);
    expect(facts).toEqual([
      {
        dims: {
          source: 'vertex',
          projectId: 'acme-growth-prod',
          region: 'us-central1',
          model: 'gemini-2.5-pro',
          labels: { feature: 'copywriter', team: 'growth' },
          tags: { env: 'prod' },
          billingScope: 'vertex|acme-growth-prod|feature=copywriter,team=growth',
        },
        day: DAY0,
        lineItem: 'Gemini 2.5 Pro Input Tokens',
        amountMicros: 250_000,
        final: true,
      },
    ]);
  });

  it('splits by day, SKU and label set: 5 rows in 2 days, 2 SKUs and 2 features give 4 facts', () => {
    const other = [
      { key: 'feature', value: 'headlines' },
      { key: 'team', value: 'growth' },
    ];
    const { facts } = map([
      row(),
      row({ labels: [...(row().labels as object[])].reverse() }),
      row({ labels: other }),
      row({ sku: 'Gemini 2.5 Pro Output Tokens', cost: '2' }),
      row({ usage_start_time: at(DAY0 + DAY + 3 * HOUR) }),
    ]);
    expect(facts).toHaveLength(4);
    const byKey = new Map(
      facts.map((fact) => [
        `${fact.day - DAY0}|${fact.lineItem}|${fact.dims.labels?.feature}`,
        fact.amountMicros,
      ]),
    );
    expect(Object.fromEntries(byKey)).toEqual({
      '0|Gemini 2.5 Pro Input Tokens|copywriter': 500_000,
      '0|Gemini 2.5 Pro Output Tokens|copywriter': 2_000_000,
      '0|Gemini 2.5 Pro Input Tokens|headlines': 250_000,
      [`${DAY}|Gemini 2.5 Pro Input Tokens|copywriter`]: 250_000,
    });
  });

  it('uses the location when the region is empty (global endpoint) and leaves a row without project unscoped', () => {
    const { facts } = map([
      row({
        region: null,
        location: 'global',
        project_id: null,
        project_labels: [],
        labels: [],
        sku: 'Claude Sonnet 4.5 Output Tokens',
      }),
    ]);
    expect(facts[0]!.dims).toEqual({ source: 'vertex', region: 'global', model: 'claude-sonnet-4-5' });
  });

  it.each([
    [0, 3 * DAY + 1, true],
    [0, 3 * DAY, false],
    [1, 3 * DAY + 1, false],
  ])('marks day %i final %i seconds after the first day: %s (restateDays 3)', (day, now, final) => {
    const { facts } = map([row({ usage_start_time: at(DAY0 + day * DAY + HOUR) })], { now: DAY0 + now });
    expect(facts[0]!.final).toBe(final);
  });

  it.each([
    ['0.0000015', [], 2],
    ['0.0000025', [], 2],
    ['1.5E-5', [], 15],
    ['0.01543125', [], 15_431],
    ['12.3456789', ['-0.0000005'], 12_345_679],
    ['90071992.547409', ['-0.000001'], 90_071_992_547_408],
  ])(
    'bills cost %s with credits %j as %i micro-dollars (half to even, per row)',
    (cost, credits, expected) => {
      const { facts } = map([
        row({ cost, credits: credits.map((amount) => ({ amount, type: 'PROMOTION' })) }),
      ]);
      expect(facts[0]!.amountMicros).toBe(expected);
    },
  );

  it('reports the latest export_time of its rows', () => {
    const { lastExportTime } = map([
      row({ export_time: at(DAY0 + 20 * HOUR) }),
      row({ export_time: at(DAY0 + 26 * HOUR) }),
      row({ export_time: at(DAY0 + 14 * HOUR) }),
    ]);
    expect(lastExportTime).toBe(DAY0 + 26 * HOUR);
    expect(map([]).lastExportTime).toBeUndefined();
  });

  it.each([
    ['a column it did not ask for', { surprise: 'x' }, '$.rows[1].surprise'],
    ['cost that is not a decimal', { cost: 'twelve' }, '$.rows[1].cost'],
    ['cost as a float number', { cost: 0.25 }, '$.rows[1].cost'],
    [
      'a credit amount that is not a decimal',
      { credits: [{ amount: '-', type: 'PROMOTION' }] },
      '$.rows[1].credits[0].amount',
    ],
    [
      'a credit with an unknown field',
      { credits: [{ amount: '-1', type: 'PROMOTION', name: 'x' }] },
      '$.rows[1].credits[0].name',
    ],
    ['labels that are not a list', { labels: 'team=growth' }, '$.rows[1].labels'],
    [
      'a label key twice',
      {
        labels: [
          { key: 'team', value: 'a' },
          { key: 'team', value: 'b' },
        ],
      },
      '$.rows[1].labels[1].key',
    ],
    ['no usage_start_time', { usage_start_time: undefined }, '$.rows[1].usage_start_time'],
    ['an unreadable timestamp', { export_time: { value: 'yesterday' } }, '$.rows[1].export_time'],
    [
      'usage outside the requested days',
      { usage_start_time: at(DAY0 + 2 * DAY) },
      '$.rows[1].usage_start_time',
    ],
    ['another currency', { currency: 'EUR' }, '$.rows[1].currency'],
  ])('reports %s as provider_schema at %s', (_name, overrides, path) => {
    const error = failure([row(), row(overrides)]);
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain(path);
  });
});

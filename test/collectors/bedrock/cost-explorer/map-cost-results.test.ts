import type { GetCostAndUsageCommandOutput, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import {
  type CostMapping,
  mapCostResults,
} from '../../../../src/collectors/bedrock/cost-explorer/map-cost-results.js';
import { AiSpendError } from '../../../../src/core/errors.js';

const DAY = 86_400;
const NOV_25 = Date.UTC(2026, 10, 25) / 1000;
const SONNET = 'Claude Sonnet 4.5 (Amazon Bedrock Edition)';
const mapping: CostMapping = {
  costMetric: 'UnblendedCost',
  primaryTag: 'team',
  days: { start: NOV_25, end: NOV_25 + 2 * DAY },
  now: NOV_25 + 10 * DAY,
  repollDays: 3,
};

function page(...results: ResultByTime[]): GetCostAndUsageCommandOutput {
  return { $metadata: {}, ResultsByTime: results };
}

function day(start: string, groups: Array<[string, string, string, string?]>): ResultByTime {
  return {
    TimePeriod: { Start: start, End: start },
    Total: {},
    Estimated: false,
    Groups: groups.map(([tag, service, amount, unit = 'USD']) => ({
      Keys: [tag, service],
      Metrics: { UnblendedCost: { Amount: amount, Unit: unit } },
    })),
  };
}

function schemaMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AiSpendError && error.code === 'provider_schema') return error.message;
    throw error;
  }
  throw new Error('expected a provider_schema error');
}

describe('mapCostResults', () => {
  it('parses "1234.5678905" USD as 1,234,567,890 micro-dollars (half to even) and drops a "0" group', () => {
    const facts = mapCostResults(
      [
        page(
          day('2026-11-25', [
            ['team$search', SONNET, '1234.5678905'],
            ['team$data', SONNET, '0'],
          ]),
        ),
      ],
      mapping,
    );
    expect(facts).toEqual([
      {
        dims: {
          source: 'bedrock',
          model: 'claude-sonnet-4-5',
          tags: { team: 'search' },
          billingScope: 'team=search',
        },
        day: NOV_25,
        lineItem: SONNET,
        amountMicros: 1_234_567_890,
        final: true,
      },
    ]);
  });

  it('rejects an EUR amount as provider_schema, naming the JSON path of the unit', () => {
    const message = schemaMessage(() =>
      mapCostResults([page(day('2026-11-25', [['team$search', SONNET, '1.5', 'EUR']]))], mapping),
    );
    expect(message).toContain('$.ResultsByTime[0].Groups[0].Metrics.UnblendedCost.Unit');
    expect(message).toContain('EUR');
  });

  it('names the page of a bad group key when the answer had 2 pages', () => {
    const message = schemaMessage(() =>
      mapCostResults(
        [
          page(day('2026-11-25', [['team$search', SONNET, '1']])),
          page(day('2026-11-26', [['owner$x', SONNET, '1']])),
        ],
        mapping,
      ),
    );
    expect(message).toContain('$.ResultsByTime[0].Groups[0].Keys[0] (page 2)');
  });

  it('rejects a day outside the 2 requested days and a group repeated on a later page', () => {
    expect(schemaMessage(() => mapCostResults([page(day('2026-11-27', []))], mapping))).toContain(
      '$.ResultsByTime[0].TimePeriod.Start',
    );
    const repeated = day('2026-11-25', [['team$search', SONNET, '1']]);
    expect(schemaMessage(() => mapCostResults([page(repeated), page(repeated)], mapping))).toContain(
      'a group it already sent',
    );
  });
});

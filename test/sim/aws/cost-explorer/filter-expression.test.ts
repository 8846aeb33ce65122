import { describe, expect, it } from 'vitest';
import { rejection, useSimulator } from './simulator-harness.js';
import { ACCOUNTS, BEDROCK, HAIKU, SONNET } from './small-cost-records.js';

const h = useSimulator();

describe('Cost Explorer simulator filters', () => {
  it('evaluates And, Or and Not over dimensions and tags', async () => {
    const output = await h.costAndUsage({
      TimePeriod: { Start: '2026-11-25', End: '2026-11-26' },
      Filter: {
        And: [
          {
            Or: [
              { Dimensions: { Key: 'SERVICE', Values: [SONNET, HAIKU] } },
              { Tags: { Key: 'team', Values: ['data'] } },
            ],
          },
          { Not: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [ACCOUNTS[1]] } } },
        ],
      },
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    });
    expect(output.ResultsByTime?.[0]?.Groups?.map((group) => group.Keys?.[0])).toEqual([
      'USE1-MP:USE1_InputTokenCount-Units',
      'USE1-MP:USE1_OutputTokenCount-Units',
    ]);
    expect(output.ResultsByTime?.[0]?.Groups?.[1]?.Metrics?.UnblendedCost?.Amount).toBe('7.407408');
  });

  it('matches untagged spend with Tags ABSENT: 2 of the 8 rows a day', async () => {
    const output = await h.costAndUsage({
      Filter: { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } },
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(output.ResultsByTime?.[0]?.Groups?.map((group) => group.Keys?.[0])).toEqual([BEDROCK, SONNET]);
  });

  it('rejects SERVICE ENDS_WITH like the service, allowing only EQUALS for dimensions', async () => {
    const error = await rejection(
      h.costAndUsage({
        Filter: {
          Dimensions: { Key: 'SERVICE', Values: ['(Amazon Bedrock Edition)'], MatchOptions: ['ENDS_WITH'] },
        },
      }),
    );
    expect(error).toEqual({
      name: 'ValidationException',
      message: 'MatchOptions contain not allowed match option. Allowed MatchOptions:CASE_SENSITIVE, EQUALS',
    });
  });

  it.each([
    ['ENDS_WITH', '(Amazon Bedrock Edition)', [HAIKU, SONNET]],
    ['STARTS_WITH', 'Claude 3', [HAIKU]],
    ['CONTAINS', 'Bedrock', [BEDROCK, HAIKU, SONNET]],
  ] as const)('with matchOptions "all", SERVICE %s "%s" selects %j', async (option, value, services) => {
    await h.restart({ matchOptions: 'all' });
    const output = await h.costAndUsage({
      Filter: { Dimensions: { Key: 'SERVICE', Values: [value], MatchOptions: [option] } },
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(output.ResultsByTime?.[0]?.Groups?.map((group) => group.Keys?.[0])).toEqual(services);
  });
});

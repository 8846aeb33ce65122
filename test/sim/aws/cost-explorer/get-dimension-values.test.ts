import { GetDimensionValuesCommand } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { THREE_DAYS, useSimulator } from './simulator-harness.js';
import { BEDROCK, DAY, EC2, FIRST_DAY, HAIKU, SONNET } from './small-cost-records.js';

const h = useSimulator();

describe('Cost Explorer simulator GetDimensionValues', () => {
  it('lists the 4 services of the period sorted, and 2 for SearchString "edition"', async () => {
    const all = await h.client.send(
      new GetDimensionValuesCommand({
        TimePeriod: THREE_DAYS,
        Dimension: 'SERVICE',
        Context: 'COST_AND_USAGE',
      }),
    );
    expect(all.DimensionValues?.map((value) => value.Value)).toEqual([BEDROCK, EC2, HAIKU, SONNET]);
    expect(all.TotalSize).toBe(4);
    const search = await h.client.send(
      new GetDimensionValuesCommand({
        TimePeriod: THREE_DAYS,
        Dimension: 'SERVICE',
        SearchString: 'edition',
      }),
    );
    expect(search.DimensionValues?.map((value) => value.Value)).toEqual([HAIKU, SONNET]);
  });

  it('finds no services before the first billed day', async () => {
    const output = await h.client.send(
      new GetDimensionValuesCommand({
        TimePeriod: {
          Start: '2026-11-01',
          End: new Date((FIRST_DAY - DAY) * 1000).toISOString().slice(0, 10),
        },
        Dimension: 'SERVICE',
      }),
    );
    expect(output.DimensionValues).toEqual([]);
  });
});

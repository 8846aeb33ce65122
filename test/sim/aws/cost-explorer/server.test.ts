import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { credentials, rejection, THREE_DAYS, useSimulator } from './simulator-harness.js';
import { BEDROCK, EC2, HAIKU, SONNET, smallCostRecords } from './small-cost-records.js';

const h = useSimulator();

describe('Cost Explorer simulator GetCostAndUsage', () => {
  it('renders one record of 12,345,678 micros as the exact string "12.345678" USD in Total when ungrouped', async () => {
    h.records.splice(0, h.records.length, { ...smallCostRecords()[0]!, amountMicros: 12_345_678 });
    const output = await h.costAndUsage({ Metrics: ['UnblendedCost', 'NetAmortizedCost', 'UsageQuantity'] });
    expect(output.ResultsByTime?.map((result) => result.Total)).toEqual([
      {
        UnblendedCost: { Amount: '12.345678', Unit: 'USD' },
        NetAmortizedCost: { Amount: '12.345678', Unit: 'USD' },
        UsageQuantity: { Amount: '1000', Unit: 'N/A' },
      },
      {
        UnblendedCost: { Amount: '0', Unit: 'USD' },
        NetAmortizedCost: { Amount: '0', Unit: 'USD' },
        UsageQuantity: { Amount: '0', Unit: 'N/A' },
      },
      {
        UnblendedCost: { Amount: '0', Unit: 'USD' },
        NetAmortizedCost: { Amount: '0', Unit: 'USD' },
        UsageQuantity: { Amount: '0', Unit: 'N/A' },
      },
    ]);
    expect(output.ResultsByTime?.map((result) => result.Groups)).toEqual([[], [], []]);
    expect(output.DimensionValueAttributes).toEqual([]);
    expect(output.GroupDefinitions).toBeUndefined();
  });

  it('groups by tag and service with "team$search", "team$data" and "team$" keys and an empty Total', async () => {
    const output = await h.costAndUsage({
      GroupBy: [
        { Type: 'TAG', Key: 'team' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
    expect(output.GroupDefinitions).toEqual([
      { Type: 'TAG', Key: 'team' },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ]);
    const first = output.ResultsByTime?.[0];
    expect(first?.TimePeriod).toEqual({ Start: '2026-11-25', End: '2026-11-26' });
    expect(first?.Total).toEqual({});
    expect(
      first?.Groups?.map((group) => [...(group.Keys ?? []), group.Metrics?.UnblendedCost?.Amount]),
    ).toEqual([
      ['team$', BEDROCK, '8.641972'],
      ['team$', SONNET, '4.938271'],
      ['team$data', BEDROCK, '7.407405'],
      ['team$data', SONNET, '3.703704'],
      ['team$search', EC2, '9.876539'],
      ['team$search', HAIKU, '6.172838'],
      ['team$search', SONNET, '3.703707'],
    ]);
  });

  it('marks the 27th Estimated and the 25th and 26th not, at 2026-11-29T12:00Z', async () => {
    const output = await h.costAndUsage({});
    expect(output.ResultsByTime?.map((result) => result.Estimated)).toEqual([false, false, true]);
  });

  it('returns MONTHLY periods clipped to the requested dates: 2026-11-20..2026-12-03 is two periods', async () => {
    const output = await h.costAndUsage({
      TimePeriod: { Start: '2026-11-20', End: '2026-12-03' },
      Granularity: 'MONTHLY',
    });
    expect(output.ResultsByTime?.map((result) => result.TimePeriod)).toEqual([
      { Start: '2026-11-20', End: '2026-12-01' },
      { Start: '2026-12-01', End: '2026-12-03' },
    ]);
    // 3 days × Σr 1,234,567·(r+1) + 8 rows × 10,007·(0+1+2) + 24 × 3
    expect(output.ResultsByTime?.[0]?.Total?.UnblendedCost?.Amount).toBe('133.573476');
  });

  it.each([
    ['HOURLY granularity', { Granularity: 'HOURLY' as const }, 'hourly granularity is not enabled'],
    [
      'an end before the start',
      { TimePeriod: { Start: '2026-11-28', End: '2026-11-25' } },
      'Start date (and hour) should be before end date (and hour)',
    ],
    [
      'a date that does not exist',
      { TimePeriod: { Start: '2026-02-30', End: '2026-03-02' } },
      'Invalid date format',
    ],
    [
      'three group definitions',
      {
        GroupBy: [
          { Type: 'TAG' as const, Key: 'a' },
          { Type: 'TAG' as const, Key: 'b' },
          { Type: 'TAG' as const, Key: 'c' },
        ],
      },
      'at most 2',
    ],
    [
      'two roots in one expression',
      {
        Filter: {
          Tags: { Key: 'team', Values: ['x'] },
          Dimensions: { Key: 'SERVICE' as const, Values: ['x'] },
        },
      },
      'zero or more than one roots',
    ],
    ['an unknown metric', { Metrics: ['BlendedCosts'] }, 'Invalid metric: BlendedCosts'],
  ])('answers ValidationException for %s', async (_, input, message) => {
    const error = await rejection(h.costAndUsage(input));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
  });

  it('pages 7 groups a day (21 in all) 2 at a time in 11 requests, losing none', async () => {
    const input = {
      GroupBy: [
        { Type: 'TAG' as const, Key: 'team' },
        { Type: 'DIMENSION' as const, Key: 'SERVICE' },
      ],
    };
    const whole = await h.costAndUsage(input);
    await h.restart({ pageSize: 2 });
    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.costAndUsage({
        ...input,
        ...(token === undefined ? {} : { NextPageToken: token }),
      });
      for (const result of page.ResultsByTime ?? []) {
        for (const group of result.Groups ?? [])
          paged.push(`${result.TimePeriod?.Start} ${group.Keys} ${group.Metrics?.UnblendedCost?.Amount}`);
      }
      token = page.NextPageToken;
    } while (token !== undefined);
    const unpaged = (whole.ResultsByTime ?? []).flatMap((result) =>
      (result.Groups ?? []).map(
        (group) => `${result.TimePeriod?.Start} ${group.Keys} ${group.Metrics?.UnblendedCost?.Amount}`,
      ),
    );
    expect(paged).toHaveLength(21);
    expect(paged).toEqual(unpaged);
    expect(h.sim.requests).toHaveLength(11);
  });

  it('answers RequestChangedException when a page token is replayed with another request', async () => {
    await h.restart({ pageSize: 2 });
    const first = await h.costAndUsage({ GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    expect(first.NextPageToken).toBeTypeOf('string');
    const error = await rejection(
      h.costAndUsage({ GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }], NextPageToken: first.NextPageToken }),
    );
    expect(error.name).toBe('RequestChangedException');
  });

  it('serves queued faults first, counting every request: throttle, then access denied naming ce:GetCostAndUsage', async () => {
    h.sim.faults.throttle(1);
    h.sim.faults.accessDenied(1);
    expect((await rejection(h.costAndUsage({}))).name).toBe('LimitExceededException');
    const denied = await rejection(h.costAndUsage({}));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('is not authorized to perform: ce:GetCostAndUsage');
    expect((await h.costAndUsage({})).ResultsByTime).toHaveLength(3);
    expect(h.sim.requests.map((request) => request.operation)).toEqual([
      'GetCostAndUsage',
      'GetCostAndUsage',
      'GetCostAndUsage',
    ]);
  });

  it('refuses a request signed for eu-west-1 with InvalidSignatureException: Cost Explorer signs for us-east-1', async () => {
    const european = new CostExplorerClient({
      region: 'eu-west-1',
      endpoint: h.sim.url,
      credentials,
      maxAttempts: 1,
    });
    const error = await rejection(
      european.send(
        new GetCostAndUsageCommand({
          TimePeriod: THREE_DAYS,
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
        }),
      ),
    );
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toContain('valid region');
  });
});

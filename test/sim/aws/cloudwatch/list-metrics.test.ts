import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { afterEach, describe, expect, it } from 'vitest';
import { listAll, sims, start } from './sim-harness.js';
import {
  HOUR,
  NOVA_PRO,
  NOW,
  PROFILE_ARN,
  SONNET_US,
  smallBedrockScenario,
} from './small-bedrock-scenario.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('ListMetrics', () => {
  it('lists the 10 metrics of the one us-west-2 series to a us-west-2 caller, without TimeToFirstToken', async () => {
    const { client } = await start();
    const metrics = await listAll(client('us-west-2'), { Namespace: 'AWS/Bedrock' });
    expect(metrics).toEqual(
      [
        'CacheReadInputTokenCount',
        'CacheWriteInputTokenCount',
        'EstimatedTPMQuotaUsage',
        'InputTokenCount',
        'InvocationClientErrors',
        'InvocationLatency',
        'InvocationServerErrors',
        'InvocationThrottles',
        'Invocations',
        'OutputTokenCount',
      ].map((name) => `${name} ModelId=${NOVA_PRO}`),
    );
  });

  it('spells cache metrics per series and lists TimeToFirstToken only for the 2 streaming us-east-1 series', async () => {
    const { client } = await start();
    const east = client('us-east-1');
    expect(await listAll(east, { Namespace: 'AWS/Bedrock', MetricName: 'CacheReadInputTokens' })).toEqual([
      `CacheReadInputTokens ModelId=${PROFILE_ARN}`,
    ]);
    expect(await listAll(east, { Namespace: 'AWS/Bedrock', MetricName: 'CacheReadInputTokenCount' })).toEqual(
      [`CacheReadInputTokenCount ModelId=${SONNET_US}`],
    );
    expect(await listAll(east, { MetricName: 'TimeToFirstToken' })).toHaveLength(2);
    expect(
      await listAll(east, { Namespace: 'AWS/Bedrock', Dimensions: [{ Name: 'ModelId', Value: SONNET_US }] }),
    ).toHaveLength(11);
    expect(await listAll(east, { Namespace: 'AWS/Lambda' })).toEqual([]);
  });

  it('pages 22 us-east-1 metrics 4 at a time with NextToken', async () => {
    const { sim, client } = await start({ listPageSize: 4 });
    const metrics = await listAll(client('us-east-1'), { Namespace: 'AWS/Bedrock' });
    expect(metrics).toHaveLength(22);
    expect(new Set(metrics).size).toBe(22);
    expect(sim.requests.filter((request) => request.operation === 'ListMetrics')).toHaveLength(6);
  });

  it('leaves out a series idle for the last 5 hours when RecentlyActive is PT3H, keeps it otherwise', async () => {
    const { client } = await start({
      scenario: smallBedrockScenario({ dormantFrom: new Map([[PROFILE_ARN, NOW - 5 * HOUR]]) }),
    });
    const east = client('us-east-1');
    const recent = await listAll(east, { MetricName: 'Invocations', RecentlyActive: 'PT3H' });
    expect(recent).toEqual([`Invocations ModelId=${SONNET_US}`]);
    expect(await listAll(east, { MetricName: 'Invocations' })).toHaveLength(2);
  });

  it('refuses RecentlyActive PT1H with InvalidParameterValue', async () => {
    const { client } = await start();
    const error = await client('us-east-1')
      .send(new ListMetricsCommand({ RecentlyActive: 'PT1H' as 'PT3H' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidParameterValueException', Code: 'InvalidParameterValue' });
  });
});

import { GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { afterEach, describe, expect, it } from 'vitest';
import { input, query, sims, start } from './sim-harness.js';
import { DAY, HOUR, NOW, SONNET_US } from './small-bedrock-scenario.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('faults', () => {
  it('throttles the next 2 calls, then answers the 3rd', async () => {
    const { sim, client } = await start();
    sim.faults.throttle(2);
    const east = client('us-east-1');
    const results = await Promise.allSettled([
      east.send(new ListMetricsCommand({})),
      east.send(new ListMetricsCommand({})),
    ]);
    expect(results.map((result) => result.status === 'rejected' && (result.reason as Error).name)).toEqual([
      'Throttling',
      'Throttling',
    ]);
    expect((await east.send(new ListMetricsCommand({ MetricName: 'Invocations' }))).Metrics).toHaveLength(2);
  });

  it('denies GetMetricData with 403 naming cloudwatch:GetMetricData', async () => {
    const { sim, client } = await start();
    sim.faults.accessDenied(1);
    const error = await client('us-east-1')
      .send(
        new GetMetricDataCommand(input([query('a', SONNET_US, 'Invocations', 'Sum', HOUR)], NOW - DAY, NOW)),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toContain('cloudwatch:GetMetricData');
  });

  it('holds a fault for GetMetricData past 2 ListMetrics calls and throws it at the next GetMetricData', async () => {
    const { sim, client } = await start();
    sim.faults.serverError(1, 'GetMetricData');
    const east = client('us-east-1');
    expect((await east.send(new ListMetricsCommand({ MetricName: 'Invocations' }))).Metrics).toHaveLength(2);
    expect((await east.send(new ListMetricsCommand({ MetricName: 'Invocations' }))).Metrics).toHaveLength(2);
    const request = new GetMetricDataCommand(
      input([query('a', SONNET_US, 'Invocations', 'Sum', HOUR)], NOW - DAY, NOW),
    );
    const error = await east.send(request).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ $fault: 'server', $metadata: { httpStatusCode: 500 } });
    const output = await east.send(request);
    expect(output.MetricDataResults?.[0]?.Values?.length).toBeGreaterThan(10);
  });
});

describe('requests', () => {
  it('records the operation, the SigV4 region and the JSON body of each call', async () => {
    const { sim, client } = await start();
    await client('eu-central-1').send(
      new ListMetricsCommand({ Namespace: 'AWS/Bedrock', RecentlyActive: 'PT3H' }),
    );
    expect(
      sim.requests.map(({ operation, region, service, body }) => ({ operation, region, service, body })),
    ).toEqual([
      {
        operation: 'ListMetrics',
        region: 'eu-central-1',
        service: 'monitoring',
        body: { Namespace: 'AWS/Bedrock', RecentlyActive: 'PT3H' },
      },
    ]);
  });
});

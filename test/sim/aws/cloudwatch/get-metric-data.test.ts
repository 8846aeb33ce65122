import {
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, describe, expect, it } from 'vitest';
import { input, nova, profile, query, seconds, sims, sonnet, start } from './sim-harness.js';
import {
  DAY,
  HOUR,
  MINUTE,
  NOVA_PRO,
  NOW,
  PROFILE_ARN,
  SONNET_US,
  smallBedrockScenario,
} from './small-bedrock-scenario.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

const scenario = smallBedrockScenario();

describe('GetMetricData', () => {
  const dayStart = NOW - (NOW % DAY) - DAY;

  it('answers hourly Sums equal to hour() over 24 hours and leaves the idle hours out', async () => {
    const { client } = await start();
    const output = await client('us-east-1').send(
      new GetMetricDataCommand(
        input([query('tokens', SONNET_US, 'InputTokenCount', 'Sum', HOUR)], dayStart, dayStart + DAY),
      ),
    );
    const result = output.MetricDataResults?.[0];
    const expected: Array<[number, number]> = [];
    for (let hour = dayStart; hour < dayStart + DAY; hour += HOUR) {
      const stats = scenario.hour(sonnet, hour);
      if (stats !== null) expected.push([hour, stats.inputTokens]);
    }
    expect(expected.length).toBeLessThan(24);
    expect(seconds(result?.Timestamps)).toEqual(expected.map(([time]) => time));
    expect(result?.Values).toEqual(expected.map(([, value]) => value));
    expect(result?.StatusCode).toBe('Complete');
  });

  it('answers minutes with data only, TTFT only for streaming minutes, and sums 5 minutes for Period 300', async () => {
    const { client } = await start();
    const from = NOW - (NOW % HOUR) - HOUR;
    const output = await client('us-east-1').send(
      new GetMetricDataCommand(
        input(
          [
            query('calls', PROFILE_ARN, 'Invocations', 'Sum', MINUTE),
            query('ttft', PROFILE_ARN, 'TimeToFirstToken', 'p90', MINUTE),
            query('five', PROFILE_ARN, 'OutputTokenCount', 'Sum', 300),
            query('cache', PROFILE_ARN, 'CacheReadInputTokenCount', 'Sum', MINUTE),
          ],
          from,
          from + HOUR,
        ),
      ),
    );
    const [calls, ttft, five, cache] = output.MetricDataResults ?? [];
    const minutes = Array.from({ length: 60 }, (_, i) => from + i * MINUTE);
    const withData = minutes.filter((time) => scenario.minute(profile, time) !== null);
    const streaming = withData.filter((time) => scenario.minute(profile, time)?.ttftP90Ms !== null);
    expect(withData.length).toBeLessThan(60);
    expect(streaming.length).toBeLessThan(withData.length);
    expect(seconds(calls?.Timestamps)).toEqual(withData);
    expect(calls?.Values).toEqual(withData.map((time) => scenario.minute(profile, time)?.invocations));
    expect(seconds(ttft?.Timestamps)).toEqual(streaming);
    expect(ttft?.Values).toEqual(streaming.map((time) => scenario.minute(profile, time)?.ttftP90Ms));
    const fiveMinuteSums = Array.from({ length: 12 }, (_, i) =>
      minutes
        .slice(i * 5, i * 5 + 5)
        .reduce((sum, time) => sum + (scenario.minute(profile, time)?.outputTokens ?? 0), 0),
    );
    expect(five?.Values).toEqual(fiveMinuteSums);
    expect(cache?.Timestamps).toEqual([]);
  });

  it('orders TimestampDescending by default and has no data for minutes at or after now', async () => {
    const { client } = await start();
    const from = NOW - (NOW % MINUTE) - 10 * MINUTE;
    const output = await client('us-west-2').send(
      new GetMetricDataCommand({
        MetricDataQueries: [query('calls', NOVA_PRO, 'Invocations', 'Sum', MINUTE)],
        StartTime: new Date(from * 1000),
        EndTime: new Date((from + 20 * MINUTE) * 1000),
      }),
    );
    const times = seconds(output.MetricDataResults?.[0]?.Timestamps);
    const expected = Array.from({ length: 11 }, (_, i) => from + i * MINUTE)
      .filter((time) => scenario.minute(nova, time) !== null)
      .reverse();
    expect(times).toEqual(expected);
  });

  it('serves nothing of another region: a us-west-2 caller gets no sonnet datapoints', async () => {
    const { client } = await start();
    const output = await client('us-west-2').send(
      new GetMetricDataCommand(
        input([query('calls', SONNET_US, 'Invocations', 'Sum', HOUR)], dayStart, dayStart + DAY),
      ),
    );
    expect(output.MetricDataResults?.[0]?.Timestamps).toEqual([]);
  });

  it('splits 2 × 60 minute datapoints into PartialData pages of 20 that NextToken completes', async () => {
    const { sim, client } = await start({ maxDatapointsPerCall: 20 });
    const from = NOW - (NOW % HOUR) - 3 * HOUR;
    const request = input(
      [
        query('a', SONNET_US, 'InputTokenCount', 'Sum', MINUTE),
        query('b', PROFILE_ARN, 'InputTokenCount', 'Sum', MINUTE),
      ],
      from,
      from + HOUR,
    );
    const first = await client('us-east-1').send(new GetMetricDataCommand(request));
    expect(first.NextToken).toBeTypeOf('string');
    expect(first.MetricDataResults?.map((result) => result.StatusCode)).toEqual([
      'PartialData',
      'PartialData',
    ]);
    const byId = new Map<string, number[]>();
    for await (const page of paginateGetMetricData({ client: client('us-east-1') }, request)) {
      for (const result of page.MetricDataResults ?? []) {
        byId.set(result.Id ?? '', [...(byId.get(result.Id ?? '') ?? []), ...seconds(result.Timestamps)]);
      }
    }
    const expectedA = Array.from({ length: 60 }, (_, i) => from + i * MINUTE).filter(
      (time) => scenario.minute(sonnet, time) !== null,
    );
    expect(byId.get('a')).toEqual(expectedA);
    expect((byId.get('a')?.length ?? 0) + (byId.get('b')?.length ?? 0)).toBeGreaterThan(100);
    expect(sim.requests.filter((one) => one.body.NextToken !== undefined).length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a NextToken replayed with another request as InvalidNextToken', async () => {
    const { client } = await start({ maxDatapointsPerCall: 10 });
    const from = NOW - (NOW % HOUR) - HOUR;
    const first = await client('us-east-1').send(
      new GetMetricDataCommand(
        input([query('a', SONNET_US, 'InputTokenCount', 'Sum', MINUTE)], from, from + HOUR),
      ),
    );
    const error = await client('us-east-1')
      .send(
        new GetMetricDataCommand({
          ...input([query('a', SONNET_US, 'OutputTokenCount', 'Sum', MINUTE)], from, from + HOUR),
          NextToken: first.NextToken,
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ Code: 'InvalidNextToken' });
  });

  it('has no datapoints older than 455 days: a read from 460 days back starts at the first hour after', async () => {
    const { client } = await start();
    const old = NOW - (NOW % HOUR) - 460 * DAY;
    const output = await client('us-east-1').send(
      new GetMetricDataCommand(
        input([query('old', SONNET_US, 'Invocations', 'Sum', HOUR)], old, old + 10 * DAY),
      ),
    );
    const times = seconds(output.MetricDataResults?.[0]?.Timestamps);
    let firstKept = NOW - 455 * DAY + HOUR - ((NOW - 455 * DAY) % HOUR);
    while (scenario.hour(sonnet, firstKept) === null) firstKept += HOUR;
    expect(times[0]).toBe(firstKept);
    expect(times.length).toBeGreaterThan(100);
  });

  const valid = query('ok', SONNET_US, 'Invocations', 'Sum', MINUTE);
  const from = NOW - (NOW % HOUR) - HOUR;
  it.each<[string, GetMetricDataCommandInput]>([
    ['an Id starting with a capital', input([{ ...valid, Id: 'Calls' }], from, from + HOUR)],
    ['two queries with Id ok', input([valid, valid], from, from + HOUR)],
    [
      '501 queries',
      input(
        Array.from({ length: 501 }, (_, i) => ({ ...valid, Id: `q${i}` })),
        from,
        from + HOUR,
      ),
    ],
    ['no query', input([], from, from + HOUR)],
    ['Period 90', input([query('a', SONNET_US, 'Invocations', 'Sum', 90)], from, from + HOUR)],
    ['Period 60 for data 20 days old', input([valid], NOW - 20 * DAY, NOW - 19 * DAY)],
    [
      'Period 300 for data 70 days old',
      input([query('a', SONNET_US, 'Invocations', 'Sum', 300)], NOW - 70 * DAY, NOW),
    ],
    ['a metric math Expression', input([{ Id: 'e', Expression: 'ok * 2' }], from, from + HOUR)],
    ['a query without MetricStat', input([{ Id: 'bare' }], from, from + HOUR)],
    ['StartTime equal to EndTime', input([valid], from, from)],
    [
      'Stat Maximum',
      input([query('a', SONNET_US, 'InvocationLatency', 'Maximum', MINUTE)], from, from + HOUR),
    ],
  ])('refuses %s with InvalidParameterValue', async (_, request) => {
    const { client } = await start();
    const error = await client('us-east-1')
      .send(new GetMetricDataCommand(request))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'InvalidParameterValueException',
      Code: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readMetricData } from '../../../../src/collectors/bedrock/cloudwatch/read-metric-data.js';
import {
  type AwsJsonServer,
  type AwsRequest,
  startAwsJsonServer,
} from '../../../../src/sim/aws/aws-json-server.js';
import type { BedrockSeries } from '../../../../src/sim/scenario-types.js';
import { DAY, HOUR, NOW, smallBedrockScenario } from '../../../sim/aws/cloudwatch/small-bedrock-scenario.js';
import { MemorySink } from '../../../support/memory-sink.js';
import {
  cloudWatchClient,
  collect,
  expectedUsage,
  metricDataCalls,
  sims,
  startSim,
  storedPoints,
  storedUsage,
} from './cloudwatch-harness.js';

const servers: AwsJsonServer[] = [];
afterEach(async () => {
  await Promise.all([...sims.splice(0), ...servers.splice(0)].map((server) => server.close()));
});

const HOUR_NOW = NOW - (NOW % HOUR);

describe('readMetricData batching', () => {
  it('splits the 600 usage queries of 120 series into calls of 500 and 100 and stores every hour', async () => {
    const series: BedrockSeries[] = Array.from({ length: 120 }, (_, i) => ({
      region: 'us-east-1',
      modelId: `us.example.model-${String(i).padStart(3, '0')}-v1:0`,
      cacheMetricSpelling: i % 2 === 0 ? 'TokenCount' : 'Tokens',
    }));
    const scenario = smallBedrockScenario({ series });
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink, { backfillDays: 1, metricsBackfillDays: 1 / 24 });
    const calls = metricDataCalls(sim);
    expect(calls.filter((call) => call.period === HOUR).map((call) => call.queries.length)).toEqual([
      500, 100,
    ]);
    expect(Math.max(...calls.map((call) => call.queries.length))).toBe(500);
    expect(calls.filter((call) => call.period === 60).map((call) => call.queries.length)).toEqual([
      500, 500, 80,
    ]);
    expect(storedUsage(sink)).toEqual(expectedUsage(scenario, series, HOUR_NOW - DAY, HOUR_NOW + HOUR));
  });

  it('sends at most 7 queries per call when maxQueriesPerCall is 7', async () => {
    const sim = await startSim(smallBedrockScenario());
    await collect(sim, new MemorySink(), { maxQueriesPerCall: 7, metricsBackfillDays: 1 / 24 });
    const sizes = metricDataCalls(sim).map((call) => call.queries.length);
    expect(sizes).toEqual([7, 3, 7, 7, 4]);
  });

  it('follows NextToken through PartialData pages of 300 datapoints to the same facts and points', async () => {
    const capped = await startSim(smallBedrockScenario(), { maxDatapointsPerCall: 300 });
    const cappedSink = new MemorySink();
    await collect(capped, cappedSink);
    const plain = await startSim(smallBedrockScenario());
    const plainSink = new MemorySink();
    await collect(plain, plainSink);
    expect(metricDataCalls(capped).filter((call) => call.nextToken !== undefined).length).toBeGreaterThan(20);
    expect(metricDataCalls(plain).filter((call) => call.nextToken !== undefined)).toEqual([]);
    expect(storedUsage(cappedSink)).toEqual(storedUsage(plainSink));
    expect(storedPoints(cappedSink)).toEqual(storedPoints(plainSink));
  });
});

describe('readMetricData checks what CloudWatch answers', () => {
  const start = HOUR_NOW - 2 * HOUR;
  const request = { modelId: 'amazon.nova-pro-v1:0', metricName: 'Invocations', stat: 'Sum', period: HOUR };
  const result = (fields: Record<string, unknown>) => ({
    MetricDataResults: [
      { Id: 'q0', Label: 'Invocations', Timestamps: [start], Values: [4], StatusCode: 'Complete', ...fields },
    ],
    Messages: [],
  });

  it.each<[string, (request: AwsRequest) => unknown, string]>([
    ['a negative value', () => result({ Values: [-1] }), 'provider_schema'],
    ['an Id it did not ask for', () => result({ Id: 'q7' }), 'provider_schema'],
    ['2 timestamps and 1 value', () => result({ Timestamps: [start, start + HOUR] }), 'provider_schema'],
    ['a timestamp before the window', () => result({ Timestamps: [start - HOUR] }), 'provider_schema'],
    ['a timestamp off the hour', () => result({ Timestamps: [start + 60] }), 'provider_schema'],
    ['PartialData without NextToken', () => result({ StatusCode: 'PartialData' }), 'provider_schema'],
    [
      'the same NextToken twice',
      () => ({ ...result({ Timestamps: [], Values: [] }), NextToken: 'again' }),
      'provider_schema',
    ],
    ['no MetricDataResults', () => ({ Messages: [] }), 'provider_schema'],
    ['a Forbidden result', () => result({ StatusCode: 'Forbidden' }), 'provider_auth'],
    ['an InternalError result', () => result({ StatusCode: 'InternalError' }), 'provider_unavailable'],
  ])('refuses %s as %s', async (_, handle, code) => {
    const server = await startAwsJsonServer({
      contentType: 'application/x-amz-json-1.0',
      targetPrefix: 'GraniteServiceVersion20100801',
      signingName: 'monitoring',
      handle,
    });
    servers.push(server);
    const read = readMetricData(cloudWatchClient(server.url, 'us-west-2'), {
      region: 'us-west-2',
      requests: [request],
      start,
      end: start + 2 * HOUR,
    });
    await expect(read).rejects.toMatchObject({ name: 'AiSpendError', code });
  });

  it('returns the 2 datapoints of a well-formed answer by bucket start', async () => {
    const server = await startAwsJsonServer({
      contentType: 'application/x-amz-json-1.0',
      targetPrefix: 'GraniteServiceVersion20100801',
      signingName: 'monitoring',
      handle: () => result({ Timestamps: [start, start + HOUR], Values: [4, 7.0000001] }),
    });
    servers.push(server);
    const points = await readMetricData(cloudWatchClient(server.url, 'us-west-2'), {
      region: 'us-west-2',
      requests: [request],
      start,
      end: start + 2 * HOUR,
    });
    expect(points.map((byTime) => [...byTime])).toEqual([
      [
        [start, 4],
        [start + HOUR, 7.0000001],
      ],
    ]);
  });
});

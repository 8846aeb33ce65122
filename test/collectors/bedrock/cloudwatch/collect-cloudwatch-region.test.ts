import { afterEach, describe, expect, it } from 'vitest';
import type { CollectProgress, StreamSummary } from '../../../../src/collectors/collector.js';
import type { BedrockSeries } from '../../../../src/sim/scenario-types.js';
import {
  ACCOUNT_ID,
  DAY,
  HOUR,
  MINUTE,
  NOVA_PRO,
  NOW,
  PROFILE_ARN,
  SMALL_SERIES,
  SONNET_US,
  smallBedrockScenario,
} from '../../../sim/aws/cloudwatch/small-bedrock-scenario.js';
import { MemorySink } from '../../../support/memory-sink.js';
import {
  collect,
  expectedMinutePoints,
  expectedUsage,
  metricDataCalls,
  sims,
  startSim,
  storedPoints,
  storedUsage,
} from './cloudwatch-harness.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

const scenario = smallBedrockScenario();
const EAST = SMALL_SERIES.filter((series) => series.region === 'us-east-1');
const WEST = SMALL_SERIES.filter((series) => series.region === 'us-west-2');
const HOUR_NOW = NOW - (NOW % HOUR);
const MINUTE_NOW = NOW - (NOW % MINUTE);

describe('collectCloudWatchRegion usage', () => {
  it('stores 2 days of hourly usage equal to the scenario hour() sums, the current hour from its minutes', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    const done: StreamSummary[] = [];
    const summaries = await collect(sim, sink, { onStreamDone: (summary) => done.push(summary) });
    const start = HOUR_NOW - 2 * DAY;
    const expected = expectedUsage(scenario, EAST, start, HOUR_NOW + HOUR);
    expect(storedUsage(sink)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(80);
    expect(summaries[0]).toEqual({
      stream: 'usage:us-east-1',
      pages: 1,
      facts: expected.length,
      from: start,
      to: HOUR_NOW + HOUR,
    });
    expect(done.map((summary) => summary.stream)).toEqual(['usage:us-east-1', 'metrics:us-east-1']);
    expect(sink.pages[0]?.buckets).toHaveLength(49);
  });

  it('stamps account, region, profile, tags and billing scope on facts of the application profile', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink);
    const profileFact = [...sink.usage.values()].find((fact) => fact.dims.inferenceProfile === PROFILE_ARN);
    expect(profileFact?.dims).toEqual({
      source: 'bedrock',
      accountId: ACCOUNT_ID,
      region: 'us-east-1',
      model: 'anthropic.claude-sonnet-4-6',
      inferenceProfile: PROFILE_ARN,
      tags: { team: 'search', feature: 'ask-docs' },
      billingScope: 'team=search',
    });
    const sonnetFact = [...sink.usage.values()].find((fact) => fact.dims.model === SONNET_US);
    expect(sonnetFact?.dims).toEqual({
      source: 'bedrock',
      accountId: ACCOUNT_ID,
      region: 'us-east-1',
      model: SONNET_US,
    });
  });

  it('reads cache tokens under both spellings: CacheReadInputTokenCount for sonnet, CacheReadInputTokens for the profile', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink);
    const cacheQueries = metricDataCalls(sim)
      .filter((call) => call.period === HOUR)
      .flatMap((call) => call.queries)
      .map((query) => `${query.MetricStat.Metric.MetricName} ${query.MetricStat.Metric.Dimensions[0]?.Value}`)
      .filter((name) => name.startsWith('Cache'));
    expect(cacheQueries.sort()).toEqual([
      `CacheReadInputTokenCount ${SONNET_US}`,
      `CacheReadInputTokens ${PROFILE_ARN}`,
      `CacheWriteInputTokenCount ${SONNET_US}`,
      `CacheWriteInputTokens ${PROFILE_ARN}`,
    ]);
    const profileCacheRead = storedUsage(sink)
      .filter((fact) => fact.modelId === PROFILE_ARN)
      .reduce((total, fact) => total + fact.tokens.cacheRead, 0);
    expect(profileCacheRead).toBeGreaterThan(10_000);
  });

  it('keeps the cursors at the current hour and the current minute', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink);
    expect(sink.cursor('bedrock', 'usage:us-east-1')).toBe(HOUR_NOW);
    expect(sink.cursor('bedrock', 'metrics:us-east-1')).toBe(MINUTE_NOW);
  });

  it('gives a us-west-2 client only the us-west-2 series, with no TTFT points for its non-streaming model', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink, { region: 'us-west-2' });
    expect(storedUsage(sink)).toEqual(expectedUsage(scenario, WEST, HOUR_NOW - 2 * DAY, HOUR_NOW + HOUR));
    expect(new Set([...sink.usage.values()].map((fact) => `${fact.dims.region} ${fact.dims.model}`))).toEqual(
      new Set([`us-west-2 ${NOVA_PRO}`]),
    );
    const points = storedPoints(sink);
    expect(new Set(points.map((point) => point.model))).toEqual(new Set([NOVA_PRO]));
    expect(points.filter((point) => point.metric === 'TimeToFirstToken')).toEqual([]);
    expect(new Set(sim.requests.map((request) => request.region))).toEqual(new Set(['us-west-2']));
  });
});

describe('collectCloudWatchRegion metrics', () => {
  it('stores a point per minute with data over the first day and none for the minutes without', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    const summaries = await collect(sim, sink);
    const expected = expectedMinutePoints(scenario, EAST, MINUTE_NOW - DAY, MINUTE_NOW + MINUTE);
    expect(storedPoints(sink)).toEqual(expected);
    const ttftMinutes = expected.filter(
      (point) => point.metric === 'TimeToFirstToken' && point.stat === 'p90',
    );
    const callMinutes = expected.filter((point) => point.metric === 'Invocations');
    expect(callMinutes.length).toBeLessThan(2 * 1_441);
    expect(ttftMinutes.length).toBeLessThan(callMinutes.length);
    expect(summaries[1]?.facts).toBe(expected.length);
  });

  it('stores the same facts and points when the same pass runs twice', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink);
    const first = {
      usage: storedUsage(sink),
      points: storedPoints(sink),
      dims: [...sink.usage.keys()].sort(),
    };
    await collect(sim, sink);
    expect({
      usage: storedUsage(sink),
      points: storedPoints(sink),
      dims: [...sink.usage.keys()].sort(),
    }).toEqual(first);
  });

  it('asks a pass 5 minutes later only for the 3-hour usage repoll and the 15-minute metric lookback', async () => {
    const sim = await startSim(scenario);
    const sink = new MemorySink();
    await collect(sim, sink);
    const before = sim.requests.length;
    const later = NOW + 5 * MINUTE;
    await collect(sim, sink, { now: later });
    const calls = metricDataCalls({ ...sim, requests: sim.requests.slice(before) });
    const laterHour = later - (later % HOUR);
    const laterMinute = later - (later % MINUTE);
    expect(calls.map(({ start, end, period }) => ({ start, end, period }))).toEqual([
      { start: laterHour - 3 * HOUR, end: laterHour + HOUR, period: HOUR },
      { start: laterMinute - 15 * MINUTE, end: laterMinute + MINUTE, period: MINUTE },
    ]);
  });

  it('reads a 70-day backfill as hours beyond 63 days, 5 minutes beyond 15 days and minutes after', async () => {
    const westOnly = smallBedrockScenario({ series: WEST });
    const sim = await startSim(westOnly);
    const sink = new MemorySink();
    const progress: CollectProgress[] = [];
    await collect(sim, sink, {
      region: 'us-west-2',
      since: NOW - 70 * DAY,
      onProgress: (one) => progress.push(one),
    });
    const metricCalls = metricDataCalls(sim).filter((call) => call.queries.length === 9);
    expect(
      metricCalls.map((call) => call.period).filter((period, i, all) => all.indexOf(period) === i),
    ).toEqual([HOUR, 300, MINUTE]);
    expect(metricCalls[0]?.start).toBe(HOUR_NOW - 70 * DAY);
    const points = storedPoints(sink);
    const fiveMinute = points.find((point) => point.bucketSeconds === 300 && point.metric === 'Invocations');
    const nova = WEST[0] as BedrockSeries;
    const fiveMinuteSum = [0, 1, 2, 3, 4].reduce(
      (total, i) =>
        total + (westOnly.minute(nova, (fiveMinute?.bucketStart ?? 0) + i * MINUTE)?.invocations ?? 0),
      0,
    );
    expect(fiveMinute?.value).toBe(fiveMinuteSum);
    const hourly = points.find((point) => point.bucketSeconds === HOUR && point.metric === 'InputTokenCount');
    expect(hourly).toBeUndefined();
    expect(sink.cursor('bedrock', 'metrics:us-west-2')).toBe(MINUTE_NOW);
    expect(sink.cursor('bedrock', 'usage:us-west-2')).toBe(HOUR_NOW);
    const last = (stream: string) => progress.filter((one) => one.stream === stream).at(-1);
    expect(last('usage:us-west-2')).toMatchObject({
      source: 'bedrock',
      done: 70 * DAY + HOUR,
      total: 70 * DAY + HOUR,
    });
    expect(last('metrics:us-west-2')?.done).toBe(last('metrics:us-west-2')?.total);
  });
});

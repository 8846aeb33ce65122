import { afterEach, describe, expect, it } from 'vitest';
import { VERTEX_WORKLOADS, vertexHour } from '../../../../src/sim/scenario/vertex/vertex-workloads.js';
import {
  DAY,
  HOUR,
  hourSums,
  MINUTE,
  MOBILE,
  NOW,
  PLATFORM,
  sims,
  startSim,
} from '../../../sim/google/monitoring/monitoring-harness.js';
import { MemorySink } from '../../../support/memory-sink.js';
import { collect, pointsOf } from './vertex-monitoring-harness.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('collectMetricsStreams', () => {
  it('stores per-minute Invocations and InvocationThrottles Sums of the last day equal to the minutes served and refused', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const day = hourSums(VERTEX_WORKLOADS, NOW - DAY, NOW);
    const sum = (points: Array<{ value: number }>) => points.reduce((total, point) => total + point.value, 0);
    const throttles = pointsOf(sink, 'InvocationThrottles', 'Sum');
    expect(sum(throttles)).toBe(day.throttled);
    expect(day.throttled).toBeGreaterThan(50);
    expect(sum(pointsOf(sink, 'Invocations', 'Sum'))).toBe(day.requests - day.throttled);
    expect(new Set(throttles.map((point) => point.bucketSeconds))).toEqual(new Set([MINUTE]));
    expect(Math.min(...throttles.map((point) => point.bucketStart))).toBeGreaterThanOrEqual(NOW - DAY);
    expect(throttles.every((point) => point.value > 0)).toBe(true);
  });

  it('stores per-minute input tokens of the last day as EstimatedTPMQuotaUsage, cache reads left out', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const day = hourSums(VERTEX_WORKLOADS, NOW - DAY, NOW);
    const usage = pointsOf(sink, 'EstimatedTPMQuotaUsage', 'Sum');
    expect(usage.reduce((total, point) => total + point.value, 0)).toBe(day.input);
    expect(day.cachedInput).toBeGreaterThan(0);
    expect(new Set(usage.map((point) => point.bucketSeconds))).toEqual(new Set([MINUTE]));
    expect(new Set(usage.map((point) => point.model))).toContain('claude-sonnet-4-5@20250929');
  });

  it('stores TimeToFirstToken p50 and p90 per minute within 10% of the hour the simulator generated', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const minute = NOW - 2 * HOUR + 17 * MINUTE;
    const hour = vertexHour(MOBILE, NOW - 2 * HOUR);
    const at = (stat: string) =>
      pointsOf(sink, 'TimeToFirstToken', stat).find(
        (point) => point.bucketStart === minute && point.model === 'gemini-2.5-flash',
      );
    expect(at('p50')).toMatchObject({ region: 'europe-west4', source: 'vertex', bucketSeconds: MINUTE });
    expect(Math.abs((at('p50')?.value ?? 0) / hour.ttftP50Ms - 1)).toBeLessThan(0.1);
    expect(Math.abs((at('p90')?.value ?? 0) / hour.ttftP90Ms - 1)).toBeLessThan(0.1);
    expect(at('p90')?.value ?? 0).toBeGreaterThan(at('p50')?.value ?? 0);
  });

  it('writes no point for a minute without calls: a quiet night minute of platform has none', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const nightHour = NOW - 10 * HOUR; // 02:00 UTC
    const night = vertexHour(PLATFORM, nightHour);
    const minutesWithCalls = new Set(
      pointsOf(sink, 'Invocations', 'Sum')
        .filter(
          (point) =>
            point.model === 'claude-sonnet-4-5@20250929' &&
            point.bucketStart >= nightHour &&
            point.bucketStart < nightHour + HOUR,
        )
        .map((point) => point.bucketStart),
    );
    expect(night.requests - night.throttled).toBeLessThan(60);
    expect(minutesWithCalls.size).toBe(night.requests - night.throttled);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { collectVertexMonitoring } from '../../../../src/collectors/vertex/monitoring/collect-vertex-monitoring.js';
import { VERTEX_WORKLOADS, vertexHour } from '../../../../src/sim/scenario/vertex/vertex-workloads.js';
import {
  DAY,
  GROWTH,
  HOUR,
  hourSums,
  MINUTE,
  MOBILE,
  monitoringClient,
  NOW,
  PLATFORM,
  PROJECTS,
  sims,
  startSim,
} from '../../../sim/google/monitoring/monitoring-harness.js';
import { MemorySink } from '../../../support/memory-sink.js';
import { collect, failure } from './vertex-monitoring-harness.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('collectVertexMonitoring usage', () => {
  it('stores 3 days of hourly usage of 3 projects whose token and request totals equal vertexHour sums', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const expected = hourSums(VERTEX_WORKLOADS, NOW - 3 * DAY, NOW);
    expect(sink.usageTotals()).toEqual({
      uncachedInput: expected.input,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: expected.cachedInput,
      output: expected.output,
      requests: expected.requests - expected.throttled,
    });
    expect(expected.input).toBeGreaterThan(100_000_000);
    expect(sink.usage.size).toBe(3 * 72);
  });

  it('keys each fact by project, location and model with the project billing scope', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const hour = NOW - 5 * HOUR;
    const facts = [...sink.usage.values()].filter((fact) => fact.bucketStart === hour);
    expect(
      facts.map((fact) => fact.dims).sort((a, b) => (a.model ?? '').localeCompare(b.model ?? '')),
    ).toEqual([
      {
        source: 'vertex',
        projectId: 'acme-platform-prod',
        region: 'us-east5',
        model: 'claude-sonnet-4-5@20250929',
        billingScope: 'vertex|acme-platform-prod',
      },
      {
        source: 'vertex',
        projectId: 'acme-mobile-prod',
        region: 'europe-west4',
        model: 'gemini-2.5-flash',
        billingScope: 'vertex|acme-mobile-prod',
      },
      {
        source: 'vertex',
        projectId: 'acme-growth-prod',
        region: 'us-central1',
        model: 'gemini-2.5-pro',
        billingScope: 'vertex|acme-growth-prod',
      },
    ]);
    const platform = facts.find((fact) => fact.dims.projectId === PLATFORM.project);
    const platformHour = vertexHour(PLATFORM, hour);
    expect(platform).toMatchObject({
      bucketSeconds: HOUR,
      tokens: {
        uncachedInput: platformHour.inputTokens,
        cacheRead: platformHour.cachedInputTokens,
        output: platformHour.outputTokens,
      },
      requests: platformHour.requests - platformHour.throttled,
    });
  });

  it('writes one page per week of hours holding every project, and moves all 3 usage cursors to the current hour', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    const summaries = await collect(sim, sink);
    const usagePages = sink.pages.filter((page) => page.stream.startsWith('usage:'));
    expect(usagePages.map((page) => [page.stream, page.buckets.length, page.cursor])).toEqual([
      ['usage:acme-growth-prod', 73, NOW],
      ['usage:acme-mobile-prod', 0, NOW],
      ['usage:acme-platform-prod', 0, NOW],
    ]);
    expect(summaries.slice(0, 3)).toEqual(
      PROJECTS.map((project) => ({
        stream: `usage:${project}`,
        pages: 1,
        facts: 72,
        from: NOW - 3 * DAY,
        to: NOW + HOUR,
      })),
    );
  });

  it('changes nothing when re-polled or re-read with since: same 216 facts, same metric points of the last day', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink);
    const first = new Map(sink.usage);
    const firstMetrics = new Map(sink.metrics);
    expect(first.size).toBe(216);
    sim.calls.length = 0;
    await collect(sim, sink);
    // A re-poll reads from the lookback before the cursor: 2 usage and 3 metric reads per project.
    expect(sim.calls).toHaveLength(15);
    expect(sink.usage).toEqual(first);
    expect(sink.metrics).toEqual(firstMetrics);
    await collect(sim, sink, { since: NOW - 3 * DAY });
    expect(sink.usage).toEqual(first);
    // Since also backfills metric points 2 more days back; the day read before is unchanged.
    const lastDay = [...sink.metrics].filter(([, point]) => point.bucketStart >= NOW - DAY);
    expect(new Map(lastDay)).toEqual(firstMetrics);
    expect(sink.usageTotals().output).toBe(hourSums(VERTEX_WORKLOADS, NOW - 3 * DAY, NOW).output);
  });

  it('adds the current hour from its complete minutes and replaces it as more minutes arrive', async () => {
    const sim = await startSim({ now: () => clock });
    let clock = NOW + 20 * MINUTE;
    const sink = new MemorySink();
    await collect(sim, sink, { now: clock });
    const current = () => [...sink.usage.values()].filter((fact) => fact.bucketStart === NOW);
    const outputAt20 = current().reduce((sum, fact) => sum + fact.tokens.output, 0);
    clock = NOW + 50 * MINUTE;
    await collect(sim, sink, { now: clock });
    const outputAt50 = current().reduce((sum, fact) => sum + fact.tokens.output, 0);
    clock = NOW + HOUR + 5 * MINUTE;
    await collect(sim, sink, { now: clock });
    const outputs = current().reduce((sum, fact) => sum + fact.tokens.output, 0);
    expect(outputAt20).toBeGreaterThan(0);
    expect(outputAt50).toBeGreaterThan(outputAt20);
    expect(outputs).toBe(hourSums(VERTEX_WORKLOADS, NOW, NOW + HOUR).output);
    expect(sink.cursors.get('vertex/usage:acme-growth-prod')).toBe(NOW + HOUR);
  });

  it('reads the same facts with 1 series per page as with 1,000', async () => {
    const sim = await startSim();
    const paged = new MemorySink();
    await collect(sim, paged, { pageSize: 1 });
    const whole = new MemorySink();
    await collect(sim, whole);
    expect(paged.usage).toEqual(whole.usage);
    expect(paged.metrics).toEqual(whole.metrics);
    const tokenPages = sim.calls.filter(
      (call) =>
        call.params.pageSize?.[0] === '1' &&
        call.params.filter?.[0]?.includes('token_count') &&
        call.params['aggregation.alignmentPeriod']?.[0] === '3600s',
    );
    // growth: input, cached_input, output; mobile: input, output; platform: 3 — one page each.
    expect(tokenPages).toHaveLength(8);
    expect(tokenPages.filter((call) => call.params.pageToken !== undefined)).toHaveLength(5);
  });

  it('backfills a newly added project without losing the 2 it already had', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    await collect(sim, sink, { projects: [GROWTH.project, MOBILE.project] });
    expect(sink.usage.size).toBe(2 * 72);
    await collect(sim, sink, { now: NOW + 10 * MINUTE });
    expect(sink.usage.size).toBe(3 * 72);
    expect(sink.usageTotals().output).toBe(hourSums(VERTEX_WORKLOADS, NOW - 3 * DAY, NOW).output);
  });
});

describe('collectVertexMonitoring retention', () => {
  it('reads a backfill from 60 days ago only from the 42 days Cloud Monitoring keeps, leaving older facts alone', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    const old = NOW - 50 * DAY;
    sink.writeUsage('vertex', {
      stream: 'usage:acme-growth-prod',
      buckets: [old],
      bucketSeconds: HOUR,
      facts: [
        {
          dims: { source: 'vertex', projectId: GROWTH.project, region: GROWTH.region, model: GROWTH.model },
          bucketStart: old,
          bucketSeconds: HOUR,
          tokens: { uncachedInput: 1, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 1 },
          requests: 1,
        },
      ],
    });
    const summaries = await collectVertexMonitoring(
      { client: monitoringClient(sim), projects: [GROWTH.project], backfillDays: 3, lookbackMinutes: 10 },
      { now: NOW, since: NOW - 60 * DAY, until: NOW - 40 * DAY, sink },
    );
    expect(summaries.map((summary) => [summary.stream, summary.from, summary.to])).toEqual([
      ['usage:acme-growth-prod', NOW - 42 * DAY, NOW - 40 * DAY],
      ['metrics:acme-growth-prod', NOW - 42 * DAY, NOW - 40 * DAY],
    ]);
    expect([...sink.usage.values()].filter((fact) => fact.bucketStart === old)).toHaveLength(1);
    expect(sink.usage.size).toBe(1 + 48);
  });
});

describe('collectVertexMonitoring failures', () => {
  it('fails with provider_auth naming roles/monitoring.viewer and sources.vertex.projects on a 403', async () => {
    const sim = await startSim();
    sim.faults.forbid(MOBILE.project);
    const error = await failure(collect(sim, new MemorySink()));
    expect(error.code).toBe('provider_auth');
    expect(error.message).toContain('acme-mobile-prod');
    expect(error.hint).toContain('roles/monitoring.viewer');
    expect(error.hint).toContain('sources.vertex.projects');
  });

  it('stores nothing for the pages a 403 interrupts, and keeps the pages before it', async () => {
    const sim = await startSim();
    const sink = new MemorySink();
    const done: string[] = [];
    await collect(sim, sink, {
      projects: ['acme-growth-prod'],
      onStreamDone: (summary) => done.push(summary.stream),
    });
    const stored = new Map(sink.usage);
    const error = await failure(
      collect(sim, sink, { projects: ['acme-growth-prod', 'acme-typo-prod'], now: NOW + HOUR }),
    );
    expect(error.code).toBe('provider_auth');
    expect(error.message).toContain('acme-typo-prod');
    expect(sink.usage).toEqual(stored);
    expect(done).toEqual(['usage:acme-growth-prod', 'metrics:acme-growth-prod']);
  });

  it('fails with provider_schema naming the JSON path when a point has no interval', async () => {
    const sim = await startSim();
    sim.faults.malformed(1, 'missing-interval');
    const error = await failure(collect(sim, new MemorySink()));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toBe(
      'Cloud Monitoring token_count of project acme-growth-prod: timeSeries[0].points[0].interval.endTime is missing',
    );
  });

  it('fails with provider_schema when timeSeries is not a list', async () => {
    const sim = await startSim();
    sim.faults.malformed(1, 'not-a-list');
    const error = await failure(collect(sim, new MemorySink()));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain('timeSeries');
  });

  it('fails with provider_unavailable on a 503 and reads on at the next pass', async () => {
    const sim = await startSim();
    sim.faults.unavailable(1);
    const sink = new MemorySink();
    const error = await failure(collect(sim, sink));
    expect(error.code).toBe('provider_unavailable');
    expect(sink.usage.size).toBe(0);
    await collect(sim, sink);
    expect(sink.usage.size).toBe(3 * 72);
  });
});

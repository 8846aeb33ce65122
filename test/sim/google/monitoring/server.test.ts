import type { protos } from '@google-cloud/monitoring';
import { afterEach, describe, expect, it } from 'vitest';
import { TTFT_BUCKETS } from '../../../../src/sim/google/monitoring/ttft-distribution.js';
import { vertexHour } from '../../../../src/sim/scenario/vertex/vertex-workloads.js';
import {
  GROWTH,
  HOUR,
  MINUTE,
  MOBILE,
  monitoringClient,
  NOW,
  PLATFORM,
  sims,
  startSim,
} from './monitoring-harness.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

const PREFIX = 'aiplatform.googleapis.com/publisher/online_serving/';
const filterOf = (metric: string) =>
  `metric.type = "${PREFIX}${metric}" AND resource.type = "aiplatform.googleapis.com/PublisherModel"`;

function listRequest(
  project: string,
  metric: string,
  start: number,
  end: number,
  aggregation?: protos.google.monitoring.v3.IAggregation,
): protos.google.monitoring.v3.IListTimeSeriesRequest {
  return {
    name: `projects/${project}`,
    filter: filterOf(metric),
    interval: { startTime: { seconds: start }, endTime: { seconds: end } },
    ...(aggregation === undefined ? {} : { aggregation }),
  };
}

const hourly = (groupByFields: string[]): protos.google.monitoring.v3.IAggregation => ({
  alignmentPeriod: { seconds: HOUR },
  perSeriesAligner: 'ALIGN_SUM',
  crossSeriesReducer: 'REDUCE_SUM',
  groupByFields,
});

const seconds = (timestamp: protos.google.protobuf.ITimestamp | null | undefined) =>
  Number(timestamp?.seconds);

describe('Cloud Monitoring simulator through @google-cloud/monitoring (REST fallback)', () => {
  it('sums token_count per hour and type to exactly the vertexHour of the growth workload', async () => {
    const sim = await startSim();
    const start = NOW - 6 * HOUR;
    const [series] = await monitoringClient(sim).listTimeSeries(
      listRequest(GROWTH.project, 'token_count', start, NOW, hourly(['metric.labels.type'])),
      { autoPaginate: false },
    );
    expect(series.map((one) => one.metric?.labels?.type)).toEqual(['cached_input', 'input', 'output']);
    const input = series[1];
    expect(input?.resource?.labels).toEqual({});
    expect(input?.metricKind).toBe('DELTA');
    expect(input?.valueType).toBe('INT64');
    expect(input?.points?.map((point) => seconds(point.interval?.startTime))).toEqual(
      [5, 4, 3, 2, 1, 0].map((k) => start + k * HOUR),
    );
    for (const point of input?.points ?? []) {
      const hourStart = seconds(point.interval?.startTime);
      expect(seconds(point.interval?.endTime)).toBe(hourStart + HOUR);
      expect(Number(point.value?.int64Value)).toBe(vertexHour(GROWTH, hourStart).inputTokens);
    }
  });

  it('serves raw per-minute points newest first with every label, 429s apart from 200s', async () => {
    const sim = await startSim();
    const hourStart = NOW - 3 * HOUR;
    const [series] = await monitoringClient(sim).listTimeSeries(
      listRequest(MOBILE.project, 'model_invocation_count', hourStart, hourStart + HOUR),
      { autoPaginate: false },
    );
    expect(series.map((one) => one.metric?.labels)).toEqual([
      { response_code: '200', request_type: 'shared' },
      { response_code: '429', request_type: 'shared' },
    ]);
    expect(series[0]?.resource?.labels).toEqual({
      resource_container: 'acme-mobile-prod',
      location: 'europe-west4',
      publisher: 'google',
      model_user_id: 'gemini-2.5-flash',
      model_version_id: '',
    });
    const served = series[0]?.points ?? [];
    expect(served).toHaveLength(60);
    expect(seconds(served[0]?.interval?.startTime)).toBe(hourStart + 59 * MINUTE);
    const hour = vertexHour(MOBILE, hourStart);
    const total = (points: typeof served) =>
      points.reduce((sum, point) => sum + Number(point.value?.int64Value), 0);
    expect(total(served)).toBe(hour.requests - hour.throttled);
    expect(total(series[1]?.points ?? [])).toBe(hour.throttled);
  });

  it('answers first_token_latencies as ms distributions over exponential buckets, counting the served calls', async () => {
    const sim = await startSim();
    const hourStart = NOW - 2 * HOUR;
    const [series] = await monitoringClient(sim).listTimeSeries(
      listRequest(
        PLATFORM.project,
        'first_token_latencies',
        hourStart,
        hourStart + HOUR,
        hourly(['resource.labels.model_user_id']),
      ),
      { autoPaginate: false },
    );
    expect(series).toHaveLength(1);
    expect(series[0]?.unit).toBe('ms');
    expect(series[0]?.valueType).toBe('DISTRIBUTION');
    const value = series[0]?.points?.[0]?.value?.distributionValue;
    const hour = vertexHour(PLATFORM, hourStart);
    expect(Number(value?.count)).toBe(hour.requests - hour.throttled);
    expect(value?.bucketOptions?.exponentialBuckets).toEqual(TTFT_BUCKETS);
    expect(value?.bucketCounts?.reduce((sum: number, one) => sum + Number(one), 0)).toBe(
      Number(value?.count),
    );
    expect(value?.mean).toBeGreaterThan(hour.ttftP50Ms * 0.9);
  });

  it('pages 1 series at a time and refuses a page token replayed with another filter', async () => {
    const sim = await startSim();
    const client = monitoringClient(sim);
    const request = {
      ...listRequest(GROWTH.project, 'token_count', NOW - HOUR, NOW, hourly(['metric.labels.type'])),
      pageSize: 1,
    };
    const [first, next] = await client.listTimeSeries(request, { autoPaginate: false });
    expect(first.map((one) => one.metric?.labels?.type)).toEqual(['cached_input']);
    expect(next?.pageToken).toMatch(/.+/);
    const [second] = await client.listTimeSeries(
      { ...request, pageToken: next?.pageToken ?? '' },
      { autoPaginate: false },
    );
    expect(second.map((one) => one.metric?.labels?.type)).toEqual(['input']);
    const replayed = client.listTimeSeries(
      { ...request, filter: filterOf('model_invocation_count'), pageToken: next?.pageToken ?? '' },
      { autoPaginate: false },
    );
    await expect(replayed).rejects.toMatchObject({ status: 400 });
    const [all] = await client.listTimeSeries(request);
    expect(all).toHaveLength(3);
  });

  it('records what the client sent: the filter, RFC 3339 interval, aggregation enums as numbers, int enum encoding', async () => {
    const sim = await startSim();
    await monitoringClient(sim).listTimeSeries(
      listRequest(GROWTH.project, 'token_count', NOW - HOUR, NOW, hourly(['metric.labels.type'])),
      { autoPaginate: false },
    );
    expect(sim.calls[0]).toEqual({
      method: 'GET',
      path: '/v3/projects/acme-growth-prod/timeSeries',
      project: 'acme-growth-prod',
      params: {
        filter: [filterOf('token_count')],
        'interval.endTime': ['2026-11-25T12:00:00.000Z'],
        'interval.startTime': ['2026-11-25T11:00:00.000Z'],
        'aggregation.groupByFields': ['metric.labels.type'],
        'aggregation.alignmentPeriod': ['3600s'],
        'aggregation.perSeriesAligner': ['14'],
        'aggregation.crossSeriesReducer': ['4'],
        $alt: ['json;enum-encoding=int'],
      },
      status: 200,
    });
  });

  it('has no data for minutes that end after now', async () => {
    const sim = await startSim({ now: NOW + 10 * MINUTE + 30 });
    const [series] = await monitoringClient(sim).listTimeSeries(
      listRequest(GROWTH.project, 'token_count', NOW, NOW + HOUR),
      { autoPaginate: false },
    );
    expect(series.map((one) => one.points?.length)).toEqual([10, 10, 10]);
  });
});

/** The parts of a JSON answer the assertions read. */
interface JsonBody {
  timeSeries?: Array<{
    metricKind?: unknown;
    valueType?: unknown;
    points?: Array<{ value?: { int64Value?: string } }>;
  }>;
  error?: unknown;
}

describe('Cloud Monitoring simulator over raw HTTP', () => {
  const get = async (
    url: string,
    query: Record<string, string>,
    headers: Record<string, string> = { authorization: 'Bearer t' },
  ) => {
    const response = await fetch(`${url}?${new URLSearchParams(query)}`, { headers });
    return { status: response.status, body: (await response.json()) as JsonBody };
  };
  const base = {
    filter: filterOf('token_count'),
    'interval.startTime': '2026-11-25T11:00:00Z',
    'interval.endTime': '2026-11-25T12:00:00Z',
  };

  it('answers enum names without enum-encoding=int and numbers with it', async () => {
    const sim = await startSim();
    const url = `${sim.url}/v3/projects/${GROWTH.project}/timeSeries`;
    const named = await get(url, base);
    expect(named.body.timeSeries?.[0]).toMatchObject({ metricKind: 'DELTA', valueType: 'INT64' });
    const numbered = await get(url, { ...base, $alt: 'json;enum-encoding=int' });
    expect(numbered.body.timeSeries?.[0]).toMatchObject({ metricKind: 2, valueType: 2 });
    expect(numbered.body.timeSeries?.[0]?.points?.[0]?.value?.int64Value).toMatch(/^\d+$/);
  });

  it.each([
    ['no bearer token', base, {}, 401, 'UNAUTHENTICATED'],
    ['an unknown project', base, undefined, 403, 'PERMISSION_DENIED'],
    [
      'a filter without metric.type',
      { ...base, filter: 'resource.type = "x"' },
      undefined,
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'a filter with OR',
      { ...base, filter: `${filterOf('token_count')} OR metric.type = "y"` },
      undefined,
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'ALIGN_MEAN, which it does not model',
      { ...base, 'aggregation.alignmentPeriod': '60s', 'aggregation.perSeriesAligner': '12' },
      undefined,
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'an alignment period of 30s',
      { ...base, 'aggregation.alignmentPeriod': '30s', 'aggregation.perSeriesAligner': '14' },
      undefined,
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'a reducer without an aligner',
      { ...base, 'aggregation.crossSeriesReducer': '4' },
      undefined,
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'a start after the end',
      { ...base, 'interval.startTime': '2026-11-25T13:00:00Z' },
      undefined,
      400,
      'INVALID_ARGUMENT',
    ],
  ])('answers %s with %i %s', async (_, query, headers, status, googleStatus) => {
    const sim = await startSim();
    const project = googleStatus === 'PERMISSION_DENIED' ? 'acme-unknown' : GROWTH.project;
    const answer = await get(`${sim.url}/v3/projects/${project}/timeSeries`, query, headers);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code: status, status: googleStatus });
    expect(sim.calls[0]?.status).toBe(status);
  });

  it('answers a metric it does not serve with no series', async () => {
    const sim = await startSim();
    const answer = await get(`${sim.url}/v3/projects/${GROWTH.project}/timeSeries`, {
      ...base,
      filter: filterOf('consumed_throughput'),
    });
    expect(answer).toEqual({
      status: 200,
      body: { timeSeries: [], nextPageToken: '', unit: '', executionErrors: [] },
    });
  });
});

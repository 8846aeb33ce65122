import { describe, expect, it } from 'vitest';
import { mapMetricPoints } from '../../../../src/collectors/vertex/monitoring/map-metric-points.js';
import { count, distribution, series, T0 } from './series-builders.js';

const WINDOW = { start: T0, end: T0 + 3_600, bucketSeconds: 60 };
const SONNET = 'claude-sonnet-4-5@20250929';

describe('mapMetricPoints', () => {
  it('computes TimeToFirstToken p50 300 ms and p90 640 ms from 2 projects whose distributions merge', () => {
    const bounds = [100, 200, 400, 800];
    const points = mapMetricPoints(
      [
        {
          project: 'a',
          invocations: [],
          firstTokenLatencies: [series({}, [[T0, distribution(bounds, [0, 10, 5])]], { unit: 'ms' })],
        },
        {
          project: 'b',
          invocations: [],
          firstTokenLatencies: [series({}, [[T0, distribution(bounds, [0, 0, 15, 10])]], { unit: 'ms' })],
        },
      ],
      WINDOW,
    );
    expect(points).toEqual([
      {
        region: 'us-east5',
        model: SONNET,
        metric: 'TimeToFirstToken',
        stat: 'p50',
        bucketStart: T0,
        bucketSeconds: 60,
        value: 300,
      },
      {
        region: 'us-east5',
        model: SONNET,
        metric: 'TimeToFirstToken',
        stat: 'p90',
        bucketStart: T0,
        bucketSeconds: 60,
        value: 640,
      },
    ]);
  });

  it('names counts by response code as Bedrock does: 200 → Invocations, 429 → InvocationThrottles, 400 and 503 → errors', () => {
    const points = mapMetricPoints(
      [
        {
          project: 'a',
          invocations: [
            series({ response_code: '200' }, [
              [T0, count(40)],
              [T0 + 60, count(38)],
            ]),
            series({ response_code: '429' }, [[T0 + 60, count(3)]]),
            series({ response_code: '400' }, [[T0, count(1)]]),
            series({ response_code: '503' }, [[T0, count(2)]]),
          ],
          firstTokenLatencies: [],
        },
        {
          project: 'b',
          invocations: [series({ response_code: '200' }, [[T0, count(2)]])],
          firstTokenLatencies: [],
        },
      ],
      WINDOW,
    );
    expect(points.map((point) => [point.metric, point.bucketStart - T0, point.value])).toEqual([
      ['Invocations', 0, 42],
      ['InvocationClientErrors', 0, 1],
      ['InvocationServerErrors', 0, 2],
      ['Invocations', 60, 38],
      ['InvocationThrottles', 60, 3],
    ]);
    expect(new Set(points.map((point) => point.stat))).toEqual(new Set(['Sum']));
  });

  it('writes no TimeToFirstToken point for a minute whose distribution counted no calls', () => {
    const empty = {
      distributionValue: {
        count: '0',
        bucketOptions: { explicitBuckets: { bounds: [100] } },
        bucketCounts: [],
      },
    };
    const points = mapMetricPoints(
      [{ project: 'a', invocations: [], firstTokenLatencies: [series({}, [[T0, empty]], { unit: 'ms' })] }],
      WINDOW,
    );
    expect(points).toEqual([]);
  });

  it('refuses latencies in seconds with the path of the unit', () => {
    expect(() =>
      mapMetricPoints(
        [
          {
            project: 'a',
            invocations: [],
            firstTokenLatencies: [series({}, [[T0, distribution([1], [1])]], { unit: 's' })],
          },
        ],
        WINDOW,
      ),
    ).toThrow('Cloud Monitoring first_token_latencies of project a: timeSeries[0].unit is "s", not ms');
  });

  it('refuses a point that is not one aligned minute of the window', () => {
    expect(() =>
      mapMetricPoints(
        [
          {
            project: 'a',
            invocations: [series({ response_code: '200' }, [[T0 + 30, count(1)]])],
            firstTokenLatencies: [],
          },
        ],
        WINDOW,
      ),
    ).toThrow(/timeSeries\[0\]\.points\[0\]\.interval \(\d+ to \d+\) is not a 60-s period/);
  });
});

import { describe, expect, it } from 'vitest';
import { mapUsageFacts } from '../../../../src/collectors/vertex/monitoring/map-usage-facts.js';
import { count, series, T0 } from './series-builders.js';

const WINDOW = { start: T0, end: T0 + 2 * 3_600, bucketSeconds: 3_600 };
const HOURLY = { period: 3_600 };

describe('mapUsageFacts', () => {
  it('sums input, cached_input and output tokens and answered calls into one fact per hour', () => {
    const facts = mapUsageFacts(
      {
        project: 'acme-platform-prod',
        tokens: [
          series({ type: 'input', request_type: 'shared' }, [[T0, count(5_000)]], HOURLY),
          series({ type: 'cached_input', request_type: 'shared' }, [[T0, count(12_000)]], HOURLY),
          series({ type: 'output', request_type: 'shared' }, [[T0, count(900)]], HOURLY),
        ],
        invocations: [
          series({ response_code: '200', request_type: 'shared' }, [[T0, count(9)]], HOURLY),
          series({ response_code: '429', request_type: 'shared' }, [[T0, count(4)]], HOURLY),
          series({ response_code: '500', request_type: 'shared' }, [[T0, count(2)]], HOURLY),
        ],
      },
      WINDOW,
    );
    expect(facts).toEqual([
      {
        dims: {
          source: 'vertex',
          projectId: 'acme-platform-prod',
          region: 'us-east5',
          model: 'claude-sonnet-4-5@20250929',
          billingScope: 'vertex|acme-platform-prod',
        },
        bucketStart: T0,
        bucketSeconds: 3_600,
        tokens: { uncachedInput: 5_000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 12_000, output: 900 },
        requests: 9,
      },
    ]);
  });

  it('keeps Provisioned Throughput (request_type dedicated) apart as service tier provisioned_throughput', () => {
    const facts = mapUsageFacts(
      {
        project: 'p',
        tokens: [
          series({ type: 'input', request_type: 'shared' }, [[T0, count(10)]], {
            ...HOURLY,
            modelUserId: 'gemini-2.5-pro',
            modelVersionId: '',
          }),
          series({ type: 'input', request_type: 'dedicated' }, [[T0, count(30)]], {
            ...HOURLY,
            modelUserId: 'gemini-2.5-pro',
            modelVersionId: '',
          }),
        ],
        invocations: [],
      },
      WINDOW,
    );
    expect(
      facts.map((fact) => [fact.dims.model, fact.dims.serviceTier, fact.tokens.uncachedInput, fact.requests]),
    ).toEqual([
      ['gemini-2.5-pro', undefined, 10, null],
      ['gemini-2.5-pro', 'provisioned_throughput', 30, null],
    ]);
  });

  it('writes no fact for an hour with only refused calls', () => {
    const facts = mapUsageFacts(
      {
        project: 'p',
        tokens: [],
        invocations: [series({ response_code: '429' }, [[T0 + 3_600, count(7)]], HOURLY)],
      },
      WINDOW,
    );
    expect(facts).toEqual([]);
  });

  it.each([
    {
      problem: 'a token type it does not know',
      input: { tokens: [series({ type: 'thinking' }, [[T0, count(1)]], HOURLY)], invocations: [] },
      message:
        'Cloud Monitoring token_count of project p: timeSeries[0].metric.labels.type is "thinking", not input, cached_input or output',
    },
    {
      problem: 'a series without location',
      input: {
        tokens: [
          {
            ...series({ type: 'input' }, [[T0, count(1)]], HOURLY),
            resource: { labels: { model_user_id: 'm' } },
          },
        ],
        invocations: [],
      },
      message: 'Cloud Monitoring token_count of project p: timeSeries[0].resource.labels.location is missing',
    },
    {
      problem: 'a count that is a distribution',
      input: {
        tokens: [series({ type: 'output' }, [[T0, { distributionValue: { count: '1' } }]], HOURLY)],
        invocations: [],
      },
      message:
        'Cloud Monitoring token_count of project p: timeSeries[0].points[0].value is not a non-negative int64Value',
    },
    {
      problem: 'a response code that is not 3 digits',
      input: { tokens: [], invocations: [series({ response_code: 'OK' }, [[T0, count(1)]], HOURLY)] },
      message:
        'Cloud Monitoring model_invocation_count of project p: timeSeries[0].metric.labels.response_code is "OK"',
    },
    {
      problem: 'a point after the window',
      input: { tokens: [series({ type: 'input' }, [[T0 + 7_200, count(1)]], HOURLY)], invocations: [] },
      message: `Cloud Monitoring token_count of project p: timeSeries[0].points[0].interval (${T0 + 7_200} to ${T0 + 10_800}) is not a 3600-s period of ${T0} to ${T0 + 7_200}`,
    },
  ])('fails with provider_schema and the path on $problem', ({ input, message }) => {
    expect(() => mapUsageFacts({ project: 'p', ...input }, WINDOW)).toThrow(message);
  });
});

import type { BedrockPeriodStats, BedrockScenario, BedrockSeries } from '../../scenario-types.js';
import { BEDROCK_NAMESPACE, MODEL_ID_DIMENSION, metricValue } from './bedrock-metrics.js';
import {
  type MetricDataRequest,
  type MetricQuery,
  readMetricDataRequest,
  retentionGranularity,
} from './metric-data-request.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { periodStats, RETENTION_SECONDS } from './period-stats.js';

export interface GetMetricDataContext {
  scenario: Pick<BedrockScenario, 'minute' | 'hour'>;
  /** The series of the region the request was signed for. */
  series: BedrockSeries[];
  now: number;
  /** CloudWatch's cap on datapoints per call (100,800); beyond it results are `PartialData`. */
  maxDatapointsPerCall: number;
}

interface MetricDataResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
  Messages: [];
}

/**
 * Answers `GetMetricData` from the scenario: one datapoint per period that has data (periods
 * without data are absent, never zero), timestamps in epoch seconds ordered by `ScanBy`. When the
 * datapoints of the call exceed the cap, results that continue are `PartialData` and a
 * `NextToken` resumes the identical request.
 */
export function getMetricData(
  body: Record<string, unknown>,
  { scenario, series, now, maxDatapointsPerCall }: GetMetricDataContext,
): { MetricDataResults: MetricDataResult[]; Messages: []; NextToken?: string } {
  const request = readMetricDataRequest(body, now);
  const offset = decodeNextToken(body);
  const byModelId = new Map(series.map((one) => [one.modelId, one]));
  const statsCache = new Map<string, BedrockPeriodStats | null>();
  const limit = Math.min(request.maxDatapoints ?? Number.POSITIVE_INFINITY, maxDatapointsPerCall);
  const results: MetricDataResult[] = [];
  let seen = 0;
  for (const query of request.queries) {
    if (!query.returnData) continue;
    const points = queryPoints(query, request, { scenario, byModelId, now, statsCache });
    const from = Math.min(Math.max(offset - seen, 0), points.length);
    const to = Math.min(Math.max(offset + limit - seen, 0), points.length);
    const shown = points.slice(from, to);
    results.push({
      Id: query.id,
      Label: query.label,
      Timestamps: shown.map(([time]) => time),
      Values: shown.map(([, value]) => value),
      StatusCode: to < points.length ? 'PartialData' : 'Complete',
      Messages: [],
    });
    seen += points.length;
  }
  const next = offset + limit;
  return next < seen
    ? { MetricDataResults: results, Messages: [], NextToken: encodeNextToken(next, body) }
    : { MetricDataResults: results, Messages: [] };
}

function queryPoints(
  query: MetricQuery,
  request: MetricDataRequest,
  context: {
    scenario: GetMetricDataContext['scenario'];
    byModelId: Map<string, BedrockSeries>;
    now: number;
    statsCache: Map<string, BedrockPeriodStats | null>;
  },
): Array<[number, number]> {
  const [dimension, ...others] = query.dimensions;
  if (query.namespace !== BEDROCK_NAMESPACE || dimension?.Name !== MODEL_ID_DIMENSION || others.length > 0) {
    return [];
  }
  const series = context.byModelId.get(dimension.Value);
  if (series === undefined) return [];
  // CloudWatch rounds StartTime down to the resolution it still keeps for data that old.
  const granularity = retentionGranularity(request.startTime, context.now);
  const rounded = request.startTime - (request.startTime % granularity);
  // A bucket that starts before the retention horizon has expired, even if part of it is younger.
  const oldest = context.now - RETENTION_SECONDS;
  const first =
    rounded >= oldest ? rounded : rounded + Math.ceil((oldest - rounded) / query.period) * query.period;
  const points: Array<[number, number]> = [];
  for (let bucket = first; bucket < request.endTime; bucket += query.period) {
    const key = `${series.modelId}|${bucket}|${query.period}`;
    let stats = context.statsCache.get(key);
    if (stats === undefined) {
      stats = periodStats(context.scenario, series, {
        start: bucket,
        end: bucket + query.period,
        now: context.now,
        useHours: query.period % 3_600 === 0,
      });
      context.statsCache.set(key, stats);
    }
    if (stats === null) continue;
    const value = metricValue(series, stats, query.metricName, query.stat);
    if (value !== undefined) points.push([bucket, value]);
  }
  return request.scanBy === 'TimestampDescending' ? points.reverse() : points;
}

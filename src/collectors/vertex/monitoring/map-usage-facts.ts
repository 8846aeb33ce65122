import type { FactDimensions, TokenCounts, UsageFact } from '../../../core/facts.js';
import {
  alignedPoints,
  countValue,
  metricLabel,
  monitoringSchemaError,
  type SeriesWindow,
  seriesModel,
  type TimeSeries,
} from './series-points.js';

/** One project's hourly `token_count` and `model_invocation_count` series over one window. */
export interface ProjectUsageSeries {
  project: string;
  /** Grouped by location, model, version, `type` and `request_type`. */
  tokens: TimeSeries[];
  /** Grouped by location, model, version, `response_code` and `request_type`. */
  invocations: TimeSeries[];
}

/**
 * `token_count` types and the token kind each is priced as. `input` is the prompt without cache
 * reads; `cached_input` the prompt read from Vertex's context cache.
 */
const TOKEN_TYPES: Record<string, keyof TokenCounts> = {
  input: 'uncachedInput',
  cached_input: 'cacheRead',
  output: 'output',
};

/**
 * Usage facts per (location, model, request type) and bucket of one project. `requests` counts
 * the calls Vertex answered (status below 400; refusals and errors are signals, not usage) and is
 * `null` when the hour has tokens but no such invocation datapoint. An hour with neither tokens nor answered
 * calls has no fact.
 */
export function mapUsageFacts(
  { project, tokens, invocations }: ProjectUsageSeries,
  window: SeriesWindow,
): UsageFact[] {
  const facts = new Map<string, UsageFact>();
  const factAt = (
    series: TimeSeries,
    index: number,
    site: { project: string; metric: string },
    bucketStart: number,
  ) => {
    const { location, model } = seriesModel(series, index, site);
    const serviceTier = serviceTierOf(metricLabel(series, 'request_type'));
    const key = JSON.stringify([location, model, serviceTier ?? '', bucketStart]);
    let fact = facts.get(key);
    if (fact === undefined) {
      const dims: FactDimensions = {
        source: 'vertex',
        projectId: project,
        region: location,
        model,
        billingScope: `vertex|${project}`,
      };
      if (serviceTier !== undefined) dims.serviceTier = serviceTier;
      fact = {
        dims,
        bucketStart,
        bucketSeconds: window.bucketSeconds,
        tokens: { uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 0 },
        requests: null,
      };
      facts.set(key, fact);
    }
    return fact;
  };

  const tokenSite = { project, metric: 'token_count' };
  tokens.forEach((series, index) => {
    const type = metricLabel(series, 'type');
    const kind = TOKEN_TYPES[type];
    if (kind === undefined) {
      throw monitoringSchemaError(
        tokenSite,
        `timeSeries[${index}].metric.labels.type`,
        `is "${type}", not input, cached_input or output`,
      );
    }
    for (const { bucketStart, point, path } of alignedPoints(series, index, tokenSite, window)) {
      const fact = factAt(series, index, tokenSite, bucketStart);
      fact.tokens[kind] += countValue(point, path, tokenSite);
    }
  });

  const callSite = { project, metric: 'model_invocation_count' };
  invocations.forEach((series, index) => {
    const code = metricLabel(series, 'response_code');
    if (!/^\d{3}$/.test(code)) {
      throw monitoringSchemaError(
        callSite,
        `timeSeries[${index}].metric.labels.response_code`,
        `is "${code}"`,
      );
    }
    if (code >= '400') return;
    for (const { bucketStart, point, path } of alignedPoints(series, index, callSite, window)) {
      const fact = factAt(series, index, callSite, bucketStart);
      fact.requests = (fact.requests ?? 0) + countValue(point, path, callSite);
    }
  });
  return [...facts.values()].sort((a, b) => a.bucketStart - b.bucketStart);
}

/**
 * `request_type` as a service tier: pay-as-you-go (`shared`) is list price; Provisioned Throughput
 * (`dedicated`) is paid by subscription, so its tokens stay unpriced unless `prices.tiers` says otherwise.
 */
function serviceTierOf(requestType: string): string | undefined {
  if (requestType === '' || requestType === 'shared') return undefined;
  return requestType === 'dedicated' ? 'provisioned_throughput' : requestType;
}

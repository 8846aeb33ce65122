import type { AnthropicUsageRecord } from '../scenario-types.js';
import {
  encodePageToken,
  formatTime,
  pageBuckets,
  type ReportKind,
  type ReportQuery,
} from './report-query.js';

export const USAGE_REPORT: ReportKind = {
  defaultWidth: '1d',
  // 1m is not served: the scenario holds hourly records only.
  widths: { '1h': { defaultLimit: 24, maxLimit: 168 }, '1d': { defaultLimit: 7, maxLimit: 31 } },
  groupable: ['api_key_id', 'workspace_id', 'model', 'service_tier', 'context_window', 'inference_geo'],
};

type Dimension =
  | 'model'
  | 'workspace_id'
  | 'api_key_id'
  | 'service_tier'
  | 'context_window'
  | 'inference_geo';

const DIMENSIONS: Record<Dimension, (record: AnthropicUsageRecord) => string | null> = {
  model: (record) => record.model,
  workspace_id: (record) => record.workspaceId,
  api_key_id: (record) => record.apiKeyId,
  service_tier: (record) => record.serviceTier,
  context_window: (record) => record.contextWindow,
  inference_geo: (record) => record.inferenceGeo,
};

interface UsageResult extends Record<Dimension, string | null> {
  uncached_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  server_tool_use: { web_search_requests: number };
}

/**
 * The `/v1/organizations/usage_report/messages` body for one page. `recordsByHour` holds the
 * records served (those inside the scenario), keyed by `hourStart`.
 */
export function buildUsageReport(
  recordsByHour: ReadonlyMap<number, AnthropicUsageRecord[]>,
  query: ReportQuery,
) {
  const { buckets, nextStart } = pageBuckets(query);
  const data = buckets.map((bucketStart) => {
    const groups = new Map<string, UsageResult>();
    for (let hour = bucketStart; hour < bucketStart + query.bucketSeconds; hour += 3_600) {
      for (const record of recordsByHour.get(hour) ?? []) {
        const result = groupFor(groups, record, query.groupBy);
        result.uncached_input_tokens += record.uncachedInputTokens;
        result.cache_read_input_tokens += record.cacheReadInputTokens;
        result.cache_creation.ephemeral_5m_input_tokens += record.cacheCreation5mTokens;
        result.cache_creation.ephemeral_1h_input_tokens += record.cacheCreation1hTokens;
        result.output_tokens += record.outputTokens;
        result.server_tool_use.web_search_requests += record.webSearchRequests;
      }
    }
    const results = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, result]) => result);
    return {
      starting_at: formatTime(bucketStart),
      ending_at: formatTime(bucketStart + query.bucketSeconds),
      results,
    };
  });
  return {
    data,
    has_more: nextStart !== null,
    next_page: nextStart === null ? null : encodePageToken(nextStart),
  };
}

function groupFor(groups: Map<string, UsageResult>, record: AnthropicUsageRecord, groupBy: string[]) {
  const dims = {} as Record<Dimension, string | null>;
  for (const dimension of Object.keys(DIMENSIONS) as Dimension[]) {
    dims[dimension] = groupBy.includes(dimension) ? DIMENSIONS[dimension](record) : null;
  }
  const key = JSON.stringify(dims);
  let result = groups.get(key);
  if (!result) {
    result = {
      ...dims,
      uncached_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: 0,
      server_tool_use: { web_search_requests: 0 },
    };
    groups.set(key, result);
  }
  return result;
}

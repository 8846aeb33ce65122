import type { OpenAiUsageRecord } from '../scenario-types.js';
import {
  type BucketPage,
  InvalidParamError,
  matchesFilter,
  parseBucketQuery,
  type QueryValues,
  single,
} from './bucket-query.js';

export const USAGE_GROUPABLE = [
  'project_id',
  'user_id',
  'api_key_id',
  'model',
  'batch',
  'service_tier',
  'api_source',
] as const;

const USAGE_LIMITS = {
  '1m': { default: 60, max: 1_440 },
  '1h': { default: 24, max: 168 },
  '1d': { default: 7, max: 31 },
};

/** The body of `GET /v1/organization/usage/completions` for `query`, summed over ungrouped fields. */
export function usagePage(records: readonly OpenAiUsageRecord[], query: QueryValues, now: number): object {
  const page = parseBucketQuery(query, { limits: USAGE_LIMITS, groupable: USAGE_GROUPABLE, now });
  const batchFilter = single(query, 'batch');
  if (batchFilter !== undefined && batchFilter !== 'true' && batchFilter !== 'false') {
    throw new InvalidParamError('batch', `batch must be true or false, got ${batchFilter}`);
  }
  const selected = records.filter(
    (record) =>
      matchesFilter(query, 'project_ids', record.projectId) &&
      matchesFilter(query, 'user_ids', record.userId) &&
      matchesFilter(query, 'api_key_ids', record.apiKeyId) &&
      matchesFilter(query, 'models', record.model) &&
      (batchFilter === undefined || String(record.batch) === batchFilter),
  );
  return {
    object: 'page',
    data: page.bucketStarts.map((bucketStart) => ({
      object: 'bucket',
      start_time: bucketStart,
      end_time: bucketStart + page.widthSeconds,
      results: bucketResults(selected, bucketStart, page),
    })),
    has_more: page.nextPage !== null,
    next_page: page.nextPage,
  };
}

interface UsageResult {
  object: 'organization.usage.completions.result';
  input_tokens: number;
  input_cached_tokens: number;
  input_uncached_tokens: number;
  input_cache_write_tokens: number;
  input_audio_tokens: number;
  output_tokens: number;
  output_audio_tokens: number;
  num_model_requests: number;
  project_id: string | null;
  user_id: string | null;
  api_key_id: string | null;
  model: string | null;
  batch: boolean | null;
  service_tier: string | null;
  api_source: null;
}

function bucketResults(records: readonly OpenAiUsageRecord[], bucketStart: number, page: BucketPage) {
  const grouped = new Set(page.groupBy);
  const pick = <T>(field: string, value: T): T | null => (grouped.has(field) ? value : null);
  const results = new Map<string, UsageResult>();
  for (const record of records) {
    if (record.hourStart < bucketStart || record.hourStart >= bucketStart + page.widthSeconds) continue;
    const dims = {
      project_id: pick('project_id', record.projectId),
      user_id: pick('user_id', record.userId),
      api_key_id: pick('api_key_id', record.apiKeyId),
      model: pick('model', record.model),
      batch: pick('batch', record.batch),
      service_tier: pick('service_tier', record.serviceTier),
      api_source: null,
    };
    const key = JSON.stringify(dims);
    const result = results.get(key) ?? {
      object: 'organization.usage.completions.result' as const,
      input_tokens: 0,
      input_cached_tokens: 0,
      input_uncached_tokens: 0,
      input_cache_write_tokens: 0,
      input_audio_tokens: 0,
      output_tokens: 0,
      output_audio_tokens: 0,
      num_model_requests: 0,
      ...dims,
    };
    result.input_tokens += record.inputTokens;
    result.input_cached_tokens += record.inputCachedTokens;
    result.input_cache_write_tokens += record.inputCacheWriteTokens;
    result.input_uncached_tokens +=
      record.inputTokens - record.inputCachedTokens - record.inputCacheWriteTokens;
    result.output_tokens += record.outputTokens;
    result.num_model_requests += record.numModelRequests;
    results.set(key, result);
  }
  return [...results.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, result]) => result);
}

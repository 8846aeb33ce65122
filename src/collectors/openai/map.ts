import { AiSpendError } from '../../core/errors.js';
import {
  type BilledFact,
  type FactDimensions,
  SECONDS_PER_DAY,
  type TokenCounts,
  type UsageFact,
} from '../../core/facts.js';
import { type Micros, micros, usdNumberToMicros } from '../../core/money.js';
import type { StreamPage } from '../paged-stream.js';
import {
  type CostResult,
  costResultSchema,
  pageSchema,
  parseOrThrow,
  schemaError,
  type UsageResult,
  usageResultSchema,
} from './page-schema.js';

/** One validated page of a bucketed OpenAI report, mapped to facts. */
export type MappedPage<Fact> = StreamPage<Fact>;

const USAGE_ENDPOINT = 'usage/completions';
const COSTS_ENDPOINT = 'costs';
const usagePageSchema = pageSchema(usageResultSchema);
const costPageSchema = pageSchema(costResultSchema);

/** Maps a `GET /organization/usage/completions` body; results with equal dimensions in a bucket are summed. */
export function mapUsagePage(
  body: unknown,
  { bucketSeconds }: { bucketSeconds: number },
): MappedPage<UsageFact> {
  const page = parseOrThrow(usagePageSchema, body, USAGE_ENDPOINT);
  const facts: UsageFact[] = [];
  page.data.forEach((bucket, bucketIndex) => {
    const bucketStart = alignedStart(bucket.start_time, bucketSeconds, bucketIndex, USAGE_ENDPOINT);
    const byKey = new Map<string, UsageFact>();
    bucket.results.forEach((result, resultIndex) => {
      const dims = usageDimensions(result);
      const tokens = usageTokens(result, `$.data[${bucketIndex}].results[${resultIndex}]`);
      const key = JSON.stringify(dims);
      const fact = byKey.get(key);
      if (fact === undefined) {
        byKey.set(key, { dims, bucketStart, bucketSeconds, tokens, requests: result.num_model_requests });
        return;
      }
      fact.tokens = addTokens(fact.tokens, tokens);
      fact.requests = (fact.requests ?? 0) + result.num_model_requests;
    });
    facts.push(...byKey.values());
  });
  return {
    buckets: page.data.map((bucket) => bucket.start_time),
    facts,
    nextPage: nextPage(page, USAGE_ENDPOINT),
  };
}

/**
 * Maps a `GET /organization/costs` body to billed days. A day is `final` once it is older than
 * `costRepollDays`, the window in which OpenAI may still restate it.
 */
export function mapCostPage(
  body: unknown,
  { now, costRepollDays }: { now: number; costRepollDays: number },
): MappedPage<BilledFact> {
  const page = parseOrThrow(costPageSchema, body, COSTS_ENDPOINT);
  const facts: BilledFact[] = [];
  page.data.forEach((bucket, bucketIndex) => {
    const day = alignedStart(bucket.start_time, SECONDS_PER_DAY, bucketIndex, COSTS_ENDPOINT);
    const final = day < now - costRepollDays * SECONDS_PER_DAY;
    const byKey = new Map<string, BilledFact>();
    bucket.results.forEach((result, resultIndex) => {
      const path = `$.data[${bucketIndex}].results[${resultIndex}]`;
      const lineItem = result.line_item ?? 'other';
      const dims = costDimensions(result, lineItem);
      const amountMicros = costMicros(result, path);
      const key = JSON.stringify([dims, lineItem]);
      const fact = byKey.get(key);
      if (fact === undefined) {
        byKey.set(key, { dims, day, lineItem, amountMicros, final });
        return;
      }
      fact.amountMicros = micros(fact.amountMicros + amountMicros);
    });
    facts.push(...byKey.values());
  });
  return {
    buckets: page.data.map((bucket) => bucket.start_time),
    facts,
    nextPage: nextPage(page, COSTS_ENDPOINT),
  };
}

function usageDimensions(result: UsageResult): FactDimensions {
  const dims: FactDimensions = { source: 'openai' };
  if (result.project_id) dims.projectId = result.project_id;
  if (result.api_key_id) dims.apiKeyId = result.api_key_id;
  if (result.user_id) dims.userId = result.user_id;
  if (result.model) dims.model = result.model;
  dims.serviceTier = result.batch === true ? 'batch' : (result.service_tier ?? 'default');
  return dims;
}

/** OpenAI's `input_tokens` includes cache reads and writes; ai-spend prices each kind apart. */
export function usageTokens(result: UsageResult, path: string): TokenCounts {
  const cacheRead = result.input_cached_tokens ?? 0;
  const cacheWrite = result.input_cache_write_tokens ?? 0;
  const uncachedInput = result.input_uncached_tokens ?? result.input_tokens - cacheRead - cacheWrite;
  if (uncachedInput < 0) {
    throw schemaError(
      USAGE_ENDPOINT,
      path,
      `input_tokens ${result.input_tokens} is less than input_cached_tokens ${cacheRead} + input_cache_write_tokens ${cacheWrite}`,
    );
  }
  return {
    uncachedInput,
    cacheWrite5m: cacheWrite,
    cacheWrite1h: 0,
    cacheRead,
    output: result.output_tokens,
  };
}

function costDimensions(result: CostResult, lineItem: string): FactDimensions {
  const dims: FactDimensions = { source: 'openai' };
  if (result.project_id) dims.projectId = result.project_id;
  // Token line items read "gpt-5.4, input"; others ("web search tool calls") name no model.
  const comma = lineItem.indexOf(', ');
  if (result.line_item && comma > 0) dims.model = lineItem.slice(0, comma);
  return dims;
}

function costMicros(result: CostResult, path: string): Micros {
  if (result.amount.currency.toLowerCase() !== 'usd') {
    throw schemaError(
      COSTS_ENDPOINT,
      `${path}.amount.currency`,
      `currency ${result.amount.currency} is not supported, ai-spend stores US dollars`,
    );
  }
  try {
    return usdNumberToMicros(result.amount.value);
  } catch (error) {
    if (!(error instanceof AiSpendError)) throw error;
    throw schemaError(COSTS_ENDPOINT, `${path}.amount.value`, error.message);
  }
}

function alignedStart(
  startTime: number,
  bucketSeconds: number,
  bucketIndex: number,
  endpoint: string,
): number {
  if (startTime % bucketSeconds !== 0) {
    throw schemaError(
      endpoint,
      `$.data[${bucketIndex}].start_time`,
      `bucket start ${startTime} is not aligned to ${bucketSeconds} s`,
    );
  }
  return startTime;
}

function nextPage(
  page: { has_more: boolean; next_page?: string | null | undefined },
  endpoint: string,
): string | null {
  if (!page.has_more) return null;
  if (!page.next_page) throw schemaError(endpoint, '$.next_page', 'has_more is true but next_page is empty');
  return page.next_page;
}

function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    uncachedInput: a.uncachedInput + b.uncachedInput,
    cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m,
    cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h,
    cacheRead: a.cacheRead + b.cacheRead,
    output: a.output + b.output,
  };
}

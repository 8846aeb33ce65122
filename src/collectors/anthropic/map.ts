import type { z } from 'zod';
import { AiSpendError, isAiSpendError } from '../../core/errors.js';
import type { BilledFact, FactDimensions, TokenCounts, UsageFact } from '../../core/facts.js';
import { micros, parseDecimalMicros } from '../../core/money.js';
import type { StreamPage } from '../paged-stream.js';
import {
  type CostResult,
  costResultSchema,
  reportPageSchema,
  type UsageResult,
  usageResultSchema,
} from './report-schema.js';

/** One page of a legacy report, mapped: every bucket start it covers (empty ones too) and the facts. */
export type MappedPage<F> = StreamPage<F>;

const usagePageSchema = reportPageSchema(usageResultSchema);
const costPageSchema = reportPageSchema(costResultSchema);

/**
 * Maps a `/v1/organizations/usage_report/messages` body to usage facts. Results with the same
 * dimensions in one bucket are summed. Throws `provider_schema` naming the JSON path at fault.
 */
export function mapUsagePage(
  json: unknown,
  { bucketSeconds }: { bucketSeconds: number },
): MappedPage<UsageFact> {
  const page = parseReport(usagePageSchema, json, 'usage report');
  const buckets: number[] = [];
  const facts = new Map<string, UsageFact>();
  page.data.forEach((bucket, index) => {
    const bucketStart = bucketStartOf(bucket, bucketSeconds, `data[${index}]`, 'usage report');
    buckets.push(bucketStart);
    for (const result of bucket.results) {
      const dims = usageDimensions(result);
      const key = `${bucketStart} ${JSON.stringify(dims)}`;
      const tokens = tokenCounts(result);
      const existing = facts.get(key);
      if (existing) existing.tokens = addTokens(existing.tokens, tokens);
      else facts.set(key, { dims, bucketStart, bucketSeconds, tokens, requests: null });
    }
  });
  return { buckets, facts: [...facts.values()], nextPage: nextPageOf(page, 'usage report') };
}

/**
 * Maps a `/v1/organizations/cost_report` body to billed facts. `amount` is cents as a decimal
 * string; days starting before `finalBefore` (UTC epoch seconds) are final. Lines with the same
 * scope and line item in one day are summed.
 */
export function mapCostPage(json: unknown, { finalBefore }: { finalBefore: number }): MappedPage<BilledFact> {
  const page = parseReport(costPageSchema, json, 'cost report');
  const days: number[] = [];
  const facts = new Map<string, BilledFact>();
  page.data.forEach((bucket, index) => {
    const day = bucketStartOf(bucket, 86_400, `data[${index}]`, 'cost report');
    days.push(day);
    bucket.results.forEach((result, resultIndex) => {
      const path = `data[${index}].results[${resultIndex}]`;
      if (result.currency !== 'USD') {
        throw schemaError(
          'cost report',
          `${path}.currency`,
          `expected "USD", got ${JSON.stringify(result.currency)}`,
        );
      }
      const amountMicros = centsToMicros(result.amount, `${path}.amount`);
      const dims = costDimensions(result);
      const lineItem = result.description ?? result.cost_type ?? 'total';
      const key = `${day} ${lineItem} ${JSON.stringify(dims)}`;
      const existing = facts.get(key);
      if (existing) existing.amountMicros = micros(existing.amountMicros + amountMicros);
      else facts.set(key, { dims, day, lineItem, amountMicros, final: day < finalBefore });
    });
  });
  return { buckets: days, facts: [...facts.values()], nextPage: nextPageOf(page, 'cost report') };
}

/** `has_more` with its `next_page`, as one cursor that is `null` on the last page. */
function nextPageOf(page: { has_more: boolean; next_page?: string | null }, report: string): string | null {
  if (!page.has_more) return null;
  if (!page.next_page) throw schemaError(report, 'next_page', 'has_more is true but next_page is empty');
  return page.next_page;
}

function parseReport<T extends z.ZodType>(schema: T, json: unknown, report: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw schemaError(report, formatPath(issue?.path ?? []), issue?.message ?? 'unexpected shape');
}

function bucketStartOf(
  bucket: { starting_at: string; ending_at: string },
  bucketSeconds: number,
  path: string,
  report: string,
): number {
  const start = Date.parse(bucket.starting_at) / 1000;
  const end = Date.parse(bucket.ending_at) / 1000;
  if (!Number.isInteger(start) || start % bucketSeconds !== 0) {
    throw schemaError(
      report,
      `${path}.starting_at`,
      `expected a UTC bucket start, got ${bucket.starting_at}`,
    );
  }
  if (end - start !== bucketSeconds) {
    throw schemaError(
      report,
      `${path}.ending_at`,
      `expected a ${bucketSeconds}-second bucket, got ${bucket.ending_at}`,
    );
  }
  return start;
}

function centsToMicros(amount: string, path: string) {
  try {
    return parseDecimalMicros(amount, 'cents');
  } catch (error) {
    if (isAiSpendError(error)) throw schemaError('cost report', path, error.message);
    throw error;
  }
}

// A null workspace is the organisation's default workspace; the dimension is left out, as for
// Console usage, which has no API key.
function usageDimensions(result: UsageResult): FactDimensions {
  return withoutEmpty({
    source: 'anthropic',
    workspaceId: result.workspace_id,
    apiKeyId: result.api_key_id,
    model: result.model,
    serviceTier: result.service_tier,
    contextWindow: result.context_window,
    inferenceGeo: result.inference_geo,
  });
}

function costDimensions(result: CostResult): FactDimensions {
  return withoutEmpty({
    source: 'anthropic',
    workspaceId: result.workspace_id,
    model: result.model,
    serviceTier: result.service_tier,
    contextWindow: result.context_window,
    inferenceGeo: result.inference_geo,
  });
}

function withoutEmpty(
  dims: { source: 'anthropic' } & Record<string, string | null | undefined>,
): FactDimensions {
  const kept = Object.entries(dims).filter(
    ([, value]) => value !== null && value !== undefined && value !== '',
  );
  return Object.fromEntries(kept) as unknown as FactDimensions;
}

function tokenCounts(result: UsageResult): TokenCounts {
  return {
    uncachedInput: result.uncached_input_tokens,
    cacheWrite5m: result.cache_creation.ephemeral_5m_input_tokens,
    cacheWrite1h: result.cache_creation.ephemeral_1h_input_tokens,
    cacheRead: result.cache_read_input_tokens,
    output: result.output_tokens,
  };
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

/** `["data", 0, "results", 1, "cache_creation"]` → `data[0].results[1].cache_creation`. */
function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
  return text === '' ? '(root)' : text;
}

function schemaError(report: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Anthropic ${report}: ${path}: ${problem}`, {
    hint: 'the Anthropic Admin API answered in an unexpected shape; check that ANTHROPIC_BASE_URL points at the Anthropic API',
  });
}

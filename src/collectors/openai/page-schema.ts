import { z } from 'zod';
import { AiSpendError } from '../../core/errors.js';

const tokenCount = z.number().int().nonnegative();
const optionalId = z.string().nullish();

/** One `organization.usage.completions.result`; fields we do not read are ignored. */
export const usageResultSchema = z.object({
  input_tokens: tokenCount,
  input_cached_tokens: tokenCount.nullish(),
  input_uncached_tokens: tokenCount.nullish(),
  input_cache_write_tokens: tokenCount.nullish(),
  output_tokens: tokenCount,
  num_model_requests: tokenCount,
  project_id: optionalId,
  user_id: optionalId,
  api_key_id: optionalId,
  model: optionalId,
  batch: z.boolean().nullish(),
  service_tier: optionalId,
});

/** One `organization.costs.result`: `amount.value` is dollars as a JSON number. */
export const costResultSchema = z.object({
  amount: z.object({ value: z.number(), currency: z.string() }),
  line_item: optionalId,
  project_id: optionalId,
});

/** The `object: "page"` envelope both endpoints answer with. */
export function pageSchema<Result extends z.ZodType>(result: Result) {
  return z.object({
    data: z.array(
      z.object({
        start_time: z.number().int(),
        end_time: z.number().int(),
        results: z.array(result),
      }),
    ),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });
}

export type UsageResult = z.infer<typeof usageResultSchema>;
export type CostResult = z.infer<typeof costResultSchema>;

/** `$.data[0].results[2].input_tokens` for zod's `['data', 0, 'results', 2, 'input_tokens']`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    '$',
  );
}

/** The error for a response that is not what OpenAI documents, naming where it went wrong. */
export function schemaError(endpoint: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `OpenAI ${endpoint} response at ${path}: ${problem}`, {
    hint: 'check OPENAI_BASE_URL points at the OpenAI API (https://api.openai.com/v1)',
  });
}

/** Validates `body` against `schema`, turning the first problem into a `provider_schema` error. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  endpoint: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw schemaError(endpoint, jsonPath(issue?.path ?? []), issue?.message ?? 'invalid response');
}

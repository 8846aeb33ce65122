import { z } from 'zod';

const tokenCount = z.number().int().nonnegative();
const dimension = z.string().nullish();

/** A result of the legacy messages usage report. Dimensions are `null` unless grouped by them. */
export const usageResultSchema = z.object({
  api_key_id: dimension,
  workspace_id: dimension,
  model: dimension,
  service_tier: dimension,
  context_window: dimension,
  inference_geo: dimension,
  uncached_input_tokens: tokenCount,
  cache_read_input_tokens: tokenCount,
  // Cache writes exist only here: the report has no `cache_creation_input_tokens` scalar.
  cache_creation: z.object({
    ephemeral_5m_input_tokens: tokenCount,
    ephemeral_1h_input_tokens: tokenCount,
  }),
  output_tokens: tokenCount,
});

/** A result of the legacy cost report. `amount` is a decimal string of cents. */
export const costResultSchema = z.object({
  currency: z.string(),
  amount: z.string(),
  workspace_id: dimension,
  description: dimension,
  cost_type: dimension,
  token_type: dimension,
  model: dimension,
  service_tier: dimension,
  context_window: dimension,
  inference_geo: dimension,
});

/** The bucket-nested page envelope both legacy reports share. */
export function reportPageSchema<T extends z.ZodType>(result: T) {
  return z.object({
    data: z.array(z.object({ starting_at: z.string(), ending_at: z.string(), results: z.array(result) })),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });
}

export type UsageResult = z.infer<typeof usageResultSchema>;
export type CostResult = z.infer<typeof costResultSchema>;

import OpenAI from 'openai';

type Usage = OpenAI['admin']['organization']['usage'];
export type CompletionsUsageQuery = Parameters<Usage['completions']>[0];
export type CostsQuery = Parameters<Usage['costs']>[0];

/** The two admin reports ai-spend reads; bodies come back unvalidated for `map.ts` to check. */
export interface OpenAiAdminClient {
  completionsUsage(query: CompletionsUsageQuery): Promise<unknown>;
  costs(query: CostsQuery): Promise<unknown>;
}

export interface OpenAiAdminClientOptions {
  adminKey: string;
  /** Including `/v1`; when absent the SDK reads `OPENAI_BASE_URL`, then uses https://api.openai.com/v1. */
  baseUrl?: string;
  /** Retries of 408/409/429/5xx and connection failures; the SDK honours `retry-after`. */
  maxRetries: number;
  timeoutMs: number;
}

export function createOpenAiAdminClient({
  adminKey,
  baseUrl,
  maxRetries,
  timeoutMs,
}: OpenAiAdminClientOptions): OpenAiAdminClient {
  // Admin endpoints authenticate with the admin key only; `apiKey: null` keeps OPENAI_API_KEY out of it.
  const openai = new OpenAI({
    adminAPIKey: adminKey,
    apiKey: null,
    baseURL: baseUrl,
    maxRetries,
    timeout: timeoutMs,
  });
  const usage = openai.admin.organization.usage;
  return {
    completionsUsage: async (query) => await usage.completions(query),
    costs: async (query) => await usage.costs(query),
  };
}

import Anthropic from '@anthropic-ai/sdk';
import { AiSpendError } from '../../core/errors.js';

/** Query parameters of a legacy report; arrays go on the wire as `group_by[]=a&group_by[]=b`. */
export type ReportQuery = Record<string, string | number | readonly string[] | undefined>;

/** Reads pages of Anthropic's legacy Usage & Cost Admin API. */
export interface AnthropicReportClient {
  /** GETs one page and returns its parsed JSON body. Failures are `AiSpendError`s with a hint. */
  getReport(path: string, query: ReportQuery): Promise<unknown>;
}

export interface AnthropicReportClientOptions {
  /** An Admin API key (`sk-ant-admin01-…`). */
  apiKey: string;
  /** Defaults to `ANTHROPIC_BASE_URL`, then `https://api.anthropic.com` (the SDK's own lookup). */
  baseUrl?: string;
  maxRetries: number;
  timeoutMs: number;
}

// The SDK honours any retry-after; a collection pass should not sleep longer than this on one page.
const MAX_RETRY_AFTER_SECONDS = 60;

const KEY_HINT = 'check ANTHROPIC_ADMIN_API_KEY (an Admin key, sk-ant-admin01-…)';
const REACH_HINT = 'check ANTHROPIC_BASE_URL and https://status.anthropic.com';

export function createAnthropicReportClient({
  apiKey,
  baseUrl,
  maxRetries,
  timeoutMs,
}: AnthropicReportClientOptions): AnthropicReportClient {
  const client = new Anthropic({
    apiKey,
    baseURL: baseUrl,
    maxRetries,
    timeout: timeoutMs,
    fetch: giveUpOnLongRetryAfter(globalThis.fetch),
    logLevel: 'off',
  });
  return {
    async getReport(path, query) {
      let text: string;
      try {
        const response = await client.get(path, { query }).asResponse();
        text = await response.text();
      } catch (error) {
        throw toAiSpendError(error);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new AiSpendError(
          'provider_schema',
          `Anthropic ${path}: (root): the response is not valid JSON`,
          {
            hint: `the Anthropic Admin API answered in an unexpected shape; ${REACH_HINT}`,
          },
        );
      }
    },
  };
}

function giveUpOnLongRetryAfter(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status !== 429 || !(retryAfter > MAX_RETRY_AFTER_SECONDS)) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

function toAiSpendError(error: unknown): AiSpendError {
  if (error instanceof Anthropic.APIConnectionError) {
    return new AiSpendError('provider_unavailable', `Anthropic Admin API unreachable: ${error.message}`, {
      hint: REACH_HINT,
      cause: error,
    });
  }
  if (!(error instanceof Anthropic.APIError)) {
    return new AiSpendError('provider_unavailable', `Anthropic Admin API request failed: ${String(error)}`, {
      hint: REACH_HINT,
      cause: error,
    });
  }
  const message = `Anthropic Admin API: ${error.message}`;
  const status = error.status ?? 0;
  if (status === 401 || status === 403) {
    return new AiSpendError('provider_auth', message, { hint: KEY_HINT, cause: error });
  }
  if (status === 429) {
    const retryAfter = error.headers?.get('retry-after');
    const wait = retryAfter ? `Anthropic asked to wait ${retryAfter} s; ` : '';
    return new AiSpendError('provider_rate_limited', message, {
      hint: `${wait}the next collection retries; a less frequent schedule.collect in ai-spend.yml polls less`,
      cause: error,
    });
  }
  if (status >= 500 || status === 408 || status === 409) {
    return new AiSpendError('provider_unavailable', message, { hint: REACH_HINT, cause: error });
  }
  return new AiSpendError('provider_schema', `${message} (the request was rejected)`, {
    hint: `check that ANTHROPIC_BASE_URL points at the Anthropic API and the organisation has the Admin API`,
    cause: error,
  });
}

import OpenAI from 'openai';
import { AiSpendError } from '../../core/errors.js';

const AUTH_HINT = 'check OPENAI_ADMIN_KEY (an Admin key, sk-admin-…)';
const BASE_URL_HINT = 'check OPENAI_BASE_URL and that the OpenAI API is reachable';

/** Turns whatever a call to OpenAI threw into the one error type, with a hint naming what to fix. */
export function classifyOpenAiError(error: unknown, { maxRetries }: { maxRetries: number }): AiSpendError {
  if (error instanceof AiSpendError) return error;
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return new AiSpendError('provider_auth', `OpenAI refused the admin key: ${error.message}`, {
      hint: AUTH_HINT,
      cause: error,
    });
  }
  if (error instanceof OpenAI.RateLimitError) {
    return new AiSpendError(
      'provider_rate_limited',
      `OpenAI still rate limited after ${maxRetries} retries: ${error.message}`,
      { hint: 'collect less often (schedule.collect) or try again later', cause: error },
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new AiSpendError('provider_unavailable', `cannot reach OpenAI: ${error.message}`, {
      hint: BASE_URL_HINT,
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    // A 404 almost always means a base URL without `/v1` or pointing somewhere else.
    if (status >= 500 || status === 404 || status === 408 || status === 409) {
      return new AiSpendError('provider_unavailable', `OpenAI answered ${error.message}`, {
        hint: BASE_URL_HINT,
        cause: error,
      });
    }
    return new AiSpendError('provider_schema', `OpenAI rejected the request: ${error.message}`, {
      hint: 'check OPENAI_BASE_URL points at the OpenAI API (https://api.openai.com/v1)',
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return new AiSpendError('provider_schema', `OpenAI answered with invalid JSON: ${error.message}`, {
      hint: 'check OPENAI_BASE_URL points at the OpenAI API (https://api.openai.com/v1)',
      cause: error,
    });
  }
  if (error instanceof OpenAI.OpenAIError) {
    return new AiSpendError('provider_auth', `OpenAI client cannot start: ${error.message}`, {
      hint: AUTH_HINT,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AiSpendError('provider_unavailable', `OpenAI collection failed: ${message}`, {
    hint: BASE_URL_HINT,
    cause: error,
  });
}

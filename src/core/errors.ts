/** What went wrong, as a short stable code that logs, tests and chat answers can key on. */
export type ErrorCode =
  | 'config_invalid'
  | 'input_invalid'
  | 'provider_auth'
  | 'provider_unavailable'
  | 'provider_rate_limited'
  | 'provider_schema'
  | 'store_incompatible'
  | 'chat_delivery';

/** The one error type of ai-spend: a code, a message for people, and a hint naming what to fix. */
export class AiSpendError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AiSpendError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isAiSpendError(value: unknown): value is AiSpendError {
  return value instanceof AiSpendError;
}

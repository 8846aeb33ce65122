import { AiSpendError, isAiSpendError } from '../core/errors.js';
import type { SourceId } from '../core/facts.js';
import type { CollectResult, StreamSummary } from './collector.js';

/** An error of one part of a source (a region, a service), named after where it happened. */
export function failureAt(error: unknown, where: string): AiSpendError {
  if (isAiSpendError(error)) {
    return error.message.includes(where)
      ? error
      : new AiSpendError(error.code, `${where}: ${error.message}`, {
          ...(error.hint ? { hint: error.hint } : {}),
        });
  }
  return new AiSpendError(
    'provider_unavailable',
    `${where}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/**
 * The result of a pass whose parts fail on their own: `ok` with every stream, or the first failure
 * (its code and hint) with the others' messages, and the streams that did complete.
 */
export function collectResult(
  source: SourceId,
  streams: StreamSummary[],
  failures: readonly AiSpendError[],
): CollectResult {
  const [first] = failures;
  if (first === undefined) return { source, ok: true, streams };
  const notes = failures.slice(1).map((failure) => failure.message);
  return {
    source,
    ok: false,
    code: first.code,
    message: [first.message, ...notes].join('; '),
    ...(first.hint === undefined ? {} : { hint: first.hint }),
    streams,
  };
}

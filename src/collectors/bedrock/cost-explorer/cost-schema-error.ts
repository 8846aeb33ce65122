import { AiSpendError } from '../../../core/errors.js';

export const ENDPOINT_HINT =
  'check AWS_ENDPOINT_URL_COST_EXPLORER (unset it for the real https://ce.us-east-1.amazonaws.com) and network access to it';

/** A Cost Explorer answer ai-spend cannot read, naming where in the JSON the problem is. */
export function costSchemaError(operation: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Cost Explorer ${operation} answered ${problem} at ${path}`, {
    hint: ENDPOINT_HINT,
  });
}

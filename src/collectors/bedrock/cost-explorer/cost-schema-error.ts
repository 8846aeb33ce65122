import { AiSpendError } from '../../../core/errors.js';
import { COST_EXPLORER, endpointHint } from '../aws-service.js';

/** A Cost Explorer answer ai-spend cannot read, naming where in the JSON the problem is. */
export function costSchemaError(operation: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Cost Explorer ${operation} answered ${problem} at ${path}`, {
    hint: endpointHint(COST_EXPLORER),
  });
}

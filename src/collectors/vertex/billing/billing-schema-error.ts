import { AiSpendError } from '../../../core/errors.js';

/** A BigQuery answer ai-spend cannot read, naming where in the result the problem is. */
export function billingSchemaError(path: string, problem: string): AiSpendError {
  return new AiSpendError(
    'provider_schema',
    `the Vertex billing export query answered ${problem} at ${path}`,
    {
      hint: 'check that sources.vertex.billing_table names a Cloud Billing usage cost export table and that the BigQuery endpoint is the real API',
    },
  );
}

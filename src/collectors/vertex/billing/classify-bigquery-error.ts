import { AiSpendError } from '../../../core/errors.js';

export interface BigQueryErrorContext {
  /** `sources.vertex.billing_table` as configured. */
  billingTable: string;
  /** The project query jobs run in. */
  projectId: string;
  /** The job location, when one is configured. */
  location?: string;
}

const CREDENTIALS_HINT =
  'check the Google application default credentials ai-spend runs with (GOOGLE_APPLICATION_CREDENTIALS, or `gcloud auth application-default login`)';
const UNAVAILABLE_HINT =
  'BigQuery did not answer; check the network path to bigquery.googleapis.com and try again later';

/** Turns whatever a BigQuery call threw into the one error type, with a hint naming what to fix. */
export function classifyBigQueryError(error: unknown, context: BigQueryErrorContext): AiSpendError {
  if (error instanceof AiSpendError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = httpStatus(error);
  const reason = firstReason(error);
  const fail = (code: AiSpendError['code'], text: string, hint: string) =>
    new AiSpendError(code, text, { hint, cause: error });

  if (status === 401)
    return fail('provider_auth', `BigQuery refused the credentials: ${message}`, CREDENTIALS_HINT);
  if (status === 429 || reason === 'rateLimitExceeded' || reason === 'quotaExceeded') {
    return fail(
      'provider_rate_limited',
      `BigQuery rate limited the billing query: ${message}`,
      'collect less often (schedule.collect) or raise the BigQuery quota of the job project',
    );
  }
  if (status === 403)
    return fail('provider_auth', `BigQuery denied the billing query: ${message}`, rolesHint(context));
  if (status === 404 && /Not found: (Table|Dataset|Project)/i.test(message)) {
    const location =
      context.location === undefined ? '' : `, in location ${context.location} (the dataset's location)`;
    return fail(
      'config_invalid',
      `the billing export table was not found: ${message}`,
      `check sources.vertex.billing_table (${context.billingTable}): the Cloud Billing export table as project.dataset.table${location}`,
    );
  }
  if (status === 400) {
    return fail(
      'provider_schema',
      `BigQuery rejected the billing query: ${message}`,
      `check that sources.vertex.billing_table (${context.billingTable}) is a Cloud Billing usage cost export table, not another table or a view with other columns`,
    );
  }
  if (status !== undefined)
    return fail('provider_unavailable', `BigQuery answered ${status}: ${message}`, UNAVAILABLE_HINT);
  if (error instanceof SyntaxError || error instanceof TypeError || error instanceof RangeError) {
    return fail(
      'provider_schema',
      `the BigQuery client could not decode the billing rows: ${message}`,
      'check that the BigQuery endpoint is the real API',
    );
  }
  if (/default credentials|invalid_grant|unauthorized_client|access token/i.test(message)) {
    return fail('provider_auth', `no usable Google credentials: ${message}`, CREDENTIALS_HINT);
  }
  return fail('provider_unavailable', `cannot reach BigQuery: ${message}`, UNAVAILABLE_HINT);
}

function rolesHint({ billingTable, projectId }: BigQueryErrorContext): string {
  const dataset = billingTable.split('.').slice(0, -1).join('.');
  return (
    `grant the identity ai-spend runs as BigQuery Data Viewer (roles/bigquery.dataViewer) on the billing export dataset ${dataset} ` +
    `(sources.vertex.billing_table) and BigQuery Job User (roles/bigquery.jobUser) on project ${projectId}`
  );
}

/** The HTTP status of an `ApiError` (`code`) or a Gaxios error from the auth library (`response.status`). */
function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, response } = error as { code?: unknown; response?: { status?: unknown } };
  if (typeof code === 'number') return code;
  if (typeof response?.status === 'number') return response.status;
  return undefined;
}

function firstReason(error: unknown): string | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const reason = (errors[0] as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

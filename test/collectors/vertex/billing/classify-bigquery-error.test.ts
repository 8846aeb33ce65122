import { describe, expect, it } from 'vitest';
import { classifyBigQueryError } from '../../../../src/collectors/vertex/billing/classify-bigquery-error.js';
import { AiSpendError } from '../../../../src/core/errors.js';

const context = {
  billingTable: 'acme-billing.billing_export.gcp_billing_export_v1_X',
  projectId: 'acme-finops',
};

/** The shape `@google-cloud/common` gives an HTTP error: `code`, `errors[]`, `message`. */
function apiError(code: number, reason: string, message: string): Error {
  return Object.assign(new Error(message), { code, errors: [{ reason, message, domain: 'global' }] });
}

describe('classifyBigQueryError', () => {
  it.each([
    [
      apiError(401, 'required', 'Request is missing required authentication credential'),
      'provider_auth',
      'GOOGLE_APPLICATION_CREDENTIALS',
    ],
    [apiError(403, 'accessDenied', 'Access Denied: Table x'), 'provider_auth', 'roles/bigquery.dataViewer'],
    [apiError(403, 'rateLimitExceeded', 'Exceeded rate limits'), 'provider_rate_limited', 'schedule.collect'],
    [apiError(403, 'quotaExceeded', 'Quota exceeded'), 'provider_rate_limited', 'schedule.collect'],
    [apiError(429, 'rateLimitExceeded', 'Too many requests'), 'provider_rate_limited', 'schedule.collect'],
    [
      apiError(404, 'notFound', 'Not found: Dataset acme-billing:billing_export'),
      'config_invalid',
      'sources.vertex.billing_table',
    ],
    [
      apiError(404, 'notFound', 'Not found: Job acme-finops:US.job_1'),
      'provider_unavailable',
      'try again later',
    ],
    [
      apiError(400, 'invalidQuery', 'Unrecognized name: sku at [4:3]'),
      'provider_schema',
      'Cloud Billing usage cost export table',
    ],
    [apiError(500, 'backendError', 'Backend error'), 'provider_unavailable', 'try again later'],
    [new SyntaxError('Cannot convert x to a BigInt'), 'provider_schema', 'real API'],
    [new Error('Could not load the default credentials.'), 'provider_auth', 'application-default login'],
    [
      new Error('request to https://bigquery.googleapis.com failed, reason: getaddrinfo ENOTFOUND'),
      'provider_unavailable',
      'network',
    ],
  ])('classifies %s as %s with a hint naming %s', (error, code, hint) => {
    const classified = classifyBigQueryError(error, context);
    expect(classified.code).toBe(code);
    expect(classified.hint).toContain(hint);
    expect(classified.cause).toBe(error);
  });

  it('names the job project and the export dataset in the 403 hint', () => {
    const classified = classifyBigQueryError(apiError(403, 'accessDenied', 'Access Denied'), context);
    expect(classified.hint).toBe(
      'grant the identity ai-spend runs as BigQuery Data Viewer (roles/bigquery.dataViewer) on the billing export dataset ' +
        'acme-billing.billing_export (sources.vertex.billing_table) and BigQuery Job User (roles/bigquery.jobUser) on project acme-finops',
    );
  });

  it('names the configured location in the missing-table hint', () => {
    const classified = classifyBigQueryError(
      apiError(404, 'notFound', 'Not found: Table a:b.c was not found in location EU'),
      {
        ...context,
        location: 'EU',
      },
    );
    expect(classified.hint).toContain("in location EU (the dataset's location)");
  });

  it('passes an AiSpendError through unchanged', () => {
    const error = new AiSpendError('provider_schema', 'x', { hint: 'y' });
    expect(classifyBigQueryError(error, context)).toBe(error);
  });
});

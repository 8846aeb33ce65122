import type { BigQuery } from '@google-cloud/bigquery';
import { OAuth2Client } from 'google-auth-library';
import { createBigQueryClient } from '../../../../src/collectors/vertex/billing/client.js';

/** The project the test query jobs run in. */
export const JOB_PROJECT = 'acme-finops';

/**
 * The real BigQuery client pointed at a simulator: explicit project and a fixed access token, so
 * neither the metadata server nor Google's token endpoint is ever asked; no retries.
 */
export function simClient(url: string): BigQuery {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: 'x', expiry_date: Date.UTC(2100, 0, 1) });
  return createBigQueryClient({ projectId: JOB_PROJECT, apiEndpoint: url, authClient, maxRetries: 0 });
}

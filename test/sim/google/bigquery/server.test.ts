import { BigQuery } from '@google-cloud/bigquery';
import { afterEach, describe, expect, it } from 'vitest';
import { billingExportQuery } from '../../../../src/collectors/vertex/billing/client.js';
import type { BillingExportRow } from '../../../../src/sim/google/bigquery/billing-export-row.js';
import { type BigQuerySim, startBigQuerySim } from '../../../../src/sim/google/bigquery/server.js';
import {
  SIM_BILLING_TABLE,
  vertexBillingRows,
} from '../../../../src/sim/google/bigquery/vertex-billing-rows.js';
import { JOB_PROJECT, simClient } from './sim-client.js';

const HOUR = 3_600;
const DAY = 86_400;
const END = Date.UTC(2026, 10, 27) / 1000;
const TABLE = `\`${SIM_BILLING_TABLE}\``;
const WHERE = 'WHERE _PARTITIONTIME >= TIMESTAMP_SUB(@since, INTERVAL 1 DAY) AND usage_start_time >= @since';

const timestamps = (since: number, until = since + DAY) => ({
  since: BigQuery.timestamp(new Date(since * 1000)),
  until: BigQuery.timestamp(new Date(until * 1000)),
});

let sim: BigQuerySim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(
  rows: BillingExportRow[],
  options: Partial<Parameters<typeof startBigQuerySim>[1]> = {},
) {
  sim = await startBigQuerySim(rows, { now: () => END + DAY, pendingPolls: () => 0, ...options });
  return { sim, bigquery: simClient(sim.url) };
}

describe('startBigQuerySim with @google-cloud/bigquery 8.3.1', () => {
  it('answers the billing query with the 192 Vertex and Claude rows of one day, leaving out Cloud Storage', async () => {
    const rows = vertexBillingRows(END, 3);
    const { bigquery } = await start(rows);
    const [result] = await bigquery.query({
      query: billingExportQuery(SIM_BILLING_TABLE),
      params: timestamps(END - 2 * DAY),
    });
    expect(result).toHaveLength(24 * 8);
    const first = result[0] as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'usage_start_time',
      'export_time',
      'service',
      'sku',
      'project_id',
      'project_labels',
      'labels',
      'location',
      'region',
      'cost',
      'currency',
      'credits',
    ]);
    expect((first.usage_start_time as { value: string }).value).toBe('2026-11-25T00:00:00.000Z');
    expect(first.labels).toEqual([
      { key: 'feature', value: 'copywriter' },
      { key: 'team', value: 'growth' },
    ]);
    expect(first.project_labels).toEqual([
      { key: 'cost-center', value: 'cc-410' },
      { key: 'env', value: 'prod' },
    ]);
    expect(typeof first.cost).toBe('string');
    const credited = result.find((row) => (row as { credits: unknown[] }).credits.length === 2) as {
      credits: Array<{ amount: string; type: string }>;
    };
    expect(credited.credits.map((credit) => credit.type)).toEqual(['PROMOTION', 'DISCOUNT']);
    expect(credited.credits[0]!.amount).toMatch(/^-0\.\d+$/);
  });

  it('sends TIMESTAMP cells as microseconds, which the client turns into 2026-11-26T00:00:00.000Z', async () => {
    const { sim, bigquery } = await start(vertexBillingRows(END, 1));
    await bigquery.query({ query: billingExportQuery(SIM_BILLING_TABLE), params: timestamps(END - DAY) });
    const body = sim.calls[0]!.body as {
      formatOptions: unknown;
      queryParameters: unknown[];
      parameterMode: string;
    };
    expect(body.formatOptions).toEqual({ useInt64Timestamp: true });
    expect(body.parameterMode).toBe('named');
    expect(body.queryParameters).toContainEqual({
      name: 'since',
      parameterType: { type: 'TIMESTAMP' },
      parameterValue: { value: '2026-11-26T00:00:00.000Z' },
    });
    const raw = await fetch(`${sim.url}/bigquery/v2/projects/${JOB_PROJECT}/queries`, {
      method: 'POST',
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, maxResults: 1 }),
    });
    const page = (await raw.json()) as { rows: Array<{ f: Array<{ v: unknown }> }>; totalRows: string };
    expect(page.rows[0]!.f[0]!.v).toBe(String((END - DAY) * 1_000_000));
    expect(page.totalRows).toBe(String(24 * 8));
  });

  it('hides rows exported after its clock: 3 hours after the day ends, its 23:00 hour is not exported yet', async () => {
    const rows = vertexBillingRows(END, 1);
    const clock = END + 3 * HOUR;
    const { bigquery } = await start(rows, { now: () => clock });
    const [result] = await bigquery.query({
      query: billingExportQuery(SIM_BILLING_TABLE),
      params: timestamps(END - DAY),
    });
    const exported = rows.filter(
      (row) => row.export_time <= clock && row.service.description !== 'Cloud Storage',
    );
    expect(result).toHaveLength(exported.length);
    expect(exported.length).toBeLessThan(192);
    const hours = new Set(
      result.map((row) => (row as { usage_start_time: { value: string } }).usage_start_time.value),
    );
    expect(hours.has('2026-11-26T23:00:00.000Z')).toBe(false);
    expect(hours.has('2026-11-26T10:00:00.000Z')).toBe(true);
  });

  it('answers jobComplete:false twice, then the rows, when asked to keep a query running for 2 answers', async () => {
    const { sim, bigquery } = await start(vertexBillingRows(END, 1), { pendingPolls: () => 2 });
    const [rows, next, response] = (await bigquery.query(
      { query: billingExportQuery(SIM_BILLING_TABLE), params: timestamps(END - DAY) },
      { maxResults: 1_000 },
    )) as unknown as [
      unknown[],
      { job: { getQueryResults: (q: unknown) => Promise<unknown[]> } },
      { jobComplete: boolean },
    ];
    expect(response.jobComplete).toBe(false);
    expect(rows).toEqual([]);
    const [later, , done] = (await next.job.getQueryResults(next)) as [
      unknown[],
      unknown,
      { jobComplete: boolean },
    ];
    expect(done.jobComplete).toBe(true);
    expect(later).toHaveLength(192);
    expect(sim.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /bigquery/v2/projects/${JOB_PROJECT}/queries`,
      `GET /bigquery/v2/projects/${JOB_PROJECT}/queries/job_sim_0001`,
      `GET /bigquery/v2/projects/${JOB_PROJECT}/queries/job_sim_0001`,
    ]);
  });

  it('pages 192 rows by maxResults 50 into 4 pages with page tokens', async () => {
    const { sim, bigquery } = await start(vertexBillingRows(END, 1));
    const [all] = await bigquery.query({
      query: billingExportQuery(SIM_BILLING_TABLE),
      params: timestamps(END - DAY),
    });
    type Page = [unknown[], { job: { getQueryResults: (query: unknown) => Promise<unknown> } } | null];
    let [rows, next] = (await bigquery.query(
      { query: billingExportQuery(SIM_BILLING_TABLE), params: timestamps(END - DAY) },
      { maxResults: 50, autoPaginate: false },
    )) as unknown as Page;
    const pages = [rows.length];
    while (next) {
      [rows, next] = (await next.job.getQueryResults(next)) as Page;
      pages.push(rows.length);
    }
    expect(pages).toEqual([50, 50, 50, 42]);
    const tokens = sim.calls.filter((call) => call.method === 'GET').map((call) => call.query.pageToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
    expect(
      sim.calls.filter((call) => call.method === 'GET').every((call) => call.query.maxResults === '50'),
    ).toBe(true);
    expect(all).toHaveLength(192);
  });

  it('shows why money is cast to text: a FLOAT column comes out of the client as a JavaScript number', async () => {
    const { bigquery } = await start(vertexBillingRows(END, 1));
    const [rows] = await bigquery.query({
      query: `SELECT cost, CAST(cost AS STRING) AS cost_text FROM ${TABLE} ${WHERE} AND sku.description = 'Gemini 2.5 Pro Input Tokens'`,
      params: timestamps(END - DAY),
    });
    const first = rows[0] as { cost: unknown; cost_text: unknown };
    expect(typeof first.cost).toBe('number');
    expect(typeof first.cost_text).toBe('string');
    expect(String(first.cost)).toBe(first.cost_text);
  });

  it.each([
    ['an unknown column', 400, `SELECT nope FROM ${TABLE} ${WHERE}`, 'Unrecognized name: nope'],
    [
      'a query without a partition filter',
      400,
      `SELECT cost FROM ${TABLE} WHERE usage_start_time >= @since`,
      '_PARTITIONTIME',
    ],
    [
      'a STRING parameter against a TIMESTAMP column',
      400,
      `SELECT cost FROM ${TABLE} ${WHERE} AND usage_start_time < @text`,
      'TIMESTAMP with STRING',
    ],
    [
      'a parameter it was not sent',
      400,
      `SELECT cost FROM ${TABLE} ${WHERE} AND usage_start_time < @missing`,
      "'missing' not found",
    ],
    [
      'another table',
      404,
      `SELECT cost FROM \`acme-billing.billing_export.other\` ${WHERE}`,
      'Not found: Table acme-billing:billing_export.other',
    ],
  ])('answers %s with %i', async (_name, code, query, message) => {
    const { bigquery } = await start([]);
    const error = await bigquery
      .query({ query, params: { ...timestamps(END - DAY), text: '2026-11-26' } })
      .then(
        () => undefined,
        (failure: unknown) => failure as { code: number; message: string },
      );
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(message);
  });

  it('does not find the table from a job in another location (EU instead of US): 404', async () => {
    const { bigquery } = await start([]);
    const error = await bigquery
      .query({ query: billingExportQuery(SIM_BILLING_TABLE), params: timestamps(END - DAY), location: 'EU' })
      .catch((failure: { code: number; message: string }) => failure);
    expect(error).toMatchObject({ code: 404, message: expect.stringContaining('in location EU') });
  });

  it('answers 403 accessDenied naming bigquery.jobs.create when jobs are denied', async () => {
    const { sim, bigquery } = await start([]);
    sim.faults.deny('jobs');
    const error = await bigquery
      .query({ query: billingExportQuery(SIM_BILLING_TABLE), params: timestamps(END - DAY) })
      .catch((failure: { code: number; message: string; errors: Array<{ reason: string }> }) => failure);
    expect(error).toMatchObject({
      code: 403,
      errors: [{ reason: 'accessDenied' }],
      message: expect.stringContaining('bigquery.jobs.create'),
    });
  });

  it('refuses a request without a bearer token with 401', async () => {
    const { sim } = await start([]);
    const response = await fetch(`${sim.url}/bigquery/v2/projects/${JOB_PROJECT}/queries`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
  });
});

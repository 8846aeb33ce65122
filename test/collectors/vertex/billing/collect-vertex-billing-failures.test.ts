import { afterEach, describe, expect, it } from 'vitest';
import {
  BILLING_STREAM,
  collectVertexBilling,
} from '../../../../src/collectors/vertex/billing/collect-vertex-billing.js';
import { vertexBillingRows } from '../../../../src/sim/google/bigquery/vertex-billing-rows.js';
import { DAY, END, failureOf, NOW, setup, stopSim, stopSims } from './billing-fixture.js';

afterEach(stopSims);

describe('collectVertexBilling when the source fails', () => {
  it('gives up with provider_unavailable after maxPolls polls of a query still running', async () => {
    const { context, sink } = await setup(
      vertexBillingRows(END, 1),
      { pendingPolls: () => 100 },
      { maxPolls: 4 },
    );
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain('4 polls');
  });

  it('fails a denied query with provider_auth naming both roles and sources.vertex.billing_table, storing nothing', async () => {
    const { sim, context, sink } = await setup(vertexBillingRows(END, 3));
    sim.faults.deny('table');
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('provider_auth');
    expect(error.message).toContain('Access Denied');
    expect(error.hint).toContain('BigQuery Data Viewer (roles/bigquery.dataViewer)');
    expect(error.hint).toContain('BigQuery Job User (roles/bigquery.jobUser) on project acme-finops');
    expect(error.hint).toContain('sources.vertex.billing_table');
    expect(sink.billed.size).toBe(0);
    expect(sink.cursor('vertex', BILLING_STREAM)).toBeUndefined();
  });

  it('fails a missing table with config_invalid naming sources.vertex.billing_table and the table', async () => {
    const { context, sink } = await setup(
      [],
      {},
      { billingTable: 'acme-billing.billing_export.gcp_billing_export_v1_X' },
    );
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('config_invalid');
    expect(error.hint).toContain(
      'sources.vertex.billing_table (acme-billing.billing_export.gcp_billing_export_v1_X)',
    );
  });

  it('refuses a billing table that is not project.dataset.table before any request', async () => {
    const { sim, context, sink } = await setup([], {}, { billingTable: 'billing`; DROP TABLE x; --' });
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('config_invalid');
    expect(error.hint).toContain('sources.vertex.billing_table');
    expect(sim.calls).toHaveLength(0);
  });

  it('reports a column it did not ask for as provider_schema with its path', async () => {
    const { sim, context, sink } = await setup(vertexBillingRows(END, 2));
    sim.faults.extraColumn('surprise', 'x');
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toContain('$.rows[0].surprise');
  });

  it('reports a cost that is not a decimal as provider_schema naming the row, keeping pages before it', async () => {
    const rows = vertexBillingRows(END, 10);
    const broken = rows.find((row) => row.usage_start_time === END - 2 * DAY)!;
    broken.cost = 'NaN-ish';
    const { context, sink } = await setup(rows);
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('provider_schema');
    expect(error.message).toMatch(/\$\.rows\[\d+\]\.cost/);
    expect(sink.pages).toHaveLength(1);
    expect(sink.cursor('vertex', BILLING_STREAM)).toBe(END - 5 * DAY);
  });

  it('fails with provider_unavailable when nothing listens at the endpoint', async () => {
    const { sim, context, sink } = await setup([]);
    await stopSim(sim);
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('fails a 503 with provider_unavailable when retries are off', async () => {
    const { sim, context, sink } = await setup(vertexBillingRows(END, 1));
    sim.faults.serverError(1);
    const error = await failureOf(collectVertexBilling(context, { now: NOW, sink }));
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toContain('503');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import {
  BILLING_EXPORTED_STREAM,
  BILLING_POLLED_STREAM,
  BILLING_STREAM,
  collectVertexBilling,
} from '../../../../src/collectors/vertex/billing/collect-vertex-billing.js';
import { compileAttribution } from '../../../../src/core/attribution/attribute.js';
import { createPriceBook } from '../../../../src/core/pricing/price-book.js';
import { picosToDecimal } from '../../../../src/sim/google/bigquery/decimal-text.js';
import { vertexBillingRows } from '../../../../src/sim/google/bigquery/vertex-billing-rows.js';
import { createDimsRepository } from '../../../../src/store/dims-repository.js';
import { createFactSink } from '../../../../src/store/fact-sink.js';
import { openDatabase } from '../../../../src/store/open-database.js';
import { JOB_PROJECT } from '../../../sim/google/bigquery/sim-client.js';
import {
  billedByDay,
  DAY,
  END,
  expectedByDay,
  HOUR,
  NOW,
  setup,
  stopSims,
  sum,
  textPicos,
} from './billing-fixture.js';

afterEach(stopSims);

describe('collectVertexBilling against the BigQuery simulator', () => {
  it('collects 10 days of Vertex and Claude spend equal to the simulator rows to the micro-dollar', async () => {
    const rows = vertexBillingRows(END, 10);
    const { sim, context, sink } = await setup(rows);
    const summary = await collectVertexBilling(context, { now: NOW, sink });

    const expected = expectedByDay(rows, NOW);
    expect(expected.size).toBe(10);
    expect(billedByDay(sink)).toEqual(expected);
    expect(sink.billedMicros()).toBe(sum(expected));
    // 12 backfill days and today in two queries of at most 7 days.
    expect(summary).toEqual({
      stream: BILLING_STREAM,
      pages: 2,
      facts: 80,
      from: END - 12 * DAY,
      to: END + DAY,
    });
    expect(sink.pages.map((page) => page.buckets.length)).toEqual([7, 6, 0, 0]);
    expect(sink.cursor('vertex', BILLING_STREAM)).toBe(END);
    expect(sink.cursor('vertex', BILLING_POLLED_STREAM)).toBe(NOW);
    expect(sink.cursor('vertex', BILLING_EXPORTED_STREAM)).toBe(
      Math.max(...rows.map((row) => row.export_time)),
    );
    expect(sim.calls.every((call) => call.authorization === 'Bearer x')).toBe(true);
    expect(
      sim.calls.every((call) => call.path.startsWith(`/bigquery/v2/projects/${JOB_PROJECT}/queries`)),
    ).toBe(true);
  });

  it('stores the same 10 days in SQLite through the real fact sink, twice without doubling', async () => {
    const rows = vertexBillingRows(END, 10);
    const { context } = await setup(rows, {}, { minPollSeconds: 0 });
    const db = openDatabase({ path: ':memory:' });
    const dims = createDimsRepository(db, compileAttribution([]));
    const sink = createFactSink({ db, dims, priceBook: createPriceBook(), clock: () => NOW });
    const total = () =>
      db.prepare('SELECT SUM(amount_micros) AS micros, COUNT(*) AS facts FROM billed_facts').get() as {
        micros: number;
        facts: number;
      };
    await collectVertexBilling(context, { now: NOW, sink });
    const expected = sum(expectedByDay(rows, NOW));
    expect(total()).toEqual({ micros: expected, facts: 80 });
    await collectVertexBilling(context, { now: NOW + 60, sink });
    expect(total()).toEqual({ micros: expected, facts: 80 });
    expect(sink.cursor('vertex', BILLING_STREAM)).toBe(END);
    db.close();
  });

  it('keeps 8 facts a day: 3 workloads × their SKUs, with team and feature labels, project tags and models', async () => {
    const { context, sink } = await setup(vertexBillingRows(END, 10));
    await collectVertexBilling(context, { now: NOW, sink });
    const day = [...sink.billed.values()].filter((fact) => fact.day === END - DAY);
    expect(day).toHaveLength(8);
    const claude = day.find((fact) => fact.lineItem === 'Claude Sonnet 4.5 Output Tokens');
    expect(claude?.dims).toEqual({
      source: 'vertex',
      projectId: 'acme-platform-prod',
      region: 'us-east5',
      model: 'claude-sonnet-4-5',
      labels: { feature: 'incident-triage', team: 'platform' },
      tags: { env: 'prod' },
      billingScope: 'vertex|acme-platform-prod|feature=incident-triage,team=platform',
    });
    const finalDays = new Set([...sink.billed.values()].filter((fact) => fact.final).map((fact) => fact.day));
    expect(finalDays.size).toBe(8);
    expect(Math.max(...finalDays)).toBe(END - 3 * DAY);
  });

  it('changes nothing on a second pass 2 hours later: same facts, same total, same cursor', async () => {
    const rows = vertexBillingRows(END, 10);
    const { context, sink } = await setup(rows);
    await collectVertexBilling(context, { now: NOW, sink });
    const first = structuredClone([...sink.billed.entries()]);
    const summary = await collectVertexBilling(context, { now: NOW + 2 * HOUR, sink });
    expect(summary.from).toBe(END - 3 * DAY);
    expect([...sink.billed.entries()]).toEqual(first);
    expect(sink.cursor('vertex', BILLING_STREAM)).toBe(END);
  });

  it('replaces a restated day: +$1.50 on one row and a late $0.25 row make that day $1.75 more, not doubled', async () => {
    const rows = vertexBillingRows(END, 10);
    const { clock, context, sink } = await setup(rows);
    await collectVertexBilling(context, { now: NOW, sink });
    const before = billedByDay(sink);

    const restated = rows.find((row) => row.usage_start_time === END - 2 * DAY + 9 * HOUR)!;
    restated.cost = picosToDecimal(textPicos(restated.cost) + 1_500_000_000_000n);
    restated.export_time = NOW + HOUR;
    rows.push({ ...restated, cost: '0.25', credits: [], export_time: NOW + HOUR, cost_type: 'adjustment' });
    clock.now = NOW + 2 * HOUR;
    await collectVertexBilling(context, { now: clock.now, sink });

    const after = billedByDay(sink);
    expect(after).toEqual(expectedByDay(rows, clock.now));
    expect((after.get(END - 2 * DAY) ?? 0) - (before.get(END - 2 * DAY) ?? 0)).toBe(1_750_000);
    expect(sum(after) - sum(before)).toBe(1_750_000);
    expect(sink.cursor('vertex', BILLING_EXPORTED_STREAM)).toBe(NOW + HOUR);
  });

  it('sees a change older than restateDays only on a backfill (since)', async () => {
    const rows = vertexBillingRows(END, 10);
    const { context, sink } = await setup(rows);
    await collectVertexBilling(context, { now: NOW, sink });
    const old = rows.find((row) => row.usage_start_time === END - 8 * DAY + 9 * HOUR)!;
    old.cost = '100';
    await collectVertexBilling(context, { now: NOW + 2 * HOUR, sink });
    expect(billedByDay(sink).get(END - 8 * DAY)).not.toBe(expectedByDay(rows, NOW).get(END - 8 * DAY));
    await collectVertexBilling(context, { now: NOW + 3 * HOUR, since: END - 10 * DAY, sink });
    expect(billedByDay(sink)).toEqual(expectedByDay(rows, NOW));
  });

  it('sends no query within minPollSeconds (1 hour) of the last pass', async () => {
    const { sim, context, sink } = await setup(vertexBillingRows(END, 3));
    await collectVertexBilling(context, { now: NOW, sink });
    const calls = sim.calls.length;
    const summary = await collectVertexBilling(context, { now: NOW + 30 * 60, sink });
    expect(summary.pages).toBe(0);
    expect(sim.calls).toHaveLength(calls);
  });

  it('polls a query that answers jobComplete:false 3 times, then stores its rows', async () => {
    const rows = vertexBillingRows(END, 2);
    const { sim, context, sink } = await setup(rows, { pendingPolls: () => 3 }, { backfillDays: 2 });
    await collectVertexBilling(context, { now: NOW, sink });
    expect(billedByDay(sink)).toEqual(expectedByDay(rows, NOW));
    const gets = sim.calls.filter((call) => call.method === 'GET');
    expect(gets).toHaveLength(3);
    expect(gets.every((call) => call.query.pageToken === undefined && call.query.location === 'US')).toBe(
      true,
    );
  });

  it('reads 10 days through 40-row pages: 2 queries of 960 rows in 24 pages each, same totals', async () => {
    const rows = vertexBillingRows(END, 10);
    const { sim, context, sink } = await setup(rows, {}, { pageRows: 40 });
    await collectVertexBilling(context, { now: NOW, sink });
    expect(billedByDay(sink)).toEqual(expectedByDay(rows, NOW));
    const paged = sim.calls.filter((call) => call.query.pageToken !== undefined);
    // Each 7-day query holds 5 days of rows (the backfill starts 2 days before the data): 960 rows.
    expect(paged).toHaveLength(2 * 23);
    expect(paged.every((call) => call.query.maxResults === '40')).toBe(true);
  });
});

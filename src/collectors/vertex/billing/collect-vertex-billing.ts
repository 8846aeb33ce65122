import type { BigQuery } from '@google-cloud/bigquery';
import { AiSpendError } from '../../../core/errors.js';
import { type BilledFact, SECONDS_PER_DAY } from '../../../core/facts.js';
import type { CollectRequest, StreamSummary } from '../../collector.js';
import { collectStream, type PagedStream } from '../../paged-stream.js';
import { classifyBigQueryError } from './classify-bigquery-error.js';
import { checkBillingTable, readBillingRows } from './client.js';
import { mapBillingRows } from './map.js';

/** The stream of billed Vertex days. */
export const BILLING_STREAM = 'billing';
/** Its cursor is the time of the last successful pass (UTC epoch seconds), to space out paid queries. */
export const BILLING_POLLED_STREAM = 'billing:polled';
/** Its cursor is the latest `export_time` seen: how fresh the export is ("billed through"). */
export const BILLING_EXPORTED_STREAM = 'billing:exported';

const MAX_CHUNK_DAYS = 7;

export interface VertexBillingContext {
  /** A client from `createBigQueryClient`; its project runs (and pays for) the query jobs. */
  bigquery: BigQuery;
  /** `sources.vertex.billing_table`: `project.dataset.table` of the Cloud Billing export. */
  billingTable: string;
  /** Days before the cursor re-read on every pass, because the export restates recent days. */
  restateDays?: number;
  /** How far back the first pass reads. */
  backfillDays?: number;
  /** The export dataset's location, when BigQuery should not infer it from the table. */
  location?: string;
  /** Days per query, at most 7: each range is read whole, then written as one page. */
  chunkDays?: number;
  /** Rows per result page. */
  pageRows?: number;
  /** Every query is billed by bytes scanned: a pass sooner than this after the last one reads nothing. */
  minPollSeconds?: number;
  pollDelayMs?: number;
  maxPolls?: number;
}

/**
 * Reads the Vertex AI and Claude-on-Vertex spend of the Cloud Billing export into daily billed
 * facts, net of credits. Each pass re-reads whole UTC days from `restateDays` before its cursor to
 * the end of today and replaces those days, so a restated row replaces and never adds. Skipped
 * within `minPollSeconds` of the last pass unless `request.since` asks for a backfill. Throws
 * `AiSpendError`.
 */
export async function collectVertexBilling(
  context: VertexBillingContext,
  request: CollectRequest,
): Promise<StreamSummary> {
  const {
    bigquery,
    restateDays = 3,
    backfillDays = 30,
    location,
    chunkDays = MAX_CHUNK_DAYS,
    pageRows = 10_000,
    minPollSeconds = 3_600,
    pollDelayMs = 1_000,
    maxPolls = 60,
  } = context;
  const { now, sink } = request;
  const billingTable = checkBillingTable(context.billingTable);
  if (!Number.isInteger(restateDays) || restateDays < 0) {
    throw new AiSpendError(
      'config_invalid',
      `restate days must be a whole number of days, not ${restateDays}`,
      {
        hint: 'set sources.vertex.restate_days to 0 or more',
      },
    );
  }
  const polled = sink.cursor('vertex', BILLING_POLLED_STREAM);
  if (request.since === undefined && polled !== undefined && now - polled < minPollSeconds) {
    return { stream: BILLING_STREAM, pages: 0, facts: 0, from: now, to: now };
  }
  const daysPerQuery = Math.max(1, Math.min(MAX_CHUNK_DAYS, Math.floor(chunkDays)));
  let lastExportTime: number | undefined;

  const spec: PagedStream<BilledFact> = {
    stream: BILLING_STREAM,
    bucketSeconds: SECONDS_PER_DAY,
    repollSeconds: restateDays * SECONDS_PER_DAY,
    fetchPage: async (window, page) => {
      const start = page === undefined ? window.start : Number(page);
      const days = { start, end: Math.min(window.end, start + daysPerQuery * SECONDS_PER_DAY) };
      const { rows } = await readBillingRows(bigquery, {
        table: billingTable,
        since: days.start,
        until: days.end,
        pageRows,
        pollDelayMs,
        maxPolls,
        ...(location === undefined ? {} : { location }),
      });
      const mapped = mapBillingRows(rows, { days, now, restateDays });
      if (mapped.lastExportTime !== undefined) {
        lastExportTime = Math.max(lastExportTime ?? mapped.lastExportTime, mapped.lastExportTime);
      }
      const buckets: number[] = [];
      for (let day = days.start; day < days.end; day += SECONDS_PER_DAY) buckets.push(day);
      return { buckets, facts: mapped.facts, nextPage: days.end < window.end ? String(days.end) : null };
    },
    writePage: (target, { buckets, facts, cursor }) =>
      target.writeBilled('vertex', { stream: BILLING_STREAM, days: buckets, facts, cursor }),
  };

  try {
    const summary = await collectStream('vertex', spec, request, {
      backfillSeconds: backfillDays * SECONDS_PER_DAY,
    });
    const exported = sink.cursor('vertex', BILLING_EXPORTED_STREAM);
    if (lastExportTime !== undefined && (exported === undefined || lastExportTime > exported)) {
      sink.writeBilled('vertex', {
        stream: BILLING_EXPORTED_STREAM,
        days: [],
        facts: [],
        cursor: lastExportTime,
      });
    }
    sink.writeBilled('vertex', { stream: BILLING_POLLED_STREAM, days: [], facts: [], cursor: now });
    return summary;
  } catch (error) {
    throw classifyBigQueryError(error, {
      billingTable,
      projectId: bigquery.projectId,
      ...(location === undefined ? {} : { location }),
    });
  }
}

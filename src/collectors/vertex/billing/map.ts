import type { z } from 'zod';
import { AiSpendError } from '../../../core/errors.js';
import { type BilledFact, type FactDimensions, SECONDS_PER_DAY } from '../../../core/facts.js';
import { type Micros, micros, parseDecimalMicros } from '../../../core/money.js';
import { isoTime } from '../../../core/period.js';
import { alignDown } from '../../paged-stream.js';
import { type BillingRow, billingRowSchema } from './billing-row-schema.js';
import { billingSchemaError } from './billing-schema-error.js';
import { skuModel } from './sku-model.js';

export interface MapBillingOptions {
  /** The UTC days `[start, end)` (epoch seconds, midnights) the rows were read for. */
  days: { start: number; end: number };
  /** The current time, UTC epoch seconds. */
  now: number;
  /** A day stays not final while it is within this many days of `now`: the export restates it. */
  restateDays: number;
}

export interface MappedBilling {
  /** One fact per day, project, region, SKU, request labels and project labels, net of credits. */
  facts: BilledFact[];
  /** The latest `export_time` among the rows (UTC epoch seconds), or `undefined` without rows. */
  lastExportTime: number | undefined;
}

/**
 * Sums hourly export rows into daily billed facts. Each row is worth `cost` plus its credits
 * (negative), each parsed from decimal text and rounded half to even at the micro-dollar. The
 * line item is the SKU; request labels (`team`, `feature`, …) and project labels (as tags) stay
 * on the fact for attribution, so rows differing in any label are never merged.
 */
export function mapBillingRows(
  rows: readonly unknown[],
  { days, now, restateDays }: MapBillingOptions,
): MappedBilling {
  const byKey = new Map<string, BilledFact>();
  let lastExportTime: number | undefined;
  rows.forEach((raw, index) => {
    const path = `$.rows[${index}]`;
    const row = parseRow(raw, path);
    const usageStart = epochSeconds(row.usage_start_time.value, `${path}.usage_start_time`);
    const exportTime = epochSeconds(row.export_time.value, `${path}.export_time`);
    lastExportTime = Math.max(lastExportTime ?? exportTime, exportTime);
    if (usageStart < days.start || usageStart >= days.end) {
      throw billingSchemaError(
        `${path}.usage_start_time`,
        `${isoTime(usageStart)}, outside the requested ${isoTime(days.start)} to ${isoTime(days.end)}`,
      );
    }
    if (row.currency !== 'USD') {
      throw new AiSpendError(
        'provider_schema',
        `the Vertex billing export is in ${row.currency} at ${path}.currency`,
        {
          hint: 'ai-spend stores US dollars; billing accounts invoiced in another currency are not supported',
        },
      );
    }
    const day = alignDown(usageStart, SECONDS_PER_DAY);
    const dims = dimensions(row, path);
    const amount = netMicros(row, path);
    const key = JSON.stringify([day, dims, row.sku]);
    const fact = byKey.get(key);
    if (fact === undefined) {
      const final = day < now - restateDays * SECONDS_PER_DAY;
      byKey.set(key, { dims, day, lineItem: row.sku, amountMicros: amount, final });
    } else {
      fact.amountMicros = micros(fact.amountMicros + amount);
    }
  });
  const facts = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, fact]) => fact);
  return { facts, lastExportTime };
}

function parseRow(raw: unknown, path: string): BillingRow {
  const parsed = billingRowSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  if (issue === undefined) throw billingSchemaError(path, 'a row it cannot read');
  throw billingSchemaError(issuePath(path, issue), issueProblem(issue));
}

function issuePath(path: string, issue: z.core.$ZodIssue): string {
  const at = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    path,
  );
  return issue.code === 'unrecognized_keys' ? `${at}.${issue.keys.join(',')}` : at;
}

function issueProblem(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `a column ai-spend did not ask for (${issue.keys.join(', ')})`;
  return issue.message;
}

function dimensions(row: BillingRow, path: string): FactDimensions {
  const dims: FactDimensions = { source: 'vertex' };
  if (row.project_id) dims.projectId = row.project_id;
  const region = row.region ?? row.location;
  if (region) dims.region = region;
  const model = skuModel(row.sku);
  if (model !== undefined) dims.model = model;
  const labels = labelMap(row.labels, `${path}.labels`);
  if (labels !== undefined) dims.labels = labels;
  const tags = labelMap(row.project_labels, `${path}.project_labels`);
  if (tags !== undefined) dims.tags = tags;
  // Request labels name the team the invoice row belongs to: such a row stays with its labels rather
  // than being split over the project's (unlabelled) monitoring usage.
  if (row.project_id) {
    const labelled =
      labels === undefined
        ? ''
        : `|${Object.entries(labels)
            .sort()
            .map(([key, value]) => `${key}=${value}`)
            .join(',')}`;
    dims.billingScope = `vertex|${row.project_id}${labelled}`;
  }
  return dims;
}

/** Labels as a record with sorted keys, so equal label sets give equal grouping keys. */
function labelMap(labels: BillingRow['labels'], path: string): Readonly<Record<string, string>> | undefined {
  if (labels.length === 0) return undefined;
  const seen = new Map<string, string>();
  labels.forEach((label, index) => {
    if (seen.has(label.key)) {
      throw billingSchemaError(
        `${path}[${index}].key`,
        `label key ${JSON.stringify(label.key)} a second time`,
      );
    }
    seen.set(label.key, label.value ?? '');
  });
  return Object.fromEntries([...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function netMicros(row: BillingRow, path: string): Micros {
  let total = decimalMicros(row.cost, `${path}.cost`);
  row.credits.forEach((credit, index) => {
    total = micros(total + decimalMicros(credit.amount, `${path}.credits[${index}].amount`));
  });
  return total;
}

function decimalMicros(text: string, path: string): Micros {
  try {
    return parseDecimalMicros(text, 'usd');
  } catch (error) {
    if (!(error instanceof AiSpendError)) throw error;
    throw billingSchemaError(path, error.message);
  }
}

function epochSeconds(text: string, path: string): number {
  const millis = Date.parse(text);
  if (Number.isNaN(millis))
    throw billingSchemaError(path, `a timestamp it cannot read (${JSON.stringify(text)})`);
  return Math.floor(millis / 1000);
}

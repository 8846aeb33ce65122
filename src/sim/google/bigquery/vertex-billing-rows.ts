import { modelFamily } from '../../../core/model-family.js';
import { parseDecimalMicros } from '../../../core/money.js';
import { DAY, HOUR, utcDay } from '../../scenario/demo-story.js';
import { rngFor } from '../../scenario/rng.js';
import {
  VERTEX_WORKLOADS,
  type VertexHour,
  type VertexWorkload,
  vertexHour,
} from '../../scenario/vertex/vertex-workloads.js';
import type { BillingExportRow, ExportCredit, ExportLabel } from './billing-export-row.js';
import { picosToDecimal } from './decimal-text.js';
import { VERTEX_SIM_MODELS, type VertexSimModel, type VertexTokenKind } from './vertex-sim-prices.js';

/** The simulated billing account and the export table it writes to. */
export const SIM_BILLING_ACCOUNT = '0123AB-CDEF45-678901';
export const SIM_BILLING_TABLE =
  'acme-billing.billing_export.gcp_billing_export_resource_v1_0123AB_CDEF45_678901';

/** Project metadata of the demo company: number, name and project labels (`tags` in ai-spend). */
export const SIM_PROJECTS: Readonly<Record<string, { number: string; labels: ExportLabel[] }>> = {
  'acme-growth-prod': {
    number: '401234567001',
    labels: [
      { key: 'cost-center', value: 'cc-410' },
      { key: 'env', value: 'prod' },
    ],
  },
  'acme-mobile-prod': {
    number: '401234567002',
    labels: [
      { key: 'cost-center', value: 'cc-520' },
      { key: 'env', value: 'prod' },
    ],
  },
  'acme-platform-prod': { number: '401234567003', labels: [{ key: 'env', value: 'prod' }] },
};

const COUNTRIES: Readonly<Record<string, string>> = {
  'us-central1': 'US',
  'us-east5': 'US',
  'europe-west4': 'NL',
};

const TOKEN_KINDS: readonly VertexTokenKind[] = ['input', 'output', 'cachedInput'];

/**
 * Export rows for every hour in `[end - days·86400, end)` (UTC epoch seconds, aligned down to the
 * hour): one row per workload, hour and billed token kind (SKU) with cost = tokens × list price
 * exactly, a few negative credits, one Cloud Storage row per project and day that a Vertex query
 * must leave out, and an `export_time` 3 to 8 hours after the usage hour ends.
 */
export function vertexBillingRows(end: number, days: number): BillingExportRow[] {
  const last = end - (end % HOUR);
  const rows: BillingExportRow[] = [];
  for (let hourStart = last - days * DAY; hourStart < last; hourStart += HOUR) {
    for (const workload of VERTEX_WORKLOADS) {
      const hour = vertexHour(workload, hourStart);
      for (const kind of TOKEN_KINDS) {
        const row = tokenRow(workload, hour, kind, hourStart);
        if (row !== undefined) rows.push(row);
      }
    }
    if (hourStart === utcDay(hourStart)) {
      for (const project of Object.keys(SIM_PROJECTS)) rows.push(storageRow(project, hourStart));
    }
  }
  return rows;
}

function tokenRow(
  workload: VertexWorkload,
  hour: VertexHour,
  kind: VertexTokenKind,
  hourStart: number,
): BillingExportRow | undefined {
  const tokens = { input: hour.inputTokens, output: hour.outputTokens, cachedInput: hour.cachedInputTokens }[
    kind
  ];
  if (tokens === 0) return undefined;
  const model = simModel(workload);
  const costPicos = BigInt(tokens) * BigInt(parseDecimalMicros(model.pricePerMillion[kind]));
  const exportLag =
    3 * HOUR + Math.floor(rngFor('vertex-billing-export', workload.id, hourStart)() * 300) * 60;
  return {
    ...baseRow(workload.project, workload.region, hourStart, exportLag),
    service: model.service,
    sku: model.skus[kind],
    labels: [
      { key: 'feature', value: workload.labels.feature },
      { key: 'team', value: workload.labels.team },
    ],
    cost: picosToDecimal(costPicos),
    usage: {
      amount: String(tokens),
      unit: 'count',
      amount_in_pricing_units: picosToDecimal(BigInt(tokens) * 1_000_000n),
      pricing_unit: 'count1e6',
    },
    credits: credits(workload, kind, hourStart, costPicos),
    transaction_type: model.transactionType,
    seller_name: model.seller,
  };
}

/** Mobile's input tokens get a 5% promotion every sixth hour; growth's noon output gets two credits. */
function credits(
  workload: VertexWorkload,
  kind: VertexTokenKind,
  hourStart: number,
  costPicos: bigint,
): ExportCredit[] {
  const hourOfDay = (hourStart % DAY) / HOUR;
  const credit = (type: string, percent: bigint): ExportCredit => ({
    name: type === 'PROMOTION' ? 'Vertex AI launch promotion' : 'Committed spend discount',
    amount: picosToDecimal(-((costPicos * percent) / 100n)),
    full_name: null,
    id: `${type.toLowerCase()}-${workload.project}`,
    type,
  });
  if (workload.id === 'mobile-voice-summary' && kind === 'input' && hourOfDay % 6 === 3) {
    return [credit('PROMOTION', 5n)];
  }
  if (workload.id === 'growth-copywriter' && kind === 'output' && hourOfDay === 12) {
    return [credit('PROMOTION', 1n), credit('DISCOUNT', 2n)];
  }
  return [];
}

function storageRow(project: string, hourStart: number): BillingExportRow {
  return {
    ...baseRow(project, 'us-central1', hourStart, 4 * HOUR),
    service: { id: '95FF-2EF5-5EA1', description: 'Cloud Storage' },
    sku: { id: 'E5F0-6A5D-7BAD', description: 'Standard Storage US Regional' },
    labels: [],
    cost: '0.0421',
    usage: {
      amount: '1890000000000',
      unit: 'byte-seconds',
      amount_in_pricing_units: '0.7',
      pricing_unit: 'gibibyte month',
    },
    credits: [],
    transaction_type: 'GOOGLE',
    seller_name: 'Google',
  };
}

type CommonColumns = Omit<
  BillingExportRow,
  'service' | 'sku' | 'labels' | 'cost' | 'usage' | 'credits' | 'transaction_type' | 'seller_name'
>;

function baseRow(project: string, region: string, hourStart: number, exportLag: number): CommonColumns {
  const meta = SIM_PROJECTS[project] ?? { number: '0', labels: [] };
  const month = new Date(hourStart * 1000).toISOString().slice(0, 7).replace('-', '');
  return {
    billing_account_id: SIM_BILLING_ACCOUNT,
    usage_start_time: hourStart,
    usage_end_time: hourStart + HOUR,
    project: { id: project, number: meta.number, name: project, labels: meta.labels },
    system_labels: [],
    location: { location: region, country: COUNTRIES[region] ?? null, region, zone: null },
    export_time: hourStart + HOUR + exportLag,
    currency: 'USD',
    currency_conversion_rate: '1',
    invoice: { month },
    cost_type: 'regular',
  };
}

function simModel(workload: VertexWorkload): VertexSimModel {
  const model = VERTEX_SIM_MODELS[modelFamily(workload.model)];
  if (model === undefined) throw new Error(`no simulator price for Vertex model ${workload.model}`);
  return model;
}

import type { OpenAiCostRecord } from '../scenario-types.js';
import { type BucketPage, matchesFilter, parseBucketQuery, type QueryValues } from './bucket-query.js';
import { microsToDollars } from './micros-to-dollars.js';

export const COSTS_GROUPABLE = ['project_id', 'user_id', 'line_item', 'api_key_id', 'api_source'] as const;

const COSTS_LIMITS = { '1d': { default: 7, max: 180 } };

/** The body of `GET /v1/organization/costs` for `query`: daily dollar amounts summed over ungrouped fields. */
export function costsPage(records: readonly OpenAiCostRecord[], query: QueryValues, now: number): object {
  const page = parseBucketQuery(query, { limits: COSTS_LIMITS, groupable: COSTS_GROUPABLE, now });
  const selected = records.filter(
    (record) =>
      matchesFilter(query, 'project_ids', record.projectId) &&
      matchesFilter(query, 'api_key_ids', record.apiKeyId) &&
      matchesFilter(query, 'line_items', record.lineItem),
  );
  return {
    object: 'page',
    data: page.bucketStarts.map((bucketStart) => ({
      object: 'bucket',
      start_time: bucketStart,
      end_time: bucketStart + page.widthSeconds,
      results: bucketResults(selected, bucketStart, page),
    })),
    has_more: page.nextPage !== null,
    next_page: page.nextPage,
  };
}

interface CostGroup {
  dims: { project_id: string | null; line_item: string | null; api_key_id: string | null };
  amountMicros: number;
  quantity: number | null;
  quantityUnits: Set<string | null>;
}

function bucketResults(records: readonly OpenAiCostRecord[], bucketStart: number, page: BucketPage) {
  const grouped = new Set(page.groupBy);
  const pick = (field: string, value: string | null) => (grouped.has(field) ? value : null);
  const groups = new Map<string, CostGroup>();
  for (const record of records) {
    if (record.day < bucketStart || record.day >= bucketStart + page.widthSeconds) continue;
    const dims = {
      project_id: pick('project_id', record.projectId),
      line_item: pick('line_item', record.lineItem),
      api_key_id: pick('api_key_id', record.apiKeyId),
    };
    const key = JSON.stringify(dims);
    const group = groups.get(key) ?? { dims, amountMicros: 0, quantity: null, quantityUnits: new Set() };
    group.amountMicros += record.amountMicros;
    group.quantityUnits.add(record.quantityUnit);
    if (record.quantity !== null) group.quantity = (group.quantity ?? 0) + record.quantity;
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => {
      // Quantities in different units (tokens and images under one project) do not add up.
      const [unit] = group.quantityUnits.size === 1 ? [...group.quantityUnits] : [null];
      return {
        object: 'organization.costs.result',
        amount: { value: microsToDollars(group.amountMicros), currency: 'usd' },
        line_item: group.dims.line_item,
        project_id: group.dims.project_id,
        api_key_id: group.dims.api_key_id,
        user_id: null,
        quantity: group.quantityUnits.size === 1 ? group.quantity : null,
        quantity_unit: unit ?? null,
        api_source: null,
      };
    });
}

import { AiSpendError } from '../../../core/errors.js';
import { type BilledFact, type FactDimensions, SECONDS_PER_DAY } from '../../../core/facts.js';
import { usdNumberToMicros } from '../../../core/money.js';
import { parseResourceId } from '../resource-id.js';
import { meterModel } from './meter-model.js';
import { type CostTable, schemaError } from './parse-query-result.js';

/** What is known of each resource beyond its daily cost: its location and tag values. */
export interface ResourceFacts {
  region?: string;
  tags: Record<string, string>;
}

/** Reads the tables grouped by `ResourceId` and one attribute (`ResourceLocation` or a `TagKey`). */
export function resourceFacts(
  location: CostTable,
  tagTables: ReadonlyArray<{ key: string; table: CostTable }>,
): Map<string, ResourceFacts> {
  const facts = new Map<string, ResourceFacts>();
  const entry = (id: string): ResourceFacts => {
    const found = facts.get(id) ?? { tags: {} };
    facts.set(id, found);
    return found;
  };
  for (const row of cells(location, ['ResourceId', 'ResourceLocation'], 'locations')) {
    const [id, region] = row as [string, string];
    if (region !== '') entry(id.toLowerCase()).region = region.toLowerCase();
  }
  for (const { key, table } of tagTables) {
    for (const row of cells(table, ['ResourceId', 'TagValue'], `tag ${key}`)) {
      const [id, value] = row as [string, string];
      if (value !== '') entry(id.toLowerCase()).tags[key] = value;
    }
  }
  return facts;
}

/**
 * Daily cost rows (`Cost`, `UsageDate`, `ResourceId`, `Meter`, `Currency`) as billed facts, one per
 * resource, meter and day in `days`; a day is final once it is older than the repoll horizon.
 */
export function mapCostRows(
  table: CostTable,
  resources: ReadonlyMap<string, ResourceFacts>,
  { days, finalBefore }: { days: { start: number; end: number }; finalBefore: number },
): BilledFact[] {
  const sums = new Map<string, BilledFact>();
  const rows = cells(table, ['Cost', 'UsageDate', 'ResourceId', 'Meter', 'Currency'], 'daily cost');
  rows.forEach((row, index) => {
    const [cost, date, resourceId, meter, currency] = row as [number, number, string, string, string];
    if (currency.toUpperCase() !== 'USD') {
      throw new AiSpendError('provider_schema', `Cost Management row ${index} is in ${currency}, not USD`, {
        hint: 'ai-spend counts US dollars; query a scope billed in USD in sources.azure.scopes',
      });
    }
    const day = usageDay(date, index);
    if (day < days.start || day >= days.end) return;
    const id = resourceId.toLowerCase();
    const key = JSON.stringify([id, meter, day]);
    const amount = usdNumberToMicros(cost);
    const existing = sums.get(key);
    if (existing) {
      existing.amountMicros = (existing.amountMicros + amount) as BilledFact['amountMicros'];
      return;
    }
    sums.set(key, {
      dims: costDims(id, meter, resources.get(id)),
      day,
      lineItem: meter,
      amountMicros: amount,
      final: day + SECONDS_PER_DAY <= finalBefore,
    });
  });
  return [...sums.values()];
}

function costDims(id: string, meter: string, facts: ResourceFacts | undefined): FactDimensions {
  const resource = parseResourceId(id);
  const model = meterModel(meter);
  return {
    source: 'azure',
    ...(resource ? { accountId: resource.subscriptionId } : {}),
    ...(resource?.resourceGroup ? { projectId: resource.resourceGroup } : {}),
    ...(model ? { model } : {}),
    ...(facts?.region ? { region: facts.region } : {}),
    ...(facts && Object.keys(facts.tags).length > 0 ? { tags: { ...facts.tags } } : {}),
    billingScope: `azure|${id}`,
  };
}

function usageDay(date: number, index: number): number {
  const text = String(date);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 1000 : Number.NaN;
  if (!Number.isFinite(day))
    throw schemaError('daily cost', `properties.rows[${index}].UsageDate`, `is ${text}`);
  return day;
}

/** The named columns of every row, type-checked: numbers for `Cost`/`UsageDate`, text otherwise. */
function cells(table: CostTable, names: readonly string[], where: string): unknown[][] {
  if (table.rows.length === 0) return [];
  const indexes = names.map((name) => {
    const index = table.columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
    if (index < 0) throw schemaError(where, 'properties.columns', `has no ${name} column`);
    return index;
  });
  return table.rows.map((row, rowIndex) =>
    indexes.map((column, i) => {
      const value = row[column];
      const numeric = names[i] === 'Cost' || names[i] === 'UsageDate';
      const ok = numeric ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string';
      if (ok) return value;
      if (!numeric && value === null) return '';
      throw schemaError(
        where,
        `properties.rows[${rowIndex}][${column}]`,
        `(${names[i]}) is ${JSON.stringify(value)}, not ${numeric ? 'a number' : 'text'}`,
      );
    }),
  );
}

import type { AzureCostLine } from './cost-lines.js';
import { microsAsUsdNumber } from './cost-lines.js';

/** A Cost Management error the simulator answers with. */
export class AzureSimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Grouping {
  type: 'Dimension' | 'TagKey';
  name: string;
}

const DIMENSIONS: Record<string, (line: AzureCostLine) => string> = {
  resourceid: (line) => line.resourceId,
  meter: (line) => line.meter,
  metersubcategory: (line) => line.meterSubCategory,
  resourcelocation: (line) => line.location,
  resourcegroupname: (line) => line.resourceGroup,
  servicename: (line) => line.serviceName,
  resourcetype: (line) => line.resourceType,
};

/** The query's window `[from, to)` as UTC epoch seconds of whole days (`to` is inclusive on the wire). */
export function queryDays(body: unknown): { from: number; to: number } {
  const record = body as { timeframe?: string; timePeriod?: { from?: string; to?: string } };
  if (record.timeframe !== 'Custom' || !record.timePeriod?.from || !record.timePeriod.to) {
    throw new AzureSimError(400, 'BadRequest', 'only timeframe Custom with timePeriod is simulated');
  }
  const from = Date.parse(record.timePeriod.from) / 1000;
  const to = Date.parse(record.timePeriod.to) / 1000;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    throw new AzureSimError(400, 'BadRequest', 'invalid timePeriod');
  }
  return { from: from - (from % 86_400), to: to - (to % 86_400) + 86_400 };
}

/** Runs a Query API body over the simulated bill: `{ columns, rows }` like the real service. */
export function runCostQuery(
  body: unknown,
  lines: readonly AzureCostLine[],
): { columns: Array<{ name: string; type: string }>; rows: unknown[][] } {
  const dataset = (body as { dataset?: Record<string, unknown> }).dataset ?? {};
  const aggregation = Object.entries((dataset.aggregation ?? {}) as Record<string, { name?: string }>);
  const [alias, spec] = aggregation[0] ?? [];
  if (aggregation.length !== 1 || alias === undefined || spec?.name !== 'Cost') {
    throw new AzureSimError(400, 'BadRequest', 'simulated queries aggregate exactly one Sum of Cost');
  }
  const grouping = (dataset.grouping ?? []) as Grouping[];
  if (grouping.length > 2) throw new AzureSimError(400, 'BadRequest', 'at most 2 groupings');
  for (const group of grouping) {
    if (group.type === 'Dimension' && !DIMENSIONS[group.name.toLowerCase()]) {
      throw new AzureSimError(400, 'BadRequest', `unknown dimension ${group.name}`);
    }
  }
  const daily = dataset.granularity === 'Daily';
  const filtered = lines.filter((line) => matches(dataset.filter, line));
  const sums = new Map<string, { key: string[]; day: number; micros: number }>();
  for (const line of filtered) {
    const key = grouping.flatMap((group) =>
      group.type === 'TagKey'
        ? [group.name, line.tags[group.name] ?? '']
        : [DIMENSIONS[group.name.toLowerCase()]?.(line) ?? ''],
    );
    const day = daily ? line.day : 0;
    const id = JSON.stringify([day, key]);
    const sum = sums.get(id);
    if (sum) sum.micros += line.micros;
    else sums.set(id, { key, day, micros: line.micros });
  }
  const columns = [
    { name: alias, type: 'Number' },
    ...(daily ? [{ name: 'UsageDate', type: 'Number' }] : []),
    ...grouping.flatMap((group) =>
      group.type === 'TagKey'
        ? [
            { name: 'TagKey', type: 'String' },
            { name: 'TagValue', type: 'String' },
          ]
        : [{ name: group.name, type: 'String' }],
    ),
    { name: 'Currency', type: 'String' },
  ];
  const rows = [...sums.values()]
    .sort((a, b) => a.day - b.day || a.key.join('|').localeCompare(b.key.join('|')))
    .map((sum) => [
      microsAsUsdNumber(sum.micros),
      ...(daily ? [Number(new Date(sum.day * 1000).toISOString().slice(0, 10).replaceAll('-', ''))] : []),
      ...sum.key,
      'USD',
    ]);
  return { columns, rows };
}

function matches(filter: unknown, line: AzureCostLine): boolean {
  if (filter === undefined || filter === null) return true;
  const node = filter as {
    and?: unknown[];
    or?: unknown[];
    dimensions?: { name: string; operator: string; values: string[] };
  };
  if (node.and) return node.and.every((part) => matches(part, line));
  if (node.or) return node.or.some((part) => matches(part, line));
  if (node.dimensions) {
    const read = DIMENSIONS[node.dimensions.name.toLowerCase()];
    if (!read) throw new AzureSimError(400, 'BadRequest', `unknown filter dimension ${node.dimensions.name}`);
    const value = read(line).toLowerCase();
    const values = node.dimensions.values.map((entry) => entry.toLowerCase());
    return node.dimensions.operator === 'Contains'
      ? values.some((entry) => value.includes(entry))
      : values.includes(value);
  }
  throw new AzureSimError(400, 'BadRequest', 'unsupported filter');
}

import type { BedrockCostRecord } from '../../scenario-types.js';
import { AwsError } from '../aws-json-server.js';
import { nextMonthStart, parseCeDate } from './ce-date.js';
import {
  compileFilter,
  dimensionReader,
  type MatchOptionPolicy,
  type RecordPredicate,
} from './filter-expression.js';

export const COST_METRICS = [
  'AmortizedCost',
  'BlendedCost',
  'NetAmortizedCost',
  'NetUnblendedCost',
  'UnblendedCost',
] as const;
const METRICS = new Set<string>([...COST_METRICS, 'UsageQuantity', 'NormalizedUsageAmount']);
const DAY = 86_400;

export interface GroupDefinition {
  Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY';
  Key: string;
}

/** A validated GetCostAndUsage request. Times are UTC epoch seconds; `end` is exclusive. */
export interface CostQuery {
  start: number;
  end: number;
  granularity: 'DAILY' | 'MONTHLY';
  metrics: string[];
  groupBy: GroupDefinition[];
  /** The group key of a record, one part per group definition (`team$search`, `Amazon Bedrock`). */
  groupKeys(record: BedrockCostRecord): string[];
  filter: RecordPredicate;
}

/** Validates a GetCostAndUsage body the way the service does, throwing its ValidationException. */
export function parseCostQuery(body: Record<string, unknown>, policy: MatchOptionPolicy): CostQuery {
  const period = (body.TimePeriod ?? {}) as Record<string, unknown>;
  const start = parseCeDate(period.Start, 'TimePeriod.Start');
  const end = parseCeDate(period.End, 'TimePeriod.End');
  if (start >= end) {
    throw new AwsError('ValidationException', 'Start date (and hour) should be before end date (and hour)');
  }
  const granularity = body.Granularity;
  if (granularity === 'HOURLY')
    throw new AwsError('ValidationException', 'hourly granularity is not enabled');
  if (granularity !== 'DAILY' && granularity !== 'MONTHLY') {
    throw new AwsError(
      'ValidationException',
      `Granularity must be DAILY or MONTHLY, not ${String(granularity)}`,
    );
  }
  const metrics = body.Metrics;
  if (!Array.isArray(metrics) || metrics.length === 0) {
    throw new AwsError('ValidationException', 'Metrics are required');
  }
  for (const metric of metrics) {
    if (!METRICS.has(String(metric))) {
      throw new AwsError(
        'ValidationException',
        `Invalid metric: ${String(metric)}. Valid metrics are: ${[...METRICS].join(', ')}`,
      );
    }
  }
  const groupBy = parseGroupBy(body.GroupBy);
  const readers = groupBy.map(groupReader);
  const filter =
    body.Filter === undefined || body.Filter === null ? () => true : compileFilter(body.Filter, policy);
  return {
    start,
    end,
    granularity,
    metrics: metrics as string[],
    groupBy,
    groupKeys: (record) => readers.map((read) => read(record)),
    filter,
  };
}

/** The result periods of a query: whole days, or calendar months clipped to the query. */
export function queryPeriods(
  query: Pick<CostQuery, 'start' | 'end' | 'granularity'>,
): Array<{ start: number; end: number }> {
  const periods: Array<{ start: number; end: number }> = [];
  for (let start = query.start; start < query.end; ) {
    const next = query.granularity === 'DAILY' ? start + DAY : nextMonthStart(start);
    const end = Math.min(next, query.end);
    periods.push({ start, end });
    start = end;
  }
  return periods;
}

function parseGroupBy(value: unknown): GroupDefinition[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsError('ValidationException', 'GroupBy must be a list');
  if (value.length > 2) {
    throw new AwsError('ValidationException', 'GroupBy can contain at most 2 group definitions');
  }
  return value.map((entry: Record<string, unknown> | null) => {
    const type = entry?.Type;
    const key = entry?.Key;
    if (type !== 'DIMENSION' && type !== 'TAG' && type !== 'COST_CATEGORY') {
      throw new AwsError('ValidationException', `Invalid group type: ${String(type)}`);
    }
    if (typeof key !== 'string' || key === '') {
      throw new AwsError('ValidationException', 'A group definition needs a Key');
    }
    return { Type: type, Key: key };
  });
}

function groupReader({ Type, Key }: GroupDefinition): (record: BedrockCostRecord) => string {
  if (Type === 'DIMENSION') return dimensionReader(Key);
  if (Type === 'TAG') return (record) => `${Key}$${record.tags[Key] ?? ''}`;
  return () => `${Key}$`;
}

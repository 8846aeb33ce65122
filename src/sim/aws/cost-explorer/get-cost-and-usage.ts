import { isoDay } from '../../../core/period.js';
import type { BedrockCostRecord } from '../../scenario-types.js';
import { utcMidnight } from './ce-date.js';
import { COST_METRICS, parseCostQuery, queryPeriods } from './cost-query.js';
import type { MatchOptionPolicy } from './filter-expression.js';
import { microsToUsd } from './micros-to-usd.js';
import { decodePageToken, encodePageToken } from './page-token.js';

const DAY = 86_400;
const COST = new Set<string>(COST_METRICS);

export interface CostAndUsageContext {
  costs: readonly BedrockCostRecord[];
  /** Groups per page (an ungrouped period counts as one). */
  pageSize: number;
  /** UTC epoch seconds: periods ending after the start of the day before yesterday are `Estimated`. */
  now: number;
  policy: MatchOptionPolicy;
}

interface GroupSum {
  keys: string[];
  amountMicros: number;
  usageQuantity: number;
}

/**
 * Answers GetCostAndUsage over the records: sums per period and group, every cost metric equal to
 * the records' amount (no credits or discounts are modelled), paged over groups by `NextPageToken`.
 * A period's groups may be spread over several pages; a period without groups takes one slot.
 */
export function getCostAndUsage(body: Record<string, unknown>, context: CostAndUsageContext): unknown {
  const query = parseCostQuery(body, context.policy);
  const offset = decodePageToken(body);
  const periods = queryPeriods(query);
  const grouped = query.groupBy.length > 0;
  const sums = periods.map(() => new Map<string, GroupSum>());
  for (const record of context.costs) {
    if (record.day < query.start || record.day >= query.end || !query.filter(record)) continue;
    const index = periods.findIndex((period) => record.day < period.end);
    const keys = grouped ? query.groupKeys(record) : [];
    const id = JSON.stringify(keys);
    const bucket = sums[index]!;
    const sum = bucket.get(id) ?? { keys, amountMicros: 0, usageQuantity: 0 };
    sum.amountMicros += record.amountMicros;
    sum.usageQuantity += record.usageQuantity;
    bucket.set(id, sum);
  }
  const entries: Array<{ period: number; group: GroupSum | undefined }> = [];
  sums.forEach((bucket, period) => {
    const groups = [...bucket.values()].sort((a, b) => compare(a.keys.join('\u0000'), b.keys.join('\u0000')));
    if (groups.length === 0) entries.push({ period, group: undefined });
    for (const group of groups) entries.push({ period, group });
  });

  const estimatedAfter = utcMidnight(context.now) - 2 * DAY;
  const results: Array<{ period: number; result: Record<string, unknown> }> = [];
  for (const { period, group } of entries.slice(offset, offset + context.pageSize)) {
    let current = results.at(-1);
    if (current?.period !== period) {
      const { start, end } = periods[period]!;
      current = {
        period,
        result: {
          TimePeriod: { Start: isoDay(start), End: isoDay(end) },
          Total: grouped ? {} : metricValues(query.metrics, group),
          Groups: [],
          Estimated: end > estimatedAfter,
        },
      };
      results.push(current);
    }
    if (grouped && group !== undefined) {
      (current.result.Groups as unknown[]).push({
        Keys: group.keys,
        Metrics: metricValues(query.metrics, group),
      });
    }
  }
  const next = offset + context.pageSize;
  return {
    ...(grouped ? { GroupDefinitions: query.groupBy } : {}),
    ResultsByTime: results.map(({ result }) => result),
    DimensionValueAttributes: [],
    ...(next < entries.length ? { NextPageToken: encodePageToken(next, body) } : {}),
  };
}

function metricValues(
  metrics: string[],
  sum: GroupSum | undefined,
): Record<string, { Amount: string; Unit: string }> {
  const values: Record<string, { Amount: string; Unit: string }> = {};
  for (const metric of metrics) {
    if (COST.has(metric)) values[metric] = { Amount: microsToUsd(sum?.amountMicros ?? 0), Unit: 'USD' };
    else if (metric === 'UsageQuantity')
      values[metric] = { Amount: String(sum?.usageQuantity ?? 0), Unit: 'N/A' };
    else values[metric] = { Amount: '0', Unit: 'N/A' };
  }
  return values;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

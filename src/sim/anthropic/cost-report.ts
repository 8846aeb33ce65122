import type { AnthropicCostRecord } from '../scenario-types.js';
import { microsToCents } from './micros-to-cents.js';
import {
  encodePageToken,
  formatTime,
  pageBuckets,
  type ReportKind,
  type ReportQuery,
} from './report-query.js';

export const COST_REPORT: ReportKind = {
  defaultWidth: '1d',
  widths: { '1d': { defaultLimit: 7, maxLimit: 31 } },
  groupable: ['workspace_id', 'description'],
};

interface CostGroup {
  workspace_id: string | null;
  description: string | null;
  cost_type: string | null;
  token_type: string | null;
  model: string | null;
  service_tier: string | null;
  context_window: string | null;
  inference_geo: string | null;
  amountMicros: number;
}

/**
 * The `/v1/organizations/cost_report` body for one page. `recordsByDay` holds the records served,
 * keyed by `day`. Amounts are summed in micro-dollars and rendered once, as cents.
 */
export function buildCostReport(
  recordsByDay: ReadonlyMap<number, AnthropicCostRecord[]>,
  query: ReportQuery,
) {
  const { buckets, nextStart } = pageBuckets(query);
  const byWorkspace = query.groupBy.includes('workspace_id');
  const byDescription = query.groupBy.includes('description');
  const data = buckets.map((day) => {
    const groups = new Map<string, CostGroup>();
    for (const record of recordsByDay.get(day) ?? []) {
      const group: CostGroup = {
        workspace_id: byWorkspace ? record.workspaceId : null,
        // Model, tier and token fields only come with the description grouping.
        description: byDescription ? record.description : null,
        cost_type: byDescription ? record.costType : null,
        token_type: byDescription ? record.tokenType : null,
        model: byDescription ? record.model : null,
        service_tier: byDescription ? record.serviceTier : null,
        context_window: byDescription ? record.contextWindow : null,
        inference_geo: byDescription ? record.inferenceGeo : null,
        amountMicros: 0,
      };
      const key = JSON.stringify([group.workspace_id, group.description]);
      const existing = groups.get(key) ?? group;
      existing.amountMicros += record.amountMicros;
      groups.set(key, existing);
    }
    const results = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, { amountMicros, ...dims }]) => ({
        currency: 'USD',
        amount: microsToCents(amountMicros),
        ...dims,
      }));
    return { starting_at: formatTime(day), ending_at: formatTime(day + query.bucketSeconds), results };
  });
  return {
    data,
    has_more: nextStart !== null,
    next_page: nextStart === null ? null : encodePageToken(nextStart),
  };
}

import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { AiSpendError } from '../../../core/errors.js';
import { type BilledFact, type FactDimensions, SECONDS_PER_DAY } from '../../../core/facts.js';
import { type Micros, parseDecimalMicros } from '../../../core/money.js';
import { parseCeDate } from './ce-date.js';
import { costSchemaError } from './cost-schema-error.js';
import { marketplaceServiceFamily } from './marketplace-service-family.js';

/** Which metric is billed, how groups were asked for, and what makes a day final. */
export interface CostMapping {
  costMetric: string;
  /** The primary cost allocation tag when grouped by `[TAG, SERVICE]`; else grouped by `[SERVICE, LINKED_ACCOUNT]`. */
  primaryTag: string | undefined;
  /** `[start, end)` UTC midnights the pages were asked for. */
  days: { start: number; end: number };
  now: number;
  repollDays: number;
}

const OPERATION = 'GetCostAndUsage';

/**
 * Maps every page of one GetCostAndUsage window to billed facts: one per day and group, the line
 * item being the service. A day is final once Cost Explorer no longer marks it `Estimated` and it
 * is older than `repollDays`. Zero amounts are dropped; the days are replaced whole anyway.
 */
export function mapCostResults(
  pages: readonly GetCostAndUsageCommandOutput[],
  mapping: CostMapping,
): BilledFact[] {
  const facts = new Map<string, BilledFact>();
  pages.forEach((page, pageIndex) => {
    const at = (path: string) => (pages.length > 1 ? `${path} (page ${pageIndex + 1})` : path);
    (page.ResultsByTime ?? []).forEach((result, resultIndex) => {
      const path = `$.ResultsByTime[${resultIndex}]`;
      const day = parseCeDate(result.TimePeriod?.Start);
      if (day === undefined || day < mapping.days.start || day >= mapping.days.end) {
        throw costSchemaError(
          OPERATION,
          at(`${path}.TimePeriod.Start`),
          `${JSON.stringify(result.TimePeriod?.Start ?? null)}, not a day of the requested period`,
        );
      }
      const final = result.Estimated !== true && day < mapping.now - mapping.repollDays * SECONDS_PER_DAY;
      (result.Groups ?? []).forEach((group, groupIndex) => {
        const groupPath = `${path}.Groups[${groupIndex}]`;
        const { service, dims } = groupDimensions(group.Keys, mapping.primaryTag, `${groupPath}.Keys`, at);
        const amountMicros = groupMicros(
          group.Metrics?.[mapping.costMetric],
          `${groupPath}.Metrics.${mapping.costMetric}`,
          at,
        );
        if (amountMicros === 0) return;
        const key = JSON.stringify([day, group.Keys]);
        if (facts.has(key)) {
          throw costSchemaError(
            OPERATION,
            at(`${groupPath}.Keys`),
            `a group it already sent for ${result.TimePeriod?.Start}`,
          );
        }
        facts.set(key, { dims, day, lineItem: service, amountMicros, final });
      });
    });
  });
  return [...facts.values()];
}

function groupDimensions(
  keys: string[] | undefined,
  primaryTag: string | undefined,
  path: string,
  at: (path: string) => string,
): { service: string; dims: FactDimensions } {
  if (keys?.length !== 2 || keys.some((key) => typeof key !== 'string')) {
    throw costSchemaError(OPERATION, at(path), `${JSON.stringify(keys ?? null)} instead of two group keys`);
  }
  const [first, second] = keys as [string, string];
  const service = primaryTag === undefined ? first : second;
  const dims: FactDimensions = { source: 'bedrock' };
  const model = marketplaceServiceFamily(service);
  if (model !== undefined) dims.model = model;
  if (primaryTag === undefined) {
    if (second !== '') dims.accountId = second;
    return { service, dims };
  }
  const prefix = `${primaryTag}$`;
  if (!first.startsWith(prefix)) {
    throw costSchemaError(
      OPERATION,
      at(`${path}[0]`),
      `${JSON.stringify(first)}, not a value of tag ${primaryTag}`,
    );
  }
  const value = first.slice(prefix.length);
  if (value !== '') dims.tags = { [primaryTag]: value };
  // Untagged spend forms its own scope, so it is split over untagged usage only.
  dims.billingScope = `${primaryTag}=${value}`;
  return { service, dims };
}

function groupMicros(
  metric: { Amount?: string; Unit?: string } | undefined,
  path: string,
  at: (path: string) => string,
): Micros {
  if (metric?.Amount === undefined) throw costSchemaError(OPERATION, at(`${path}.Amount`), 'no amount');
  if (metric.Unit !== 'USD') {
    throw costSchemaError(
      OPERATION,
      at(`${path}.Unit`),
      `unit ${JSON.stringify(metric.Unit ?? null)}, but ai-spend stores US dollars (USD)`,
    );
  }
  try {
    return parseDecimalMicros(metric.Amount);
  } catch (error) {
    if (!(error instanceof AiSpendError)) throw error;
    throw costSchemaError(OPERATION, at(`${path}.Amount`), error.message);
  }
}

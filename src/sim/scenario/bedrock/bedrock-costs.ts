import { AiSpendError } from '../../../core/errors.js';
import type { BedrockCostRecord } from '../../scenario-types.js';
import { DAY, HOUR, utcDay } from '../demo-story.js';
import { lineCostMicros } from '../list-prices.js';
import { BEDROCK_ACCOUNT_ID } from './bedrock-ids.js';
import { type BedrockTokenKind, bedrockModel } from './bedrock-models.js';
import type { BedrockStream } from './bedrock-stream.js';
import type { StreamHour } from './stream-hour.js';

const TOKEN_KINDS: readonly BedrockTokenKind[] = ['input', 'output', 'cacheRead', 'cacheWrite'];

export interface BedrockCostsOptions {
  streams: readonly BedrockStream[];
  /** The stream's hour as the scenario serves it (null: no traffic). */
  hourOf: (stream: BedrockStream, hourStart: number) => StreamHour | null;
  /** `[start, end)`, hour-aligned UTC epoch seconds. */
  start: number;
  end: number;
}

interface Line {
  record: Omit<BedrockCostRecord, 'amountMicros' | 'usageQuantity'>;
  rate: number;
  tokens: number;
}

/**
 * Cost Explorer's daily view of the traffic: per UTC day, service, usage type, account, region
 * and cost allocation tags (`team`, `feature`; '' when the call carried no profile) the day's
 * tokens of one kind at Bedrock list price, rounded half to even to the micro-dollar. The last day
 * covers only the hours before `end`.
 */
export function bedrockCosts({ streams, hourOf, start, end }: BedrockCostsOptions): BedrockCostRecord[] {
  const lines = new Map<string, Line>();
  for (let day = utcDay(start); day < end; day += DAY) {
    const from = Math.max(day, start);
    const to = Math.min(day + DAY, end);
    for (const stream of streams) {
      const model = bedrockModel(stream.sourceId);
      const tokens: Record<BedrockTokenKind, number> = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
      for (let hourStart = from; hourStart < to; hourStart += HOUR) {
        const hour = hourOf(stream, hourStart);
        if (!hour) continue;
        for (const kind of TOKEN_KINDS) tokens[kind] += hour.tokens[kind];
      }
      const tags = { team: stream.profile?.tags.team ?? '', feature: stream.profile?.tags.feature ?? '' };
      for (const kind of TOKEN_KINDS) {
        const rate = model.rates[kind];
        if (tokens[kind] === 0) continue;
        if (rate === null) {
          throw new AiSpendError('input_invalid', `no Bedrock ${kind} price for ${stream.sourceId}`);
        }
        const usageType = model.usageType(stream.region, kind);
        const key = [day, model.service, usageType, stream.region, tags.team, tags.feature].join('|');
        const line = lines.get(key) ?? {
          record: {
            day,
            service: model.service,
            usageType,
            linkedAccount: BEDROCK_ACCOUNT_ID,
            region: stream.region,
            billingEntity: model.billingEntity,
            tags,
          },
          rate,
          tokens: 0,
        };
        line.tokens += tokens[kind];
        lines.set(key, line);
      }
    }
  }
  return [...lines.values()]
    .map(({ record, rate, tokens }) => ({
      ...record,
      amountMicros: lineCostMicros(tokens, rate),
      usageQuantity: tokens,
    }))
    .sort(
      (a, b) =>
        a.day - b.day ||
        a.service.localeCompare(b.service) ||
        a.usageType.localeCompare(b.usageType) ||
        a.region.localeCompare(b.region) ||
        (a.tags.team ?? '').localeCompare(b.tags.team ?? '') ||
        (a.tags.feature ?? '').localeCompare(b.tags.feature ?? ''),
    );
}

import type { UsagePage } from '../../src/collectors/collector.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, type UsageFact } from '../../src/core/facts.js';

/** One hour of Anthropic usage on `day` (a UTC midnight): `output` tokens and 4× as much input. */
export function anthropicUsage(
  day: number,
  {
    hour,
    workspaceId,
    apiKeyId,
    model,
    output,
    requests = null,
  }: {
    hour: number;
    workspaceId: string;
    apiKeyId: string;
    model: string;
    output: number;
    requests?: number | null;
  },
): UsageFact {
  return {
    dims: { source: 'anthropic', workspaceId, apiKeyId, model },
    bucketStart: day + hour * SECONDS_PER_HOUR,
    bucketSeconds: SECONDS_PER_HOUR,
    tokens: { uncachedInput: output * 4, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output },
    requests,
  };
}

/** A usage page that restates all 24 hours of `day`, as the Anthropic collector writes one. */
export function usageDayPage(day: number, facts: UsageFact[]): UsagePage {
  return {
    stream: 'usage',
    buckets: Array.from({ length: 24 }, (_, hour) => day + hour * SECONDS_PER_HOUR),
    bucketSeconds: SECONDS_PER_HOUR,
    facts,
    cursor: day + SECONDS_PER_DAY,
  };
}

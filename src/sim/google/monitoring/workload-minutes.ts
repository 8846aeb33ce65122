import { splitInteger } from '../../scenario/bedrock/split-hour.js';
import { type VertexWorkload, vertexHour } from '../../scenario/vertex/vertex-workloads.js';
import { type SimDistribution, ttftDistribution } from './ttft-distribution.js';

/** One minute of one workload as Cloud Monitoring counts it. */
export interface WorkloadMinute {
  /** Calls answered (response code 200). */
  served: number;
  /** Calls refused with 429. */
  throttled: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** First-token latencies of the served calls; `null` without any. */
  ttft: SimDistribution | null;
}

const MINUTES = 60;
const EVEN = new Array<number>(MINUTES).fill(1);
const cache = new Map<string, WorkloadMinute[]>();
const CACHE_LIMIT = 20_000;

/**
 * The 60 minutes of `vertexHour(workload, hourStart)`: served and refused calls spread evenly
 * (earlier minutes take the remainder), tokens following the calls, so every minute sums to the
 * hour exactly. Each minute's first-token latencies have the hour's p50 and p90.
 */
export function workloadMinutes(workload: VertexWorkload, hourStart: number): WorkloadMinute[] {
  const key = `${workload.id}|${hourStart}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const hour = vertexHour(workload, hourStart);
  const served = splitInteger(hour.requests - hour.throttled, EVEN);
  const throttled = splitInteger(hour.throttled, EVEN);
  const calls = served.map((count, minute) => count + (throttled[minute] ?? 0));
  const input = splitInteger(hour.inputTokens, calls);
  const cachedInput = splitInteger(hour.cachedInputTokens, calls);
  const output = splitInteger(hour.outputTokens, calls);
  const minutes = served.map(
    (count, minute): WorkloadMinute => ({
      served: count,
      throttled: throttled[minute] ?? 0,
      inputTokens: input[minute] ?? 0,
      cachedInputTokens: cachedInput[minute] ?? 0,
      outputTokens: output[minute] ?? 0,
      ttft: ttftDistribution(count, hour.ttftP50Ms, hour.ttftP90Ms),
    }),
  );
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, minutes);
  return minutes;
}

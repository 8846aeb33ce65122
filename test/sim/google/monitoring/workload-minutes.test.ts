import { describe, expect, it } from 'vitest';
import { workloadMinutes } from '../../../../src/sim/google/monitoring/workload-minutes.js';
import { VERTEX_WORKLOADS, vertexHour } from '../../../../src/sim/scenario/vertex/vertex-workloads.js';
import { DAY, HOUR, NOW } from './monitoring-harness.js';

describe('workloadMinutes', () => {
  it('splits every hour of 2 days of the 3 workloads into 60 minutes that sum to vertexHour exactly', () => {
    for (const workload of VERTEX_WORKLOADS) {
      for (let hour = NOW - 2 * DAY; hour < NOW; hour += HOUR) {
        const minutes = workloadMinutes(workload, hour);
        const expected = vertexHour(workload, hour);
        const sum = (field: 'served' | 'throttled' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens') =>
          minutes.reduce((total, minute) => total + minute[field], 0);
        expect(minutes).toHaveLength(60);
        expect(sum('served')).toBe(expected.requests - expected.throttled);
        expect(sum('throttled')).toBe(expected.throttled);
        expect(sum('inputTokens')).toBe(expected.inputTokens);
        expect(sum('cachedInputTokens')).toBe(expected.cachedInputTokens);
        expect(sum('outputTokens')).toBe(expected.outputTokens);
      }
    }
  });

  it('spreads calls evenly: minutes differ by at most 1 call, earlier minutes taking the remainder', () => {
    const [workload] = VERTEX_WORKLOADS;
    if (workload === undefined) throw new Error('no workload');
    const served = workloadMinutes(workload, NOW - 3 * HOUR).map((minute) => minute.served);
    expect(Math.max(...served) - Math.min(...served)).toBeLessThanOrEqual(1);
    expect([...served].sort((a, b) => b - a)).toEqual(served);
  });

  it('gives a minute without served calls no latency distribution', () => {
    const quiet = VERTEX_WORKLOADS[2];
    if (quiet === undefined) throw new Error('no workload');
    const minutes = workloadMinutes(quiet, NOW - 10 * HOUR);
    for (const minute of minutes) expect(minute.ttft === null).toBe(minute.served === 0);
    expect(minutes.some((minute) => minute.ttft === null)).toBe(true);
  });
});

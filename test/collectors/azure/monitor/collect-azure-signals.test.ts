import { afterEach, describe, expect, it } from 'vitest';
import { createAzureCollector } from '../../../../src/collectors/azure/index.js';
import { type AzureSim, startAzureSim } from '../../../../src/sim/azure/server.js';
import {
  AZURE_SUBSCRIPTION,
  AZURE_WORKLOADS,
  azureMinute,
} from '../../../../src/sim/scenario/azure/azure-workloads.js';
import { MemorySink } from '../../../support/memory-sink.js';

/** 2026-11-11T10:30:00Z; signals backfill 8 days to the minute. */
const NOW = Date.UTC(2026, 10, 11, 10, 30) / 1000;
const FROM = NOW - 8 * 86_400;
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3600e3 }) };

let sim: AzureSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function collected() {
  sim = await startAzureSim({ now: NOW });
  const collector = createAzureCollector({
    scopes: [`subscriptions/${AZURE_SUBSCRIPTION}`],
    credential,
    endpoint: sim.url,
    backfillDays: 10,
    costRepollDays: 3,
    maxRetries: 0,
    sleep: async () => undefined,
  });
  const sink = new MemorySink();
  const result = await collector.collect({ now: NOW, sink });
  expect(result.ok).toBe(true);
  return { sink, collector, sim };
}

const workload = (deployment: string) => {
  const found = AZURE_WORKLOADS.find((entry) => entry.deployment === deployment);
  if (!found) throw new Error(deployment);
  return found;
};

describe('collectAzureSignals', () => {
  it('stores every 429 of the 8 days as InvocationThrottles per minute, equal to the simulated ones', async () => {
    const { sink } = await collected();
    const throttles = [...sink.metrics.values()].filter((point) => point.metric === 'InvocationThrottles');
    let expected = 0;
    for (const entry of AZURE_WORKLOADS) {
      for (let minute = FROM; minute < NOW; minute += 60) expected += azureMinute(entry, minute).throttled;
    }
    expect(expected).toBeGreaterThan(50);
    expect(throttles.reduce((sum, point) => sum + point.value, 0)).toBe(expected);
    expect(throttles.every((point) => point.bucketSeconds === 60 && point.stat === 'Sum')).toBe(true);
    expect(new Set(throttles.map((point) => `${point.region}|${point.model}`))).toEqual(
      new Set(['eastus|gpt-4o']),
    );
  });

  it('reads first-response latency as TimeToFirstToken avg: Time to Response on PTU, normalised TTFT on Standard', async () => {
    const { sink } = await collected();
    const minute = NOW - 3_600;
    const at = (region: string, model: string) =>
      [...sink.metrics.values()].find(
        (point) =>
          point.metric === 'TimeToFirstToken' &&
          point.stat === 'avg' &&
          point.region === region &&
          point.model === model &&
          point.bucketStart === minute,
      )?.value;
    expect(at('eastus', 'gpt-4o')).toBe(azureMinute(workload('support-gpt4o'), minute).ttftMs);
    expect(at('swedencentral', 'gpt-4o-mini')).toBe(azureMinute(workload('growth-mini'), minute).ttftMs);
    expect(at('swedencentral', 'gpt-4o')).toBe(azureMinute(workload('growth-4o'), minute).ttftMs);
  });

  it('stores provisioned utilisation in percent for the PTU deployment only', async () => {
    const { sink } = await collected();
    const utilisation = [...sink.metrics.values()].filter(
      (point) => point.metric === 'ProvisionedUtilization',
    );
    expect(new Set(utilisation.map((point) => point.model))).toEqual(new Set(['gpt-4o']));
    expect(new Set(utilisation.map((point) => point.region))).toEqual(new Set(['eastus']));
    const minute = NOW - 120;
    expect(utilisation.find((point) => point.bucketStart === minute)?.value).toBe(
      azureMinute(workload('support-gpt4o'), minute).utilizationPercent,
    );
    expect(Math.max(...utilisation.map((point) => point.value))).toBeLessThanOrEqual(100);
  });

  it('re-reads only the last 15 minutes on the next pass and changes no stored value', async () => {
    const { sink, collector, sim: server } = await collected();
    const before = new Map([...sink.metrics].map(([key, point]) => [key, point.value]));
    const calls = server.calls.length;
    const second = await collector.collect({ now: NOW, sink });
    expect(second.ok).toBe(true);
    const signalCalls = server.calls.slice(calls).filter((call) => call.params.interval === 'PT1M');
    expect(signalCalls).toHaveLength(4);
    for (const call of signalCalls) {
      expect(call.params.timespan).toBe('2026-11-11T10:15:00Z/2026-11-11T10:31:00Z');
    }
    expect(new Map([...sink.metrics].map(([key, point]) => [key, point.value]))).toEqual(before);
  });
});

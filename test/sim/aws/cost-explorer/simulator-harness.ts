import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { afterEach, beforeEach } from 'vitest';
import {
  type CostExplorerSimulator,
  type CostExplorerSimulatorOptions,
  startCostExplorerSimulator,
} from '../../../../src/sim/aws/cost-explorer/server.js';
import type { BedrockCostRecord } from '../../../../src/sim/scenario-types.js';
import { NOW, smallCostRecords } from './small-cost-records.js';

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const THREE_DAYS = { Start: '2026-11-25', End: '2026-11-28' };

export interface Harness {
  records: BedrockCostRecord[];
  sim: CostExplorerSimulator;
  client: CostExplorerClient;
  /** Starts another simulator over the same records (the earlier ones close after the test). */
  restart(options?: Partial<Omit<CostExplorerSimulatorOptions, 'scenario'>>): Promise<void>;
  /** GetCostAndUsage for 2026-11-25..27, DAILY, UnblendedCost, unless `input` says otherwise. */
  costAndUsage(input: Partial<GetCostAndUsageCommandInput>): Promise<GetCostAndUsageCommandOutput>;
}

/** A simulator over `smallCostRecords()` at NOW with a real SDK client, fresh for every test. */
export function useSimulator(): Harness {
  const running: CostExplorerSimulator[] = [];
  const harness = { records: [] as BedrockCostRecord[] } as Harness;
  harness.restart = async (options = {}) => {
    harness.sim = await startCostExplorerSimulator({
      scenario: { costs: harness.records },
      now: () => NOW,
      ...options,
    });
    running.push(harness.sim);
    harness.client = new CostExplorerClient({
      region: 'us-east-1',
      endpoint: harness.sim.url,
      credentials,
      maxAttempts: 1,
    });
  };
  harness.costAndUsage = (input) =>
    harness.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: THREE_DAYS,
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        ...input,
      }),
    );
  beforeEach(async () => {
    harness.records = smallCostRecords();
    await harness.restart();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return harness;
}

/** The AWS error name and message a call failed with. */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  return { name: error.name, message: error.message };
}

import { CostExplorerClient, type GetCostAndUsageCommandInput } from '@aws-sdk/client-cost-explorer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BedrockCostOptions,
  COST_POLLED_STREAM,
  COST_STREAM,
  collectBedrockCosts,
} from '../../../../src/collectors/bedrock/cost-explorer/collect-bedrock-costs.js';
import { AiSpendError } from '../../../../src/core/errors.js';
import type { BilledFact } from '../../../../src/core/facts.js';
import {
  type CostExplorerSimulator,
  type CostExplorerSimulatorOptions,
  startCostExplorerSimulator,
} from '../../../../src/sim/aws/cost-explorer/server.js';
import type { BedrockCostRecord } from '../../../../src/sim/scenario-types.js';
import {
  ACCOUNTS,
  BEDROCK,
  bedrockMicrosOn,
  DAY,
  FIRST_DAY,
  HAIKU,
  NOW,
  SONNET,
  smallCostRecords,
} from '../../../sim/aws/cost-explorer/small-cost-records.js';
import { MemorySink } from '../../../support/memory-sink.js';

const HOUR = 3_600;
const DAYS = [FIRST_DAY, FIRST_DAY + DAY, FIRST_DAY + 2 * DAY];
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let records: BedrockCostRecord[];
let sim: CostExplorerSimulator;
let client: CostExplorerClient;
let sink: MemorySink;
const running = new Set<CostExplorerSimulator>();

async function start(options: Partial<CostExplorerSimulatorOptions> = {}) {
  sim = await startCostExplorerSimulator({ scenario: { costs: records }, now: () => NOW, ...options });
  running.add(sim);
  client = new CostExplorerClient({ region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts: 1 });
}

beforeEach(async () => {
  records = smallCostRecords();
  sink = new MemorySink();
  await start();
});
afterEach(async () => {
  await Promise.all([...running].map((server) => server.close()));
  running.clear();
});

function collect({
  now = NOW,
  since,
  ...options
}: { now?: number; since?: number } & Partial<Omit<BedrockCostOptions, 'request'>> = {}) {
  return collectBedrockCosts({
    client,
    request: { now, sink, ...(since === undefined ? {} : { since }) },
    tagKeys: ['team'],
    costMetric: 'UnblendedCost',
    backfillDays: 7,
    ...options,
  });
}

const facts = () => [...sink.billed.values()];
const billedOn = (day: number) =>
  facts()
    .filter((fact) => fact.day === day)
    .reduce((total, fact) => total + fact.amountMicros, 0);
const operations = () => sim.requests.map((request) => request.operation);
const costRequests = () =>
  sim.requests
    .filter((request) => request.operation === 'GetCostAndUsage')
    .map((request) => request.body as unknown as GetCostAndUsageCommandInput);

async function failure(promise: Promise<unknown>): Promise<AiSpendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AiSpendError)) throw new Error(`expected an AiSpendError, got ${String(error)}`);
  return error;
}

describe('collectBedrockCosts', () => {
  it('stores each of 3 days of Bedrock spend to the micro-dollar, without the EC2 row, in 2 requests', async () => {
    const summary = await collect();
    for (const day of DAYS) expect(billedOn(day)).toBe(bedrockMicrosOn(records, day));
    expect(billedOn(FIRST_DAY)).toBe(34_567_897);
    expect(summary).toEqual({
      stream: COST_STREAM,
      pages: 1,
      facts: 18,
      from: Date.UTC(2026, 10, 22) / 1000,
      to: Date.UTC(2026, 10, 30) / 1000,
    });
    expect(operations()).toEqual(['GetDimensionValues', 'GetCostAndUsage']);
    expect(costRequests()[0]).toMatchObject({
      TimePeriod: { Start: '2026-11-22', End: '2026-11-30' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: { Dimensions: { Key: 'SERVICE', Values: [BEDROCK, HAIKU, SONNET] } },
      GroupBy: [
        { Type: 'TAG', Key: 'team' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
    expect(sink.pages.map((page) => [page.stream, page.buckets.length])).toEqual([
      [COST_STREAM, 8],
      [COST_POLLED_STREAM, 0],
    ]);
    expect(sink.cursor('bedrock', COST_STREAM)).toBe(Date.UTC(2026, 10, 29) / 1000);
    expect(sink.cursor('bedrock', COST_POLLED_STREAM)).toBe(NOW);
  });

  it('reads "team$search" as tag team=search and "team$" as untagged in scope "team=", with model families', async () => {
    await collect();
    const firstDay = facts()
      .filter((fact) => fact.day === FIRST_DAY)
      .map((fact) => [
        fact.lineItem,
        fact.dims.tags,
        fact.dims.billingScope,
        fact.dims.model,
        fact.amountMicros,
      ])
      .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[0]).localeCompare(String(b[0])));
    expect(firstDay).toEqual([
      [BEDROCK, undefined, 'team=', undefined, 8_641_972],
      [SONNET, undefined, 'team=', 'claude-sonnet-4-5', 4_938_271],
      [BEDROCK, { team: 'data' }, 'team=data', undefined, 7_407_405],
      [SONNET, { team: 'data' }, 'team=data', 'claude-sonnet-4-5', 3_703_704],
      [HAIKU, { team: 'search' }, 'team=search', 'claude-3-haiku', 6_172_838],
      [SONNET, { team: 'search' }, 'team=search', 'claude-sonnet-4-5', 3_703_707],
    ]);
    expect(facts().every((fact) => fact.dims.source === 'bedrock' && fact.dims.accountId === undefined)).toBe(
      true,
    );
  });

  it('groups by service and linked account when no tag is configured: 2 accounts, no billing scope', async () => {
    await collect({ tagKeys: [] });
    expect(costRequests()[0]?.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    ]);
    for (const day of DAYS) expect(billedOn(day)).toBe(bedrockMicrosOn(records, day));
    const accounts = new Set(facts().map((fact) => fact.dims.accountId));
    expect([...accounts].sort()).toEqual([...ACCOUNTS]);
    expect(facts().some((fact) => fact.dims.billingScope !== undefined || fact.dims.tags !== undefined)).toBe(
      false,
    );
  });

  it('marks the Estimated 27th final:false even past a 1-day repoll window, the 25th and 26th final', async () => {
    await collect({ repollDays: 1 });
    const finalByDay = new Map<number, Set<boolean>>();
    for (const fact of facts())
      finalByDay.set(fact.day, (finalByDay.get(fact.day) ?? new Set()).add(fact.final));
    expect([...finalByDay.entries()].sort(([a], [b]) => a - b)).toEqual([
      [DAYS[0], new Set([true])],
      [DAYS[1], new Set([true])],
      [DAYS[2], new Set([false])],
    ]);
  });

  it('makes no request 1 hour after a pass, and 6 hours after asks only for 2026-11-26 to 2026-11-30', async () => {
    await collect();
    expect(sim.requests).toHaveLength(2);
    const skipped = await collect({ now: NOW + HOUR });
    expect(skipped.pages).toBe(0);
    expect(sim.requests).toHaveLength(2);
    await collect({ now: NOW + 6 * HOUR });
    expect(sim.requests).toHaveLength(4);
    expect(costRequests()[1]?.TimePeriod).toEqual({ Start: '2026-11-26', End: '2026-11-30' });
    expect(sink.cursor('bedrock', COST_POLLED_STREAM)).toBe(NOW + 6 * HOUR);
  });

  it('reads again within the poll interval when a backfill start is given', async () => {
    await collect();
    await collect({ now: NOW + HOUR, since: FIRST_DAY });
    expect(costRequests()[1]?.TimePeriod).toEqual({ Start: '2026-11-25', End: '2026-11-30' });
  });

  it('replaces a restated day: +1,000,000 micros on the 27th and a new row leave it at the new total, not the sum', async () => {
    await collect();
    const before = billedOn(DAYS[2]!);
    const restated = records.find((record) => record.day === DAYS[2] && record.service === SONNET)!;
    restated.amountMicros += 1_000_000;
    records.push({
      ...restated,
      usageType: 'USE1-MP:USE1_CacheReadInputTokenCount-Units',
      amountMicros: 250_001,
    });
    await collect({ now: NOW + 6 * HOUR });
    expect(billedOn(DAYS[2]!)).toBe(before + 1_250_001);
    expect(billedOn(DAYS[2]!)).toBe(bedrockMicrosOn(records, DAYS[2]!));
    expect(facts()).toHaveLength(18);
  });

  it('gathers 12 pages of 2 groups before writing the window as one page', async () => {
    await start({ pageSize: 2 });
    await collect();
    // 18 groups and 5 empty days (22nd-24th, 28th, 29th), 2 per page.
    expect(costRequests()).toHaveLength(12);
    expect(costRequests()[1]?.NextPageToken).toBeTypeOf('string');
    for (const day of DAYS) expect(billedOn(day)).toBe(bedrockMicrosOn(records, day));
    expect(sink.pages.filter((page) => page.stream === COST_STREAM)).toHaveLength(1);
  });

  it('splits a 41-day backfill into windows of 31 and 10 days, one written page each', async () => {
    await collect({ backfillDays: 40 });
    expect(costRequests().map((request) => request.TimePeriod)).toEqual([
      { Start: '2026-10-20', End: '2026-11-20' },
      { Start: '2026-11-20', End: '2026-11-30' },
    ]);
    expect(
      sink.pages.filter((page) => page.stream === COST_STREAM).map((page) => page.buckets.length),
    ).toEqual([31, 10]);
    expect(operations().filter((operation) => operation === 'GetDimensionValues')).toHaveLength(1);
  });

  it('filters SERVICE ENDS_WITH "(Amazon Bedrock Edition)" in 1 request where the service allows it', async () => {
    await start({ matchOptions: 'all' });
    await collect({ marketplaceMatch: 'ends_with' });
    expect(operations()).toEqual(['GetCostAndUsage']);
    expect(costRequests()[0]?.Filter).toEqual({
      Or: [
        { Dimensions: { Key: 'SERVICE', Values: [BEDROCK] } },
        {
          And: [
            { Dimensions: { Key: 'BILLING_ENTITY', Values: ['AWS Marketplace'] } },
            {
              Dimensions: {
                Key: 'SERVICE',
                Values: ['(Amazon Bedrock Edition)'],
                MatchOptions: ['ENDS_WITH'],
              },
            },
          ],
        },
      ],
    });
    for (const day of DAYS) expect(billedOn(day)).toBe(bedrockMicrosOn(records, day));
  });

  it('falls back to exact service names when the service rejects ENDS_WITH, storing the same amounts', async () => {
    await collect({ marketplaceMatch: 'ends_with' });
    expect(operations()).toEqual(['GetCostAndUsage', 'GetDimensionValues', 'GetCostAndUsage']);
    for (const day of DAYS) expect(billedOn(day)).toBe(bedrockMicrosOn(records, day));
  });

  it('fails with provider_rate_limited on LimitExceededException and writes nothing', async () => {
    sim.faults.throttle(1);
    const error = await failure(collect());
    expect(error.code).toBe('provider_rate_limited');
    expect(sink.billed.size).toBe(0);
    expect(sink.cursor('bedrock', COST_POLLED_STREAM)).toBeUndefined();
  });

  it('fails with provider_auth naming ce:GetCostAndUsage on AccessDeniedException', async () => {
    sim.faults.accessDenied(1);
    const error = await failure(collect());
    expect(error.code).toBe('provider_auth');
    expect(error.message).toContain('is not authorized to perform: ce:');
    expect(error.hint).toContain('ce:GetCostAndUsage');
    expect(error.hint).toContain('not regional');
  });

  it('fails with provider_unavailable on DataUnavailableException and keeps the 3 days stored before', async () => {
    await collect();
    const stored = facts().reduce((total: number, fact: BilledFact) => total + fact.amountMicros, 0);
    sim.faults.dataUnavailable(1);
    const error = await failure(collect({ now: NOW + 6 * HOUR }));
    expect(error.code).toBe('provider_unavailable');
    expect(sink.billedMicros()).toBe(stored);
  });

  it('fails with provider_unavailable naming AWS_ENDPOINT_URL_COST_EXPLORER when nothing listens', async () => {
    await sim.close();
    running.delete(sim);
    const error = await failure(collect());
    expect(error.code).toBe('provider_unavailable');
    expect(error.hint).toContain('AWS_ENDPOINT_URL_COST_EXPLORER');
  });
});

import type { VertexBillingContext } from '../../../../src/collectors/vertex/billing/collect-vertex-billing.js';
import { AiSpendError } from '../../../../src/core/errors.js';
import type { BillingExportRow } from '../../../../src/sim/google/bigquery/billing-export-row.js';
import { type BigQuerySim, startBigQuerySim } from '../../../../src/sim/google/bigquery/server.js';
import { SIM_BILLING_TABLE } from '../../../../src/sim/google/bigquery/vertex-billing-rows.js';
import { simClient } from '../../../sim/google/bigquery/sim-client.js';
import { MemorySink } from '../../../support/memory-sink.js';

export const HOUR = 3_600;
export const DAY = 86_400;
/** The simulated export ends at this UTC midnight (Friday 2026-11-27). */
export const END = Date.UTC(2026, 10, 27) / 1000;
/** Every row of the last day is exported by then (at most 8 hours after its hour). */
export const NOW = END + 10 * HOUR;

/** Exact decimal text (no exponent) to signed picodollars. */
export function textPicos(text: string): bigint {
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const picos = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
  return text.startsWith('-') ? -picos : picos;
}

/** Decimal text rounded half to even at the micro-dollar: an oracle apart from the code under test. */
function textMicros(text: string): bigint {
  const picos = textPicos(text);
  const magnitude = picos < 0n ? -picos : picos;
  const quotient = magnitude / 1_000_000n;
  const rest = magnitude % 1_000_000n;
  const rounded = rest > 500_000n || (rest === 500_000n && quotient % 2n === 1n) ? quotient + 1n : quotient;
  return picos < 0n ? -rounded : rounded;
}

/** What the simulator's rows are worth per UTC day: Vertex AI and Claude services, exported by `clock`. */
export function expectedByDay(rows: readonly BillingExportRow[], clock: number): Map<number, number> {
  const byDay = new Map<number, bigint>();
  for (const row of rows) {
    const vertex = row.service.description === 'Vertex AI' || row.service.description.includes('Claude');
    if (!vertex || row.export_time > clock) continue;
    const day = row.usage_start_time - (row.usage_start_time % DAY);
    const net = row.credits.reduce(
      (total, credit) => total + textMicros(credit.amount),
      textMicros(row.cost),
    );
    byDay.set(day, (byDay.get(day) ?? 0n) + net);
  }
  return new Map([...byDay].sort(([a], [b]) => a - b).map(([day, micros]) => [day, Number(micros)]));
}

export function billedByDay(sink: MemorySink): Map<number, number> {
  const byDay = new Map<number, number>();
  for (const fact of sink.billed.values())
    byDay.set(fact.day, (byDay.get(fact.day) ?? 0) + fact.amountMicros);
  return new Map([...byDay].sort(([a], [b]) => a - b));
}

export const sum = (byDay: Map<number, number>) =>
  [...byDay.values()].reduce((total, micros) => total + micros, 0);

const running = new Set<BigQuerySim>();

/** Starts a simulator over `rows` with a settable clock, and a collector context pointing at it. */
export async function setup(
  rows: BillingExportRow[],
  options: Partial<Parameters<typeof startBigQuerySim>[1]> = {},
  overrides: Partial<VertexBillingContext> = {},
) {
  const clock = { now: NOW };
  const sim = await startBigQuerySim(rows, { now: () => clock.now, ...options });
  running.add(sim);
  const context: VertexBillingContext = {
    bigquery: simClient(sim.url),
    billingTable: SIM_BILLING_TABLE,
    backfillDays: 12,
    pollDelayMs: 0,
    ...overrides,
  };
  return { sim, clock, context, sink: new MemorySink() };
}

export async function stopSim(sim: BigQuerySim): Promise<void> {
  running.delete(sim);
  await sim.close();
}

/** For `afterEach`: stops every simulator `setup` started. */
export async function stopSims(): Promise<void> {
  await Promise.all([...running].map(stopSim));
}

export async function failureOf(promise: Promise<unknown>): Promise<AiSpendError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof AiSpendError)) throw new Error(`expected an AiSpendError, got ${String(error)}`);
  return error;
}

import { type BilledFact, SECONDS_PER_DAY } from '../../core/facts.js';
import { type Micros, micros } from '../../core/money.js';
import type { FactSink } from '../collector.js';
import type { DecimalSum } from './focus-values.js';
import type { FocusBillingPeriod, FocusRowFact } from './map-focus-row.js';

/** What a file delivered for one billing account: its billing periods and its billed lines. */
export interface FocusAccountDelivery {
  periods: Map<string, FocusBillingPeriod & { providers: Set<string> }>;
  /** Rows of one (UTC day, dimensions, line item), their amounts added up exactly. */
  lines: Map<string, { fact: FocusRowFact; sum: DecimalSum }>;
}

/** One billing account's billing period `[start, end)` (UTC epoch seconds), replaced as a whole. */
export interface FocusPeriodSummary {
  accountId: string;
  /** ServiceProviderName (or ProviderName) of its imported lines. */
  providers: string[];
  start: number;
  end: number;
  facts: number;
  totalMicros: Micros;
}

export function periodKey(period: FocusBillingPeriod): string {
  return `${period.start}/${period.end}`;
}

/**
 * Writes each account's delivery as billed pages of source `focus` scoped to that account: every
 * UTC day of its billing periods is replaced, a calendar month per page (one transaction each).
 */
export function writeFocusDeliveries(
  sink: FactSink,
  accounts: ReadonlyMap<string, FocusAccountDelivery>,
): { factsWritten: number; pagesWritten: number; periods: FocusPeriodSummary[] } {
  let factsWritten = 0;
  let pagesWritten = 0;
  const periods: FocusPeriodSummary[] = [];
  for (const [accountId, account] of accounts) {
    const facts = [...account.lines.values()].map(({ fact, sum }) => billedFact(fact, sum));
    const lastFactDay = facts.reduce((latest, fact) => Math.max(latest, fact.day), Number.NEGATIVE_INFINITY);
    for (const days of monthPages(account.periods.values())) {
      const first = days[0] as number;
      const last = days.at(-1) as number;
      const pageFacts = facts.filter((fact) => fact.day >= first && fact.day <= last);
      // Billed (covered) only through the last day the delivery has charges for, never into the future.
      const through = Math.min(last, lastFactDay) + SECONDS_PER_DAY;
      sink.writeBilled('focus', {
        stream: `focus:${accountId}`,
        days,
        facts: pageFacts,
        cursor: through > first ? through : undefined,
        scope: { accountId },
      });
      factsWritten += pageFacts.length;
      pagesWritten += 1;
    }
    for (const period of account.periods.values()) {
      const own = facts.filter((fact) => fact.day >= dayOf(period.start) && fact.day < period.end);
      periods.push({
        accountId,
        providers: [...period.providers].sort(),
        start: period.start,
        end: period.end,
        facts: own.length,
        totalMicros: micros(own.reduce((total, fact) => total + fact.amountMicros, 0)),
      });
    }
  }
  periods.sort((a, b) => a.start - b.start || (a.accountId < b.accountId ? -1 : 1));
  return { factsWritten, pagesWritten, periods };
}

function billedFact(fact: FocusRowFact, sum: DecimalSum): BilledFact {
  return { dims: fact.dims, day: fact.day, lineItem: fact.lineItem, amountMicros: sum.micros(), final: true };
}

/** Every UTC day of the periods, once, in pages of one calendar month (at most 31 days each). */
function monthPages(periods: Iterable<FocusBillingPeriod>): number[][] {
  const days = new Set<number>();
  for (const { start, end } of periods) {
    for (let day = dayOf(start); day < end; day += SECONDS_PER_DAY) days.add(day);
  }
  const months = new Map<string, number[]>();
  for (const day of [...days].sort((a, b) => a - b)) {
    const month = new Date(day * 1000).toISOString().slice(0, 7);
    const page = months.get(month);
    if (page === undefined) months.set(month, [day]);
    else page.push(day);
  }
  return [...months.values()];
}

function dayOf(time: number): number {
  return Math.floor(time / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

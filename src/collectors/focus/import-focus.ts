import type { Micros } from '../../core/money.js';
import type { FactSink } from '../collector.js';
import { type FocusCostColumn, type FocusVersion, readFocusHeader } from './focus-columns.js';
import { DecimalSum } from './focus-values.js';
import { type FocusBillingPeriod, type FocusSkip, mapFocusRow } from './map-focus-row.js';
import { type FocusFileFormat, type FocusReadProgress, openFocusFile } from './read-focus-file.js';
import {
  type FocusAccountDelivery,
  type FocusPeriodSummary,
  periodKey,
  writeFocusDeliveries,
} from './write-focus-deliveries.js';

export type { FocusPeriodSummary } from './write-focus-deliveries.js';

export interface ImportFocusOptions {
  /** Path of a FOCUS Cost and Usage export: CSV, gzip CSV or Parquet (told by its first bytes). */
  file: string;
  sink: FactSink;
  /** Bytes read so far and in all, for a progress bar. */
  onProgress?: (progress: FocusReadProgress) => void;
  /** Drops rows a live source already collects; by default every AI row is imported. */
  skip?: FocusSkip;
  /** `BilledCost` (the invoice, default) or `EffectiveCost` (amortised commitments). */
  costColumn?: FocusCostColumn;
  /** Problems listed one by one; the rest are only counted. */
  maxProblems?: number;
}

/** A row that was not imported as written, by line (CSV: physical line, header = 1; Parquet: row number). */
export interface FocusProblem {
  line: number;
  reason: string;
}

/** What one import did. */
export interface FocusImportSummary {
  file: string;
  format: FocusFileFormat;
  /** Lower bound of the FOCUS version, from the columns present. */
  version: FocusVersion;
  costColumn: FocusCostColumn;
  rowsRead: number;
  /** AI rows added into billed lines (rows with a Tags problem included: they count without tags). */
  aiRows: number;
  /** Billed lines written: one per (UTC day, dimensions, line item). */
  factsWritten: number;
  pagesWritten: number;
  totalMicros: Micros;
  periods: FocusPeriodSummary[];
  /** Rows left out on purpose, by reason (not AI, already collected by a live source). */
  skipped: Array<{ reason: string; rows: number }>;
  problems: FocusProblem[];
  /** Problems beyond `maxProblems`, counted only. */
  moreProblems: number;
  /** AI rows charged outside their billing period (late charges, corrections), dated into it. */
  datedIntoPeriod: number;
  unusedColumns: string[];
  providerColumns: string[];
}

/**
 * Imports the AI rows of a FOCUS file as billed facts of source `focus`. Each billing account's
 * billing periods seen in the file are replaced day by day (scoped to that account), so importing
 * a file twice, or a re-delivered month, never double counts, and a line dropped upstream goes.
 */
export async function importFocus({
  file,
  sink,
  onProgress,
  skip,
  costColumn = 'BilledCost',
  maxProblems = 50,
}: ImportFocusOptions): Promise<FocusImportSummary> {
  const focus = await openFocusFile(file, { onProgress });
  let header: ReturnType<typeof readFocusHeader>;
  try {
    header = readFocusHeader(focus.header, { costColumn });
  } catch (error) {
    await focus.close();
    throw error;
  }
  const { columns } = header;
  const accounts = new Map<string, FocusAccountDelivery>();
  const skipped = new Map<string, number>();
  const problems: FocusProblem[] = [];
  let moreProblems = 0;
  let rowsRead = 0;
  let aiRows = 0;
  let datedIntoPeriod = 0;
  const report = (line: number, reason: string) => {
    if (problems.length < maxProblems) problems.push({ line, reason });
    else moreProblems += 1;
  };

  for await (const { line, values } of focus.records) {
    rowsRead += 1;
    if (values.length !== columns.length) {
      report(line, `${values.length} fields where the header has ${columns.length}`);
      continue;
    }
    const cells: Record<string, string> = {};
    columns.forEach((column, index) => {
      cells[column] = values[index] ?? '';
    });
    const outcome = mapFocusRow(cells, { costColumn, skip });
    const account = outcome.period === undefined ? undefined : accountOf(accounts, outcome.period);
    if (outcome.kind === 'skipped') skipped.set(outcome.reason, (skipped.get(outcome.reason) ?? 0) + 1);
    if (outcome.kind === 'problem') report(line, outcome.reason);
    if (outcome.kind !== 'fact' || account === undefined) continue;
    aiRows += 1;
    for (const note of outcome.notes) report(line, note);
    const { fact } = outcome;
    if (fact.datedIntoPeriod) datedIntoPeriod += 1;
    account.periods.get(periodKey(outcome.period))?.providers.add(fact.provider);
    const key = `${fact.day}\u001f${fact.lineItem}\u001f${JSON.stringify(fact.dims)}`;
    let entry = account.lines.get(key);
    if (entry === undefined) {
      entry = { fact, sum: new DecimalSum() };
      account.lines.set(key, entry);
    }
    entry.sum.add(fact.amount);
  }

  const { factsWritten, pagesWritten, periods } = writeFocusDeliveries(sink, accounts);

  return {
    file,
    format: focus.format,
    version: header.version,
    costColumn,
    rowsRead,
    aiRows,
    factsWritten,
    pagesWritten,
    totalMicros: periods.reduce((total, period) => total + period.totalMicros, 0) as Micros,
    periods,
    skipped: [...skipped].map(([reason, rows]) => ({ reason, rows })),
    problems,
    moreProblems,
    datedIntoPeriod,
    unusedColumns: header.unusedColumns,
    providerColumns: header.providerColumns,
  };
}

/**
 * A `skip` by ServiceName: `skipServices({ 'Amazon Bedrock': 'bedrock' })` leaves Bedrock rows to the
 * bedrock collector, which bills them through Cost Explorer.
 */
export function skipServices(collectedBy: Readonly<Record<string, string>>): FocusSkip {
  return (cells) => collectedBy[cells.ServiceName?.trim() ?? ''];
}

function accountOf(
  accounts: Map<string, FocusAccountDelivery>,
  period: FocusBillingPeriod,
): FocusAccountDelivery {
  let account = accounts.get(period.accountId);
  if (account === undefined) {
    account = { periods: new Map(), lines: new Map() };
    accounts.set(period.accountId, account);
  }
  const key = periodKey(period);
  if (!account.periods.has(key)) account.periods.set(key, { ...period, providers: new Set() });
  return account;
}

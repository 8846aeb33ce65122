import { formatUsd } from '../../core/money.js';
import type { FocusImportSummary } from './import-focus.js';

/** The summary of a FOCUS import as plain-text lines, for the terminal. */
export function describeFocusImport(summary: FocusImportSummary): string[] {
  const lines = [
    `${summary.file} (${summary.format}, FOCUS ${summary.version} or later, amounts from ${summary.costColumn})`,
    `  rows read ${summary.rowsRead} · AI rows imported ${summary.aiRows} · billed lines written ${summary.factsWritten} · total ${formatUsd(summary.totalMicros, { exact: true })}`,
  ];
  for (const period of summary.periods) {
    const month = `${isoDay(period.start)} to ${isoDay(period.end)}`;
    const providers = period.providers.length > 0 ? ` (${period.providers.join(', ')})` : '';
    lines.push(
      `  replaced ${period.accountId}${providers} ${month}: ${period.facts} lines, ${formatUsd(period.totalMicros, { exact: true })}`,
    );
  }
  for (const { reason, rows } of summary.skipped) lines.push(`  skipped ${rows}: ${reason}`);
  if (summary.datedIntoPeriod > 0) {
    lines.push(`  ${summary.datedIntoPeriod} rows charged outside their billing period were dated into it`);
  }
  const where = summary.format === 'parquet' ? 'row' : 'line';
  for (const { line, reason } of summary.problems) lines.push(`  ${where} ${line}: ${reason}`);
  if (summary.moreProblems > 0) lines.push(`  and ${summary.moreProblems} more problems`);
  if (summary.unusedColumns.length > 0) lines.push(`  not used: ${summary.unusedColumns.join(', ')}`);
  if (summary.providerColumns.length > 0) {
    lines.push(`  x_ provider columns, not imported: ${summary.providerColumns.join(', ')}`);
  }
  return lines;
}

function isoDay(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}

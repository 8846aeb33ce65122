import { CsvError, parse } from 'csv-parse/sync';

/** How pushed business metrics are written: CSV with a header row, or JSON. */
export type MetricFormat = 'csv' | 'json';

/** Records numbered from 1 in input order (the CSV header is not a row), or why none could be read. */
export type MetricRecords = { records: Array<{ row: number; record: unknown }> } | { error: string };

/**
 * Splits pushed text into records for `checkMetricRows`. CSV needs a header naming `team`,
 * `feature`, `unit`, `day`, `value` (any order, extra columns ignored); JSON is an array of such
 * objects or `{ "rows": [...] }`. Without `format`, text starting with `[` or `{` is JSON.
 */
export function readMetricRecords(text: string, format?: MetricFormat): MetricRecords {
  const chosen = format ?? (/^\s*[[{]/.test(text) ? 'json' : 'csv');
  if (text.trim() === '') return { error: 'no rows: the input is empty' };
  return chosen === 'json' ? readJson(text) : readCsv(text);
}

function readJson(text: string): MetricRecords {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
  const rows = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { rows?: unknown }).rows)
      ? (parsed as { rows: unknown[] }).rows
      : undefined;
  if (rows === undefined) return { error: 'JSON must be an array of rows or an object with a "rows" array' };
  return { records: rows.map((record, index) => ({ row: index + 1, record })) };
}

function readCsv(text: string): MetricRecords {
  let table: string[][];
  try {
    table = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    if (error instanceof CsvError) return { error: `not valid CSV: ${error.message}` };
    throw error;
  }
  const [header, ...lines] = table;
  const columns = (header ?? []).map((name) => name.toLowerCase());
  const needed = ['team', 'unit', 'day', 'value'].filter((name) => !columns.includes(name));
  if (needed.length > 0) {
    return {
      error: `the CSV header lacks ${needed.join(', ')}: the first line must name team,feature,unit,day,value`,
    };
  }
  return {
    records: lines.map((cells, index) => ({
      row: index + 1,
      record: Object.fromEntries(columns.map((name, column) => [name, cells[column]])),
    })),
  };
}

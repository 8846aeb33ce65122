import { AiSpendError } from '../../../core/errors.js';

/** A Query API answer: column names in order and the rows, read by name. */
export interface CostTable {
  columns: string[];
  rows: unknown[][];
  pages: number;
}

/** Checks the SDK's `QueryResult` (properties flattened) and returns its table and `nextLink`. */
export function parseQueryResult(
  result: unknown,
  where: string,
): { columns: string[]; rows: unknown[][]; nextLink: string | undefined } {
  const record = (result ?? {}) as { columns?: unknown; rows?: unknown; nextLink?: unknown };
  // HTTP 204 (no cost in the window) deserialises to an empty object.
  if (record.columns === undefined && record.rows === undefined && record.nextLink === undefined) {
    return { columns: [], rows: [], nextLink: undefined };
  }
  if (!Array.isArray(record.columns)) throw schemaError(where, 'properties.columns', 'is not a list');
  const columns = record.columns.map((column, index) => {
    const name = (column as { name?: unknown } | null)?.name;
    if (typeof name !== 'string')
      throw schemaError(where, `properties.columns[${index}].name`, 'is not text');
    return name;
  });
  if (!Array.isArray(record.rows)) throw schemaError(where, 'properties.rows', 'is not a list');
  const rows = record.rows.map((row, index) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw schemaError(where, `properties.rows[${index}]`, `is not a list of ${columns.length} cells`);
    }
    return row as unknown[];
  });
  const next = record.nextLink;
  if (next !== undefined && next !== null && typeof next !== 'string') {
    throw schemaError(where, 'properties.nextLink', 'is not text');
  }
  return { columns, rows, nextLink: next === null || next === '' ? undefined : next };
}

export function schemaError(where: string, path: string, problem: string): AiSpendError {
  return new AiSpendError('provider_schema', `Cost Management ${where}: ${path} ${problem}`, {
    hint: 'the Query API answered an unknown shape; check that sources.azure.endpoint points at management.azure.com',
  });
}

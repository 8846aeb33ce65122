import type { TableField } from './billing-export-row.js';
import type { ColumnPath } from './parse-billing-query.js';
import { invalidQuery } from './sql-tokens.js';

/** Reads a value of a column from a row (or an UNNEST element). */
export type ColumnValue = (record: Record<string, unknown>) => unknown;

/** A column resolved against a schema: its field and how to read it. */
export interface ResolvedColumn {
  field: TableField;
  value: ColumnValue;
}

/** Where paths are resolved: the table's columns, or an UNNEST element's fields under its alias. */
export interface ColumnScope {
  fields: readonly TableField[];
  alias?: string;
}

/**
 * Finds a column by path (case-insensitive, as BigQuery names are); inside UNNEST the alias leads
 * every path. Unknown names and fields of arrays are 400 `invalidQuery`, as in BigQuery.
 */
export function resolveColumn(path: ColumnPath, scope: ColumnScope): ResolvedColumn {
  let names = path.names;
  if (scope.alias !== undefined) {
    if (names[0]?.toLowerCase() !== scope.alias.toLowerCase()) {
      throw invalidQuery(`Unrecognized name: ${names[0]}`, path.at);
    }
    names = names.slice(1);
    if (names.length === 0)
      throw invalidQuery(`Selecting the whole element ${scope.alias} is not supported`, path.at);
  }
  let fields = scope.fields;
  let field: TableField | undefined;
  const keys: string[] = [];
  for (const [index, name] of names.entries()) {
    if (field !== undefined && (field.type !== 'RECORD' || field.mode === 'REPEATED')) {
      const type = field.mode === 'REPEATED' ? 'ARRAY<STRUCT<…>>' : field.type;
      throw invalidQuery(`Cannot access field ${name} on a value with type ${type}`, path.at);
    }
    field = fields.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (field === undefined) {
      throw invalidQuery(
        index === 0 ? `Unrecognized name: ${name}` : `Field name ${name} does not exist in STRUCT`,
        path.at,
      );
    }
    keys.push(field.name);
    fields = field.fields ?? [];
  }
  if (field === undefined) throw invalidQuery('Syntax error: Expected column', path.at);
  return {
    field,
    value: (record) =>
      keys.reduce<unknown>((value, key) => (value == null ? null : asRecord(value)[key]), record),
  };
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value as Record<string, unknown>;
}

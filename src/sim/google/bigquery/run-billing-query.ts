import { BigQueryError } from './bigquery-error.js';
import { BILLING_EXPORT_SCHEMA, type BillingExportRow, type TableField } from './billing-export-row.js';
import { compileCondition, hasPartitionFilter } from './compile-condition.js';
import { type Cell, encodeCell } from './encode-cell.js';
import type { BillingQuery, ColumnExpr, SelectItem } from './parse-billing-query.js';
import type { QueryParameter } from './query-parameters.js';
import { asRecord, type ColumnScope, type ResolvedColumn, resolveColumn } from './resolve-column.js';
import { invalidQuery } from './sql-tokens.js';

/** Where the simulated export table lives. */
export interface SimTable {
  /** `project.dataset.table` */
  name: string;
  location: string;
}

export interface QueryRun {
  parameters: Map<string, QueryParameter>;
  /** The job's location (`US` when the request names none). */
  location: string;
  int64Timestamps: boolean;
}

/** The result of a query: its schema and its rows in BigQuery's `f`/`v` encoding. */
export interface QueryResult {
  fields: TableField[];
  rows: Array<{ f: Cell[] }>;
}

/**
 * Runs a parsed query over the export rows: checks the table and its location, resolves every
 * column against the export schema, type-checks parameters, insists on a `_PARTITIONTIME` filter
 * (billing tables are partitioned by export day), then filters and encodes the rows.
 */
export function runBillingQuery(
  query: BillingQuery,
  rows: readonly BillingExportRow[],
  table: SimTable,
  run: QueryRun,
): QueryResult {
  const named = query.table.replace(':', '.');
  if (named.split('.').length !== 3) {
    throw invalidQuery(`Table "${query.table}" must be qualified with a dataset (e.g. dataset.table).`);
  }
  if (named !== table.name || run.location.toUpperCase() !== table.location.toUpperCase()) {
    const [project, dataset, name] = named.split('.');
    throw new BigQueryError(
      404,
      'notFound',
      `Not found: Table ${project}:${dataset}.${name} was not found in location ${run.location}`,
    );
  }
  const columns = compileItems(query.items, { fields: BILLING_EXPORT_SCHEMA });
  if (!hasPartitionFilter(query.where)) {
    throw invalidQuery(
      `Cannot query over table '${table.name}' without a filter over column(s) '_PARTITIONTIME' that can be used for partition elimination`,
    );
  }
  const keep = query.where === undefined ? () => true : compileCondition(query.where, run.parameters);
  const encoding = { int64Timestamps: run.int64Timestamps };
  return {
    fields: columns.map((column) => column.field),
    rows: rows
      .filter((row) => keep(row))
      .map((row) => ({
        f: columns.map((column) => encodeCell(column.field, column.value(asRecord(row)), encoding)),
      })),
  };
}

function compileItems(items: SelectItem[], scope: ColumnScope): ResolvedColumn[] {
  const compiled = items.map((item, index) => compileExpr(item.expr, item.alias, index, scope));
  const names = compiled.map((column) => column.field.name.toLowerCase());
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw invalidQuery(
      `Duplicate column names in the result are not supported. Found duplicate(s): ${duplicate}`,
    );
  }
  return compiled;
}

function compileExpr(
  expr: ColumnExpr,
  alias: string | undefined,
  index: number,
  scope: ColumnScope,
): ResolvedColumn {
  if (expr.kind === 'path') {
    const { field, value } = resolveColumn(expr.path, scope);
    return { field: { ...field, name: alias ?? field.name }, value };
  }
  if (expr.kind === 'cast') {
    const { field, value } = resolveColumn(expr.path, scope);
    if (expr.to !== 'STRING' || field.type === 'RECORD' || field.mode === 'REPEATED') {
      throw invalidQuery(`Invalid cast from ${field.type} to ${expr.to}`, expr.path.at);
    }
    return {
      field: { name: alias ?? `f${index}_`, type: 'STRING', mode: 'NULLABLE' },
      value: (record) => castToString(field, value(record)),
    };
  }
  const source = resolveColumn(expr.source, scope);
  if (source.field.type !== 'RECORD' || source.field.mode !== 'REPEATED') {
    throw invalidQuery(
      `Values referenced in UNNEST must be arrays. UNNEST contains expression of type ${source.field.type}`,
      expr.source.at,
    );
  }
  const items = compileItems(expr.items, { fields: source.field.fields ?? [], alias: expr.alias });
  return {
    field: {
      name: alias ?? `f${index}_`,
      type: 'RECORD',
      mode: 'REPEATED',
      fields: items.map((item) => item.field),
    },
    value: (record) => {
      const elements = source.value(record);
      return (Array.isArray(elements) ? elements : []).map((element) =>
        Object.fromEntries(items.map((item) => [item.field.name, item.value(asRecord(element))])),
      );
    },
  };
}

function castToString(field: TableField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field.type === 'TIMESTAMP')
    return `${new Date(Number(value) * 1000).toISOString().replace('T', ' ').slice(0, 19)}+00`;
  return String(value);
}

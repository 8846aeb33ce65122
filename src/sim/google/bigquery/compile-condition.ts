import { BILLING_EXPORT_SCHEMA, type BillingExportRow, type TableField } from './billing-export-row.js';
import type { ColumnPath, Condition, Operand } from './parse-billing-query.js';
import { parseTimestampLiteral, type QueryParameter } from './query-parameters.js';
import { asRecord, type ColumnValue, resolveColumn } from './resolve-column.js';
import { invalidQuery } from './sql-tokens.js';

const DAY_MS = 86_400_000;
const PARTITION_TIME = '_partitiontime';

/**
 * Turns a WHERE clause into a row test. TIMESTAMP columns compare in milliseconds with TIMESTAMP
 * parameters only (a STRING parameter is BigQuery's "no matching signature"); `_PARTITIONTIME` is
 * the UTC day of the row's `export_time`.
 */
export function compileCondition(
  condition: Condition,
  parameters: Map<string, QueryParameter>,
): (row: BillingExportRow) => boolean {
  switch (condition.kind) {
    case 'and': {
      const all = condition.all.map((part) => compileCondition(part, parameters));
      return (row) => all.every((test) => test(row));
    }
    case 'or': {
      const any = condition.any.map((part) => compileCondition(part, parameters));
      return (row) => any.some((test) => test(row));
    }
    case 'like': {
      const text = stringColumn(condition.path);
      const pattern = likePattern(condition.pattern);
      return (row) => {
        const value = text(asRecord(row));
        return typeof value === 'string' && pattern.test(value);
      };
    }
    case 'in': {
      const text = stringColumn(condition.path);
      return (row) => condition.values.includes(String(text(asRecord(row))));
    }
    case 'compare':
      return compileComparison(condition.path, condition.op, condition.operand, parameters);
  }
}

function compileComparison(
  path: ColumnPath,
  op: string,
  operand: Operand,
  parameters: Map<string, QueryParameter>,
): (row: BillingExportRow) => boolean {
  const isPartition = path.names.length === 1 && path.names[0]?.toLowerCase() === PARTITION_TIME;
  const column = isPartition
    ? {
        field: { name: '_PARTITIONTIME', type: 'TIMESTAMP' } as TableField,
        value: (record: Record<string, unknown>) => Math.floor(Number(record.export_time) / 86_400) * 86_400,
      }
    : resolveColumn(path, { fields: BILLING_EXPORT_SCHEMA });
  const type = column.field.type;
  if (column.field.mode === 'REPEATED' || type === 'RECORD') {
    throw invalidQuery(`No matching signature for operator ${op} for argument types: ${type}`, path.at);
  }
  const right = operandValue(operand, type, parameters, path.at);
  const compare = (left: number | string) => {
    switch (op) {
      case '>=':
        return left >= right;
      case '>':
        return left > right;
      case '<=':
        return left <= right;
      case '<':
        return left < right;
      case '=':
        return left === right;
      default:
        return left !== right;
    }
  };
  return (row) => {
    const value = column.value(asRecord(row));
    if (value === null || value === undefined) return false;
    return compare(type === 'TIMESTAMP' ? Number(value) * 1000 : String(value));
  };
}

/** The right-hand side: milliseconds for TIMESTAMP columns, text otherwise. */
function operandValue(
  operand: Operand,
  columnType: string,
  parameters: Map<string, QueryParameter>,
  at: string,
): number | string {
  if (operand.kind === 'string')
    return columnType === 'TIMESTAMP' ? parseTimestampLiteral(operand.value) : operand.value;
  const name = operand.kind === 'param' ? operand.name : operand.param;
  const parameter = parameters.get(name.toLowerCase());
  if (parameter === undefined) throw invalidQuery(`Query parameter '${name}' not found`, operand.at);
  const wanted = columnType === 'TIMESTAMP' ? 'TIMESTAMP' : 'STRING';
  if (parameter.type !== wanted) {
    throw invalidQuery(
      `No matching signature for operator comparing ${columnType} with ${parameter.type} (@${name})`,
      at,
    );
  }
  if (parameter.value === null) throw invalidQuery(`Query parameter '${name}' is NULL`, operand.at);
  if (wanted === 'STRING') return parameter.value;
  const millis = parseTimestampLiteral(parameter.value);
  if (operand.kind === 'param') return millis;
  return millis - operand.amount * (operand.unit === 'DAY' ? DAY_MS : 3_600_000);
}

function stringColumn(path: ColumnPath): ColumnValue {
  const column = resolveColumn(path, { fields: BILLING_EXPORT_SCHEMA });
  if (column.field.type !== 'STRING' || column.field.mode === 'REPEATED') {
    throw invalidQuery(
      `No matching signature for operator LIKE/IN for argument type ${column.field.type}`,
      path.at,
    );
  }
  return column.value;
}

function likePattern(pattern: string): RegExp {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${source}$`, 's');
}

/** True when the top-level conjunction filters `_PARTITIONTIME`, as partition elimination needs. */
export function hasPartitionFilter(where: Condition | undefined): boolean {
  if (where === undefined) return false;
  const conjuncts = where.kind === 'and' ? where.all : [where];
  return conjuncts.some(
    (part) =>
      part.kind === 'compare' &&
      part.path.names.length === 1 &&
      part.path.names[0]?.toLowerCase() === PARTITION_TIME,
  );
}

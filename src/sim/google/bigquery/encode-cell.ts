import type { TableField } from './billing-export-row.js';

/** A cell of BigQuery's JSON row encoding: scalars are text, records `{f: [...]}`, arrays `[{v}]`. */
export interface Cell {
  v: string | null | { f: Cell[] } | Cell[];
}

/**
 * Encodes `value` for `field` the way the REST API does. TIMESTAMP values (UTC epoch seconds here)
 * become microseconds as text with `useInt64Timestamp`, otherwise float seconds in E notation.
 */
export function encodeCell(
  field: TableField,
  value: unknown,
  { int64Timestamps }: { int64Timestamps: boolean },
): Cell {
  if (field.mode === 'REPEATED') {
    const items = Array.isArray(value) ? value : [];
    return { v: items.map((item) => encodeOne(field, item, int64Timestamps)) };
  }
  return encodeOne(field, value, int64Timestamps);
}

function encodeOne(field: TableField, value: unknown, int64Timestamps: boolean): Cell {
  if (value === null || value === undefined) return { v: null };
  switch (field.type) {
    case 'RECORD': {
      const record = value as Record<string, unknown>;
      return {
        v: { f: (field.fields ?? []).map((sub) => encodeCell(sub, record[sub.name], { int64Timestamps })) },
      };
    }
    case 'TIMESTAMP': {
      const seconds = Number(value);
      if (int64Timestamps) return { v: (BigInt(seconds) * 1_000_000n).toString() };
      return { v: seconds.toExponential().replace('e+', 'E') };
    }
    case 'BOOLEAN':
      return { v: value ? 'true' : 'false' };
    default:
      return { v: String(value) };
  }
}

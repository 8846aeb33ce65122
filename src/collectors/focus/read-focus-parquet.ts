import {
  asyncBufferFromFile,
  type FileMetaData,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
  type SchemaElement,
} from 'hyparquet';
import { AiSpendError } from '../../core/errors.js';
import type { FocusFile, FocusReadProgress, FocusRecord } from './read-focus-file.js';

const READABLE_CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);
const utf8 = new TextDecoder();

/**
 * Opens a FOCUS Parquet export with hyparquet (pure JS; uncompressed and snappy pages), one row
 * group at a time. Every value becomes the text a CSV export would hold: DECIMAL columns are read
 * as their unscaled integers and written out exactly, so money never passes through a float here.
 */
export async function openFocusParquet(
  path: string,
  { onProgress }: { onProgress?: (progress: FocusReadProgress) => void } = {},
): Promise<FocusFile> {
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new AiSpendError('input_invalid', `${path} is not a readable Parquet file: ${String(error)}`, {
      hint: 'export the FOCUS Cost and Usage dataset again, as CSV or Parquet',
      cause: error,
    });
  }
  const codecs = new Set(
    metadata.row_groups.flatMap((group) =>
      group.columns.map((column) => column.meta_data?.codec ?? 'UNCOMPRESSED'),
    ),
  );
  const unreadable = [...codecs].filter((codec) => !READABLE_CODECS.has(codec));
  if (unreadable.length > 0) {
    throw new AiSpendError(
      'input_invalid',
      `${path} is compressed with ${unreadable.join(', ')}: not supported`,
      {
        hint: 'export CSV (gzip is fine), or Parquet with snappy compression',
      },
    );
  }
  const header = parquetSchema(metadata).children.map((child) => child.element.name);
  const scales = new Map<string, number>();
  // Without its DECIMAL annotation hyparquet hands over the unscaled integer instead of a float.
  const plain: FileMetaData = {
    ...metadata,
    schema: metadata.schema.map((element, index) => {
      const scale = decimalScale(element);
      if (index === 0 || scale === undefined || (element.num_children ?? 0) > 0) return element;
      scales.set(element.name, scale);
      return { ...element, converted_type: undefined, logical_type: undefined };
    }),
  };

  async function* records(): AsyncGenerator<FocusRecord> {
    let rowStart = 0;
    let done = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({ file, metadata: plain, rowStart, rowEnd, utf8: false });
      for (const [offset, row] of rows.entries()) {
        yield {
          line: rowStart + offset + 1,
          values: header.map((name) => textOf(row[name], scales.get(name))),
        };
      }
      rowStart = rowEnd;
      done += group.columns.reduce(
        (sum, column) => sum + Number(column.meta_data?.total_compressed_size ?? 0),
        0,
      );
      onProgress?.({ done: Math.min(done, file.byteLength), total: file.byteLength });
    }
    onProgress?.({ done: file.byteLength, total: file.byteLength });
  }

  const iterator = records();
  return {
    format: 'parquet',
    header,
    records: iterator,
    close: async () => {
      await iterator.return(undefined);
    },
  };
}

function decimalScale(element: SchemaElement): number | undefined {
  if (element.logical_type?.type === 'DECIMAL') return element.logical_type.scale ?? element.scale ?? 0;
  if (element.converted_type === 'DECIMAL') return element.scale ?? 0;
  return undefined;
}

function textOf(value: unknown, scale: number | undefined): string {
  if (value === null || value === undefined) return '';
  if (scale !== undefined) return decimalText(unscaled(value), scale);
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return utf8.decode(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  // MAP and struct columns (Tags in some exports) become the JSON a CSV export would hold.
  return JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? String(inner) : inner));
}

function unscaled(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (value instanceof Uint8Array) {
    // Big-endian two's complement, as Parquet stores BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY decimals.
    let result = 0n;
    for (const byte of value) result = (result << 8n) | BigInt(byte);
    const bits = BigInt(value.length * 8);
    return value.length > 0 && (value[0] ?? 0) >= 0x80 ? result - (1n << bits) : result;
  }
  throw new Error(`unexpected DECIMAL value ${String(value)}`);
}

function decimalText(units: bigint, scale: number): string {
  if (scale <= 0) return (units * 10n ** BigInt(-scale)).toString();
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

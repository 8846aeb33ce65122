import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import { AiSpendError } from '../../core/errors.js';
import { openFocusParquet } from './read-focus-parquet.js';

export type FocusFileFormat = 'csv' | 'csv.gz' | 'parquet';

/** One data row as written, in header order. */
export interface FocusRecord {
  /** CSV: the physical line the row starts on (the header is line 1). Parquet: the 1-based row number. */
  line: number;
  values: string[];
}

/** An open FOCUS file: its header, then its rows, read as a stream. */
export interface FocusFile {
  format: FocusFileFormat;
  header: string[];
  records: AsyncIterable<FocusRecord>;
  /** Stops reading early (after a bad header); reading every record to the end closes the file too. */
  close(): Promise<void>;
}

/** Bytes of the file read so far and in all (compressed bytes for gzip): enough for a progress bar. */
export interface FocusReadProgress {
  done: number;
  total: number;
}

const HINT = 'export the FOCUS Cost and Usage dataset as CSV, gzip CSV or Parquet';

/**
 * Opens a FOCUS export. The format is told by the file's first bytes, not its name: gzip
 * (`1f 8b`) is unpacked while streaming, `PAR1` is read as Parquet, anything else as CSV.
 */
export async function openFocusFile(
  path: string,
  { onProgress }: { onProgress?: (progress: FocusReadProgress) => void } = {},
): Promise<FocusFile> {
  const magic = await readMagic(path);
  if (magic.toString('latin1') === 'PAR1') return openFocusParquet(path, { onProgress });
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const { size } = await stat(path);
  const raw = createReadStream(path);
  let done = 0;
  raw.on('data', (chunk) => {
    done += chunk.length;
    onProgress?.({ done, total: size });
  });
  const text: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  const parser = text.pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
  );
  // Errors of the file or of gunzip surface through the parser's iterator.
  const forward = (error: Error) => parser.destroy(error);
  raw.on('error', forward);
  if (gzip) text.on('error', forward);
  const rows = rowsOf(parser, path);
  const first = await rows.next();
  if (first.done) {
    throw new AiSpendError('input_invalid', `${path} is empty: no FOCUS header row`, { hint: HINT });
  }
  return {
    format: gzip ? 'csv.gz' : 'csv',
    header: first.value.values,
    records: rest(rows),
    close: async () => {
      await rows.return(undefined);
      raw.destroy();
    },
  };
}

async function* rowsOf(parser: AsyncIterable<{ record: string[]; info: { lines: number } }>, path: string) {
  try {
    for await (const { record, info } of parser) {
      // `info.lines` is where the record ends; quoted line breaks inside it moved it down.
      const breaks = record.reduce((count, value) => count + (value.match(/\n/g)?.length ?? 0), 0);
      yield { line: info.lines - breaks, values: record };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const { lines } = error as CsvError & { lines?: number };
      throw new AiSpendError('input_invalid', `${path} line ${lines ?? '?'}: ${error.message}`, {
        hint: 'the file is not well-formed CSV; export it again',
        cause: error,
      });
    }
    if (
      error instanceof Error &&
      'code' in error &&
      (error.code === 'Z_DATA_ERROR' || error.code === 'Z_BUF_ERROR')
    ) {
      throw new AiSpendError(
        'input_invalid',
        `${path}: the gzip data is corrupt or cut short (${error.message})`,
        {
          hint: HINT,
          cause: error,
        },
      );
    }
    throw error;
  }
}

async function* rest<T>(iterator: AsyncGenerator<T>): AsyncGenerator<T> {
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

async function readMagic(path: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AiSpendError('input_invalid', `cannot read ${path}: ${reason}`, {
      hint: 'give the path of a FOCUS export file',
      cause: error,
    });
  }
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

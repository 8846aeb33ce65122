import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { type FocusRecord, openFocusFile } from '../../../src/collectors/focus/read-focus-file.js';
import { AiSpendError } from '../../../src/core/errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'focus-read-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string): Promise<{ header: string[]; records: FocusRecord[] }> {
  const file = await openFocusFile(path);
  const records: FocusRecord[] = [];
  for await (const record of file.records) records.push(record);
  return { header: file.header, records };
}

async function failure(run: () => Promise<unknown>): Promise<AiSpendError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AiSpendError)) throw new Error(`expected an AiSpendError, got ${String(error)}`);
  return error;
}

describe('openFocusFile', () => {
  it('numbers rows by the physical line they start on, past a BOM, a blank line and a quoted line break', async () => {
    const path = scratchFile(
      'lines.csv',
      '\ufeffBilledCost,ChargeDescription\n1.00,a\n\n2.00,"two\nlines"\n3.00,c\n',
    );
    const { header, records } = await readAll(path);
    expect(header).toEqual(['BilledCost', 'ChargeDescription']);
    expect(records).toEqual([
      { line: 2, values: ['1.00', 'a'] },
      { line: 4, values: ['2.00', 'two\nlines'] },
      { line: 6, values: ['3.00', 'c'] },
    ]);
  });

  it('reads the 1,000 rows of the FOCUS 1.0 sample with its 44 columns', async () => {
    const sample = fileURLToPath(new URL('../../fixtures/focus/focus-1.0-sample.csv', import.meta.url));
    const { header, records } = await readAll(sample);
    expect(header).toHaveLength(44);
    expect(records).toHaveLength(1000);
    expect(records.at(-1)?.line).toBe(1001);
  });

  it('fails on an empty file: no header row', async () => {
    const error = await failure(() => openFocusFile(scratchFile('empty.csv', '')));
    expect(error.message).toMatch(/empty\.csv is empty: no FOCUS header row$/);
  });

  it('fails on broken CSV quoting with the line it is on', async () => {
    const path = scratchFile('quotes.csv', 'BilledCost,ChargeDescription\n1.00,a\n2.00,"b"c\n');
    const error = await failure(() => readAll(path));
    expect(error.message).toMatch(/quotes\.csv line 3: Invalid Closing Quote/);
  });

  it('fails on gzip data cut short', async () => {
    const packed = gzipSync(
      readFileSync(fileURLToPath(new URL('../../fixtures/focus/ai-2025-05.csv', import.meta.url))),
    );
    const path = scratchFile('cut.csv.gz', packed.subarray(0, packed.length - 40));
    const error = await failure(() => readAll(path));
    expect(error.message).toMatch(/cut\.csv\.gz: the gzip data is corrupt or cut short/);
  });
});

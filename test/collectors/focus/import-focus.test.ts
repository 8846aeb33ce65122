import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFocusImport } from '../../../src/collectors/focus/describe-focus-import.js';
import { importFocus, skipServices } from '../../../src/collectors/focus/import-focus.js';
import { compileAttribution } from '../../../src/core/attribution/attribute.js';
import type { AttributionRule } from '../../../src/core/attribution/types.js';
import { AiSpendError } from '../../../src/core/errors.js';
import { createPriceBook } from '../../../src/core/pricing/price-book.js';
import { createDimsRepository } from '../../../src/store/dims-repository.js';
import { createFactSink } from '../../../src/store/fact-sink.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { rebuildDirtyRollups } from '../../../src/store/rebuild-rollups.js';
import { createSpendQueries } from '../../../src/store/spend-queries.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/focus/${name}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'focus-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const SEPT_2024 = day('2024-09-01');
const MAY_2025 = day('2025-05-01');
const JUNE_2025 = day('2025-06-01');

function ledger(rules: AttributionRule[] = []) {
  const db = openDatabase({ path: ':memory:' });
  const dims = createDimsRepository(db, compileAttribution(rules));
  const sink = createFactSink({ db, dims, priceBook: createPriceBook(), clock: () => JUNE_2025 });
  const lines = () =>
    db
      .prepare(
        `SELECT d.account_id AS account, b.day, b.line_item AS lineItem, b.amount_micros AS micros,
          d.project_id AS project, d.model, d.region, d.tags, d.labels, d.team, b.final
        FROM billed_facts b JOIN dims d ON d.id = b.dim_id WHERE d.source = 'focus'
        ORDER BY d.account_id, b.day, b.line_item, d.key`,
      )
      .all() as Array<{
      account: string;
      day: number;
      lineItem: string;
      micros: number;
      tags: string | null;
    }>;
  const accountTotals = () =>
    Object.fromEntries(
      (
        db
          .prepare(
            `SELECT d.account_id AS account, sum(b.amount_micros) AS micros FROM billed_facts b
            JOIN dims d ON d.id = b.dim_id GROUP BY d.account_id`,
          )
          .all() as Array<{ account: string; micros: number }>
      ).map((row) => [row.account, row.micros]),
    );
  return { db, sink, lines, accountTotals };
}

describe('importFocus on the FOCUS specification AI examples', () => {
  it.each([
    ['per_token_ai_model_api.csv', 2, 94_500_000, 94_500_000],
    ['multi_model_usage.csv', 4, 104_500_000, 104_500_000],
    ['cached_tokens_via_csp_marketplace.csv', 2, 47_500_000, 47_500_000],
    ['csp_served_third_party_model.csv', 2, 4_500_000, 4_500_000],
    ['multi_model_invoice_via_csp_marketplace.csv', 8, 2_037_360_000, 2_037_360_000],
    ['ai_prompt_caching_a.csv', 4, 33_900_000, 33_900_000],
    ['ai_prompt_caching_b.csv', 4, 38_400_000, 38_400_000],
    // A $500,000 commitment bought up front, then usage drawn down from it at BilledCost 0.
    ['drawdown_via_prepayment_ai_model_api.csv', 3, 500_000_000_000, 50_000_000],
  ])('%s: %i lines, %i micro-dollars billed, %i effective', async (name, lines, billed, effective) => {
    const file = fixture(`spec-ai/${name}`);
    const asBilled = await importFocus({ file, sink: ledger().sink });
    const asEffective = await importFocus({ file, sink: ledger().sink, costColumn: 'EffectiveCost' });
    expect(asBilled).toMatchObject({ factsWritten: lines, aiRows: lines, problems: [], unusedColumns: [] });
    expect(asBilled.totalMicros).toBe(billed);
    expect(asEffective.totalMicros).toBe(effective);
  });
});

describe('importFocus', () => {
  it('imports the 9 Azure Machine Learning rows of the 1,000-row FOCUS 1.0 sample as 9 lines, -$0.151898', async () => {
    const { sink, lines } = ledger();
    const summary = await importFocus({ file: fixture('focus-1.0-sample.csv'), sink });
    expect(summary).toMatchObject({
      format: 'csv',
      version: '1.0',
      rowsRead: 1000,
      aiRows: 9,
      factsWritten: 9,
      totalMicros: -151_898,
      skipped: [{ reason: 'ServiceCategory is not "AI and Machine Learning"', rows: 991 }],
      problems: [],
      moreProblems: 0,
      unusedColumns: ['Id'],
      providerColumns: [],
    });
    const azure = '/providers/Microsoft.Billing/billingAccounts/8611537';
    const october = day('2024-10-01');
    expect(summary.periods).toEqual([
      {
        accountId: azure,
        providers: ['Microsoft'],
        start: SEPT_2024,
        end: october,
        facts: 9,
        totalMicros: -151_898,
      },
      { accountId: '1234567890123', providers: [], start: SEPT_2024, end: october, facts: 0, totalMicros: 0 },
      { accountId: '20209880', providers: [], start: SEPT_2024, end: october, facts: 0, totalMicros: 0 },
      {
        accountId: '20209880',
        providers: [],
        start: october,
        end: day('2024-11-01'),
        facts: 0,
        totalMicros: 0,
      },
    ]);
    expect(summary.pagesWritten).toBe(4);
    const stored = lines();
    expect(stored).toHaveLength(9);
    expect(stored[0]).toMatchObject({
      account: azure,
      day: day('2024-09-03'),
      lineItem:
        'Azure Machine Learning · Usage · Bandwidth Inter-Region - Intra Continent Data Transfer Out - North America',
      micros: 0,
      project: '/subscriptions/64e355d7-997c-491d-b0c1-8414dccfcf42',
      region: 'eastus2',
      model: null,
      final: 1,
    });
    // The sample's deliberately messy key " org" is kept as written.
    expect(JSON.parse(stored[0]?.tags ?? '{}')).toEqual({
      ' org': 'trey',
      ComputeType: 'Compute Instance',
      CostAllocationTest: 'Sameer',
    });
  });

  it('reads a gzip copy (told by its bytes, not its name) into exactly the same lines', async () => {
    const plain = ledger();
    await importFocus({ file: fixture('focus-1.0-sample.csv'), sink: plain.sink });
    const gzipped = join(scratch, 'focus-sample.csv');
    writeFileSync(gzipped, gzipSync(readFileSync(fixture('focus-1.0-sample.csv'))));
    const packed = ledger();
    const progress: Array<{ done: number; total: number }> = [];
    const summary = await importFocus({
      file: gzipped,
      sink: packed.sink,
      onProgress: (p) => progress.push(p),
    });
    expect(summary.format).toBe('csv.gz');
    expect(packed.lines()).toEqual(plain.lines());
    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(last?.total).toBe(readFileSync(gzipped).length);
  });

  it('importing the same file twice changes nothing: 8 lines, $99.00 and $104.50', async () => {
    const { sink, lines, accountTotals } = ledger();
    const first = await importFocus({ file: fixture('ai-2025-05.csv'), sink });
    const once = lines();
    const second = await importFocus({ file: fixture('ai-2025-05.csv'), sink });
    expect(lines()).toEqual(once);
    expect(once).toHaveLength(8);
    expect(accountTotals()).toEqual({ 'acct-1001': 99_000_000, 'acct-2002': 104_500_000 });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ version: '1.4', aiRows: 8, factsWritten: 8, pagesWritten: 2 });
    expect(first.providerColumns).toEqual(['x_Discounts']);
  });

  it('a re-delivered May of acct-1001 replaces exactly its lines: one changed, one gone, acct-2002 untouched', async () => {
    const { sink, lines, accountTotals } = ledger();
    await importFocus({ file: fixture('ai-2025-05.csv'), sink });
    const otherAccount = lines().filter((line) => line.account === 'acct-2002');
    const summary = await importFocus({ file: fixture('ai-2025-05-redelivered.csv'), sink });
    expect(summary.periods).toEqual([
      {
        accountId: 'acct-1001',
        providers: ['Aura Web', 'Solora AI'],
        start: MAY_2025,
        end: JUNE_2025,
        facts: 3,
        totalMicros: 105_350_000,
      },
    ]);
    expect(accountTotals()).toEqual({ 'acct-1001': 105_350_000, 'acct-2002': 104_500_000 });
    expect(lines().filter((line) => line.account === 'acct-2002')).toEqual(otherAccount);
    expect(describeFocusImport({ ...summary, file: 'ai-2025-05-redelivered.csv' })).toEqual([
      'ai-2025-05-redelivered.csv (csv, FOCUS 1.4 or later, amounts from BilledCost)',
      '  rows read 3 · AI rows imported 3 · billed lines written 3 · total $105.350000',
      '  replaced acct-1001 (Aura Web, Solora AI) 2025-05-01 to 2025-06-01: 3 lines, $105.350000',
      '  x_ provider columns, not imported: x_Discounts',
    ]);
    expect(
      lines()
        .filter((line) => line.account === 'acct-1001')
        .map(({ day: lineDay, lineItem, micros }) => [lineDay, lineItem, micros]),
    ).toEqual([
      [MAY_2025, 'Solora Generative AI API · Usage · Input tokens consumed by Solora Saturn', 42_000_000],
      [MAY_2025, 'Solora Generative AI API · Usage · Output tokens generated by Solora Saturn', 61_100_000],
      [day('2025-05-14'), 'Aura Web Foundry · Usage · Input tokens consumed by Solora Jupiter', 2_250_000],
    ]);
  });

  it('reports bad lines by physical line number with the reason and imports the other 3 AI rows ($45.25)', async () => {
    const { sink, accountTotals } = ledger();
    const summary = await importFocus({ file: fixture('ai-bad-lines.csv'), sink });
    expect(summary.problems).toEqual([
      { line: 3, reason: 'BilledCost "abc" is not a decimal amount' },
      { line: 4, reason: 'ChargePeriodStart "2025-05-32T00:00:00Z" is not a date-time' },
      { line: 5, reason: 'BillingCurrency EUR: only USD is supported' },
      { line: 6, reason: 'Tags is not valid JSON: imported without tags' },
      { line: 7, reason: '6 fields where the header has 14' },
      { line: 10, reason: 'BilledCost "NaN" is not a decimal amount' },
    ]);
    expect(summary).toMatchObject({ rowsRead: 9, aiRows: 3, factsWritten: 3, totalMicros: 45_250_000 });
    expect(summary.skipped).toEqual([
      { reason: 'ServiceCategory is not "AI and Machine Learning"', rows: 1 },
    ]);
    expect(accountTotals()).toEqual({ 'acct-1001': 45_250_000 });
  });

  it('lists the first 2 problems and counts the other 4 when maxProblems is 2', async () => {
    const summary = await importFocus({
      file: fixture('ai-bad-lines.csv'),
      sink: ledger().sink,
      maxProblems: 2,
    });
    expect(summary.problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(summary.moreProblems).toBe(4);
    expect(describeFocusImport(summary)).toContain('  and 4 more problems');
  });

  it('fails on a file that is not FOCUS, naming the missing columns, and writes nothing', async () => {
    const { sink, lines } = ledger();
    const error = await importFocus({ file: fixture('not-focus.csv'), sink }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AiSpendError);
    expect((error as AiSpendError).code).toBe('input_invalid');
    expect((error as AiSpendError).message).toContain('missing columns BillingAccountId, BillingCurrency');
    expect(lines()).toEqual([]);
  });

  it('fails on a missing file with input_invalid', async () => {
    const error = await importFocus({ file: join(scratch, 'nope.csv'), sink: ledger().sink }).catch((e) => e);
    expect(error).toMatchObject({ code: 'input_invalid' });
    expect((error as Error).message).toMatch(/^cannot read .*nope\.csv: ENOENT/);
  });

  it('lands Tags and labels where attribution rules match them: tag.team and label.provider', async () => {
    const { sink, db } = ledger([
      {
        match: { source: 'focus', 'tag.team': '*', 'tag.user:feature': '*' },
        team: '{tag.team}',
        feature: '{tag.user:feature}',
      },
      { match: { source: 'focus', 'tag.team': '*' }, team: '{tag.team}' },
      { match: { source: 'focus', 'label.provider': 'Solora AI' }, team: 'labs' },
    ]);
    await importFocus({ file: fixture('ai-2025-05.csv'), sink });
    rebuildDirtyRollups(db);
    const queries = createSpendQueries(db);
    const total = (team: string) =>
      queries.total({ subject: { kind: 'team', name: team }, start: MAY_2025, end: JUNE_2025 });
    expect(total('search')).toBe(94_500_000);
    expect(total('support')).toBe(4_500_000);
    expect(total('labs')).toBe(104_500_000);
    expect(
      queries.total({ subject: { kind: 'provider', name: 'focus' }, start: MAY_2025, end: JUNE_2025 }),
    ).toBe(203_500_000);
  });

  it('adds amounts exactly before one half-even rounding per line: $12,345.678917 in 7 lines', async () => {
    const { sink, lines } = ledger();
    const summary = await importFocus({ file: fixture('ai-money-exactness.csv'), sink });
    expect(summary.totalMicros).toBe(12_345_678_923);
    expect(
      Object.fromEntries(lines().map((line) => [line.lineItem.split(' · ').at(-1), line.micros])),
    ).toEqual({
      A: 12_345_678_901,
      B: 1,
      C: 0,
      D: 2,
      E: -2,
      F: 15,
      G: 6,
    });
  });

  it('leaves rows a live source collects to it and counts them: 2 skipped as already collected by bedrock', async () => {
    const { sink } = ledger();
    const summary = await importFocus({
      file: fixture('ai-2025-05.csv'),
      sink,
      skip: skipServices({ 'Aura Web Foundry': 'azure' }),
    });
    expect(summary.skipped).toEqual([{ reason: 'already collected by azure', rows: 2 }]);
    expect(summary.totalMicros).toBe(99_000_000 + 104_500_000 - 4_500_000);
  });

  it('reads the same rows from Parquet (snappy, DECIMAL money, timestamps, JSON tags) into the same lines', async () => {
    const csv = ledger();
    await importFocus({ file: fixture('ai-2025-05.csv'), sink: csv.sink });
    const parquet = ledger();
    const progress: number[] = [];
    const summary = await importFocus({
      file: fixture('ai-2025-05.parquet'),
      sink: parquet.sink,
      onProgress: ({ done, total }) => progress.push(done / total),
    });
    expect(summary).toMatchObject({ format: 'parquet', rowsRead: 8, aiRows: 8, problems: [] });
    expect(parquet.lines()).toEqual(csv.lines());
    expect(progress.at(-1)).toBe(1);
  });

  it('reads Parquet DECIMAL money without a float: 0.0000065 is 6 micro-dollars, not 7', async () => {
    const { sink, lines } = ledger();
    const summary = await importFocus({ file: fixture('ai-money-exactness.parquet'), sink });
    expect(summary.totalMicros).toBe(12_345_678_923);
    expect(lines().find((line) => line.lineItem.endsWith(' · G'))?.micros).toBe(6);
  });

  it('reads EffectiveCost from a FIXED_LEN_BYTE_ARRAY DECIMAL column when asked', async () => {
    const { sink } = ledger();
    const summary = await importFocus({
      file: fixture('ai-2025-05.parquet'),
      sink,
      costColumn: 'EffectiveCost',
    });
    expect(summary.totalMicros).toBe(203_500_000);
  });

  it('refuses Parquet compressed with GZIP with a clear message', async () => {
    const error = await importFocus({ file: fixture('gzip-codec.parquet'), sink: ledger().sink }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'input_invalid' });
    expect((error as AiSpendError).message).toMatch(/is compressed with GZIP: not supported$/);
    expect((error as AiSpendError).hint).toBe(
      'export CSV (gzip is fine), or Parquet with snappy compression',
    );
  });

  it('reads a file named .csv.gz that is plain CSV as CSV', async () => {
    const renamed = join(scratch, 'plain.csv.gz');
    copyFileSync(fixture('ai-2025-05.csv'), renamed);
    const summary = await importFocus({ file: renamed, sink: ledger().sink });
    expect(summary).toMatchObject({ format: 'csv', factsWritten: 8 });
  });
});

import { describe, expect, it } from 'vitest';
import type { BilledPage } from '../../src/collectors/collector.js';
import { compileAttribution } from '../../src/core/attribution/attribute.js';
import type { AttributionRule } from '../../src/core/attribution/types.js';
import { type BilledFact, SECONDS_PER_DAY, type UsageFact } from '../../src/core/facts.js';
import type { Micros } from '../../src/core/money.js';
import { createPriceBook } from '../../src/core/pricing/price-book.js';
import { createDimsRepository } from '../../src/store/dims-repository.js';
import { createFactSink } from '../../src/store/fact-sink.js';
import { openDatabase } from '../../src/store/open-database.js';
import { rebuildDirtyRollups } from '../../src/store/rebuild-rollups.js';
import { createSpendQueries } from '../../src/store/spend-queries.js';
import { syncAttribution } from '../../src/store/sync-attribution.js';
import { anthropicUsage, usageDayPage } from '../support/anthropic-day.js';

const DAY = Date.UTC(2026, 10, 20) / 1000;
const HOUR = 3_600;

const rules: AttributionRule[] = [
  {
    match: { source: 'anthropic', workspace_id: 'wrkspc_search', api_key_id: 'apikey_docs' },
    team: 'search',
    feature: 'ask-docs',
  },
  { match: { source: 'anthropic', workspace_id: 'wrkspc_search' }, team: 'search', feature: 'other' },
  { match: { source: 'anthropic', workspace_id: 'wrkspc_growth' }, team: 'growth' },
];

function ledger(initialRules = rules) {
  const db = openDatabase({ path: ':memory:' });
  const attribute = compileAttribution(initialRules);
  const dims = createDimsRepository(db, attribute);
  syncAttribution(db, dims, initialRules, attribute);
  const sink = createFactSink({
    db,
    dims,
    priceBook: createPriceBook(),
    clock: () => DAY + 3 * SECONDS_PER_DAY,
  });
  const queries = createSpendQueries(db);
  const teamTotal = (team: string, start = DAY, end = DAY + SECONDS_PER_DAY) => {
    rebuildDirtyRollups(db);
    return queries.total({ subject: { kind: 'team', name: team }, start, end });
  };
  return { db, dims, sink, queries, teamTotal };
}

const usage = (hour: number, workspaceId: string, apiKeyId: string, model: string, output: number) =>
  anthropicUsage(DAY, { hour, workspaceId, apiKeyId, model, output });

const usagePage = (facts: UsageFact[]) => usageDayPage(DAY, facts);

const billed = (
  workspaceId: string,
  lineItem: string,
  model: string | undefined,
  amount: number,
): BilledFact => ({
  dims: { source: 'anthropic', workspaceId, ...(model ? { model } : {}) },
  day: DAY,
  lineItem,
  amountMicros: amount as Micros,
  final: true,
});

const billedPage = (facts: BilledFact[]): BilledPage => ({
  stream: 'cost',
  days: [DAY],
  facts,
  cursor: DAY + SECONDS_PER_DAY,
});

const sonnet = 'claude-sonnet-4-5-20250929';
const dayUsage = [
  usage(9, 'wrkspc_search', 'apikey_docs', sonnet, 300_000),
  usage(10, 'wrkspc_search', 'apikey_rewrite', sonnet, 100_000),
  usage(11, 'wrkspc_growth', 'apikey_copy', 'claude-haiku-4-5-20251001', 50_000),
];
const invoice = [
  billed('wrkspc_search', 'Claude Sonnet 4.5 Usage - Output Tokens', 'claude-sonnet-4-5', 7_777_777),
  billed('wrkspc_search', 'Claude Sonnet 4.5 Usage - Input Tokens', 'claude-sonnet-4-5', 1_111_113),
  billed('wrkspc_growth', 'Claude Haiku 4.5 Usage - Output Tokens', 'claude-haiku-4-5', 333_333),
  billed('wrkspc_growth', 'Web search', undefined, 50_001),
];
const invoiceTotal = invoice.reduce((sum, line) => sum + line.amountMicros, 0);

describe('ledger', () => {
  it('splits the invoice over teams so that team totals add up to it to the micro-dollar', () => {
    const { sink, teamTotal } = ledger();
    sink.writeUsage('anthropic', usagePage(dayUsage));
    sink.writeBilled('anthropic', billedPage(invoice));
    const search = teamTotal('search');
    const growth = teamTotal('growth');
    expect(search + growth).toBe(invoiceTotal);
    expect(teamTotal('all')).toBe(invoiceTotal);
    expect(growth).toBe(333_333 + 50_001);
  });

  it('splits the search workspace 3:1 between ask-docs and other by estimated cost', () => {
    const { sink, queries, db } = ledger();
    sink.writeUsage('anthropic', usagePage(dayUsage));
    sink.writeBilled('anthropic', billedPage(invoice));
    rebuildDirtyRollups(db);
    const rows = queries.spend({
      subject: { kind: 'team', name: 'search' },
      start: DAY,
      end: DAY + SECONDS_PER_DAY,
    });
    const byFeature = Object.fromEntries(rows.map((row) => [row.feature, row.billedMicros]));
    expect(byFeature).toEqual({ 'ask-docs': 6_666_668, other: 2_222_222 });
  });

  it('writing the same pages twice changes nothing; a restated day replaces the earlier lines', () => {
    const { sink, teamTotal } = ledger();
    for (let round = 0; round < 2; round += 1) {
      sink.writeUsage('anthropic', usagePage(dayUsage));
      sink.writeBilled('anthropic', billedPage(invoice));
    }
    expect(teamTotal('all')).toBe(invoiceTotal);
    sink.writeBilled(
      'anthropic',
      billedPage([
        billed('wrkspc_growth', 'Claude Haiku 4.5 Usage - Output Tokens', 'claude-haiku-4-5', 400_000),
      ]),
    );
    expect(teamTotal('all')).toBe(400_000);
    expect(teamTotal('search')).toBe(0);
  });

  it('a rewritten bucket replaces its facts: a fact that vanished upstream vanishes here', () => {
    const { sink, teamTotal } = ledger();
    sink.writeUsage('anthropic', usagePage(dayUsage));
    const before = teamTotal('growth');
    expect(before).toBeGreaterThan(0);
    sink.writeUsage('anthropic', usagePage(dayUsage.slice(0, 2)));
    expect(teamTotal('growth')).toBe(0);
  });

  it('replaces only the buckets a page lists, even when they are not consecutive', () => {
    const { sink, db } = ledger();
    const hours = [9, 10, 11].map((hour) => usage(hour, 'wrkspc_growth', 'k', sonnet, 1_000));
    sink.writeUsage('anthropic', usagePage(hours));
    sink.writeUsage('anthropic', {
      stream: 'usage',
      buckets: [DAY + 9 * HOUR, DAY + 11 * HOUR],
      bucketSeconds: HOUR,
      facts: [usage(9, 'wrkspc_growth', 'k', sonnet, 2_000)],
    });
    const stored = db
      .prepare('SELECT (bucket_start - ?) / 3600 AS hour, output FROM usage_facts ORDER BY 1')
      .all(DAY);
    expect(stored).toEqual([
      { hour: 9, output: 2_000 },
      { hour: 10, output: 1_000 },
    ]);
  });

  it('uses estimates on a day without a delivered bill, and bills where they arrived', () => {
    const { sink, queries, db } = ledger();
    sink.writeUsage('anthropic', usagePage(dayUsage));
    rebuildDirtyRollups(db);
    const estimated = queries.spend({
      subject: { kind: 'team', name: 'search' },
      start: DAY,
      end: DAY + SECONDS_PER_DAY,
    });
    expect(estimated.every((row) => row.billedMicros === 0 && row.estimatedMicros > 0)).toBe(true);
    // 300k output × $15/MTok + 1.2M input × $3/MTok = $8.10 for ask-docs
    expect(estimated.find((row) => row.feature === 'ask-docs')?.estimatedMicros).toBe(8_100_000);
    // A page whose cursor stops inside the day does not mark the day billed.
    sink.writeBilled('anthropic', { ...billedPage(invoice), cursor: DAY + 12 * HOUR });
    rebuildDirtyRollups(db);
    const stillEstimated = queries.spend({
      subject: { kind: 'team', name: 'search' },
      start: DAY,
      end: DAY + SECONDS_PER_DAY,
    });
    expect(stillEstimated.reduce((sum, row) => sum + row.billedMicros, 0)).toBe(0);
  });

  it('stores a model without a price as unpriced tokens, never as $0', () => {
    const { sink, queries, db } = ledger();
    sink.writeUsage('anthropic', usagePage([usage(3, 'wrkspc_growth', 'k', 'claude-fable-9-9', 1_000)]));
    rebuildDirtyRollups(db);
    const [row] = queries.spend({
      subject: { kind: 'team', name: 'growth' },
      start: DAY,
      end: DAY + SECONDS_PER_DAY,
    });
    expect(row).toMatchObject({ estimatedMicros: 0, unpricedTokens: 5_000 });
    const stored = db.prepare('SELECT estimated_micros, price_status FROM usage_facts').get();
    expect(stored).toEqual({ estimated_micros: null, price_status: 'unpriced' });
  });

  it('re-attributes stored history when the rules change, keeping the organisation total', () => {
    const first = ledger();
    first.sink.writeUsage('anthropic', usagePage(dayUsage));
    first.sink.writeBilled('anthropic', billedPage(invoice));
    expect(first.teamTotal('growth')).toBe(383_334);

    const moved: AttributionRule[] = [
      { match: { api_key_id: 'apikey_rewrite' }, team: 'growth', feature: 'rewrite' },
      ...rules,
    ];
    const attribute = compileAttribution(moved);
    const result = syncAttribution(first.db, first.dims, moved, attribute);
    expect(result).toEqual({ changed: 1, rulesChanged: true });
    expect(first.teamTotal('growth')).toBe(383_334 + 2_222_222);
    expect(first.teamTotal('all')).toBe(invoiceTotal);
    expect(syncAttribution(first.db, first.dims, moved, attribute)).toEqual({
      changed: 0,
      rulesChanged: false,
    });
  });

  it('moves the cursor forward only, in the same transaction as the page', () => {
    const { sink } = ledger();
    sink.writeUsage('anthropic', usagePage(dayUsage));
    expect(sink.cursor('anthropic', 'usage')).toBe(DAY + SECONDS_PER_DAY);
    sink.writeUsage('anthropic', { ...usagePage(dayUsage), cursor: DAY });
    expect(sink.cursor('anthropic', 'usage')).toBe(DAY + SECONDS_PER_DAY);
    expect(() =>
      sink.writeUsage('anthropic', {
        ...usagePage([{ ...dayUsage[0]!, tokens: { ...dayUsage[0]!.tokens, output: -1 } }]),
        cursor: DAY + 2 * SECONDS_PER_DAY,
      }),
    ).toThrow();
    expect(sink.cursor('anthropic', 'usage')).toBe(DAY + SECONDS_PER_DAY);
  });
});

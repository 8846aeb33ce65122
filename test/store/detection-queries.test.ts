import { describe, expect, it } from 'vitest';
import { compileAttribution } from '../../src/core/attribution/attribute.js';
import type { AttributionRule } from '../../src/core/attribution/types.js';
import { type BilledFact, SECONDS_PER_DAY, type UsageFact } from '../../src/core/facts.js';
import type { Micros } from '../../src/core/money.js';
import { createPriceBook } from '../../src/core/pricing/price-book.js';
import { createDetectionQueries } from '../../src/store/detection-queries.js';
import { createDimsRepository } from '../../src/store/dims-repository.js';
import { createFactSink } from '../../src/store/fact-sink.js';
import { openDatabase } from '../../src/store/open-database.js';
import { rebuildDirtyRollups } from '../../src/store/rebuild-rollups.js';
import { syncAttribution } from '../../src/store/sync-attribution.js';
import { anthropicUsage, usageDayPage } from '../support/anthropic-day.js';

const DAY = Date.UTC(2026, 10, 20) / 1000;
const HOUR = 3_600;
const SONNET = 'claude-sonnet-4-5-20250929';
const HAIKU = 'claude-haiku-4-5-20251001';

const rules: AttributionRule[] = [
  {
    match: { source: 'anthropic', workspace_id: 'wrkspc_search', api_key_id: 'apikey_docs' },
    team: 'search',
    feature: 'ask-docs',
  },
  { match: { source: 'anthropic', workspace_id: 'wrkspc_search' }, team: 'search' },
  { match: { source: 'anthropic', workspace_id: 'wrkspc_growth' }, team: 'growth' },
];

function store() {
  const db = openDatabase({ path: ':memory:' });
  const attribute = compileAttribution(rules);
  const dims = createDimsRepository(db, attribute);
  syncAttribution(db, dims, rules, attribute);
  const sink = createFactSink({
    db,
    dims,
    priceBook: createPriceBook(),
    clock: () => DAY + 3 * SECONDS_PER_DAY,
  });
  return { db, sink, queries: createDetectionQueries(db) };
}

const usage = (hour: number, workspaceId: string, apiKeyId: string, model: string, output: number) =>
  anthropicUsage(DAY, { hour, workspaceId, apiKeyId, model, output, requests: 10 });

const page = (facts: UsageFact[]) => usageDayPage(DAY, facts);

const facts = [
  usage(9, 'wrkspc_search', 'apikey_docs', SONNET, 300_000),
  usage(9, 'wrkspc_search', 'apikey_rewrite', SONNET, 100_000),
  usage(11, 'wrkspc_growth', 'apikey_copy', HAIKU, 50_000),
];

describe('detection queries', () => {
  it('rolls usage up per hour, team, feature and model family, priced like the daily rollup', () => {
    const { db, sink, queries } = store();
    sink.writeUsage('anthropic', page(facts));
    rebuildDirtyRollups(db);
    const cells = queries.hourlySpend(DAY, DAY + SECONDS_PER_DAY);
    expect(
      cells.map(({ at, team, feature, family, tokens }) => [
        (at - DAY) / HOUR,
        team,
        feature,
        family,
        tokens,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [9, 'search', 'ask-docs', 'claude-sonnet-4-5', 1_500_000],
        [9, 'search', '(none)', 'claude-sonnet-4-5', 500_000],
        [11, 'growth', '(none)', 'claude-haiku-4-5', 250_000],
      ]),
    );
    expect(cells).toHaveLength(3);
    const hourlyTotal = cells.reduce((sum, cell) => sum + cell.micros, 0);
    const dailyTotal = queries
      .dailySpend(DAY, DAY + SECONDS_PER_DAY)
      .reduce((sum, cell) => sum + cell.micros, 0);
    expect(hourlyTotal).toBe(dailyTotal);
    // 300k output × $15/MTok + 1.2M input × $3/MTok = $8.10 for ask-docs at 09:00.
    expect(cells.find((cell) => cell.feature === 'ask-docs')?.micros).toBe(8_100_000);
  });

  it('rewriting a day replaces its hourly rollups instead of adding to them', () => {
    const { db, sink, queries } = store();
    sink.writeUsage('anthropic', page(facts));
    rebuildDirtyRollups(db);
    sink.writeUsage('anthropic', page(facts.slice(0, 1)));
    rebuildDirtyRollups(db);
    expect(queries.hourlySpend(DAY, DAY + SECONDS_PER_DAY).map((cell) => cell.feature)).toEqual(['ask-docs']);
  });

  it('breaks an hour down by team, feature, model, provider, API key and region for root cause', () => {
    const { db, sink, queries } = store();
    sink.writeUsage('anthropic', page(facts));
    rebuildDirtyRollups(db);
    const rows = queries.hourlyBreakdown({ team: 'search' }, [DAY + 9 * HOUR]);
    const byKey = rows.filter((row) => row.dimension === 'api_key');
    expect(byKey).toEqual(
      expect.arrayContaining([
        { dimension: 'api_key', value: 'apikey_docs', micros: 8_100_000 },
        { dimension: 'api_key', value: 'apikey_rewrite', micros: 2_700_000 },
      ]),
    );
    expect(rows.filter((row) => row.dimension === 'team')).toEqual([
      { dimension: 'team', value: 'search', micros: 10_800_000 },
    ]);
    expect(
      queries
        .hourlyBreakdown({ family: 'claude-haiku-4-5' }, [DAY + 11 * HOUR])
        .filter((row) => row.dimension === 'team'),
    ).toEqual([{ dimension: 'team', value: 'growth', micros: 450_000 }]);
    expect(queries.hourlyBreakdown({}, [])).toEqual([]);
  });

  it('uses the billed amount for days with a bill, and knows where history starts', () => {
    const { db, sink, queries } = store();
    sink.writeUsage('anthropic', page(facts));
    const line: BilledFact = {
      dims: { source: 'anthropic', workspaceId: 'wrkspc_growth', model: 'claude-haiku-4-5' },
      day: DAY,
      lineItem: 'Claude Haiku 4.5 Usage',
      amountMicros: 2_000_000 as Micros,
      final: true,
    };
    sink.writeBilled('anthropic', {
      stream: 'cost',
      days: [DAY],
      facts: [line],
      cursor: DAY + SECONDS_PER_DAY,
    });
    rebuildDirtyRollups(db);
    const growth = queries.dailySpend(DAY, DAY + SECONDS_PER_DAY).filter((cell) => cell.team === 'growth');
    expect(growth.map((cell) => cell.micros)).toEqual([2_000_000]);
    expect(queries.knownFrom()).toEqual({ hour: DAY + 9 * HOUR, day: DAY });
    expect(queries.featuresSince(DAY)).toEqual([{ team: 'search', feature: 'ask-docs', firstSeen: DAY }]);
    expect(queries.featuresSince(DAY + SECONDS_PER_DAY)).toEqual([]);
  });
});

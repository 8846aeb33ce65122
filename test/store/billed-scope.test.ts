import { describe, expect, it } from 'vitest';
import type { BilledPage } from '../../src/collectors/collector.js';
import { compileAttribution } from '../../src/core/attribution/attribute.js';
import { type BilledFact, SECONDS_PER_DAY } from '../../src/core/facts.js';
import { micros } from '../../src/core/money.js';
import { createPriceBook } from '../../src/core/pricing/price-book.js';
import { createDimsRepository } from '../../src/store/dims-repository.js';
import { createFactSink } from '../../src/store/fact-sink.js';
import { openDatabase } from '../../src/store/open-database.js';

const MAY_1 = Date.UTC(2025, 4, 1) / 1000;
const MAY_2 = MAY_1 + SECONDS_PER_DAY;
const MAY_3 = MAY_2 + SECONDS_PER_DAY;

function store() {
  const db = openDatabase({ path: ':memory:' });
  const dims = createDimsRepository(db, compileAttribution([]));
  const sink = createFactSink({ db, dims, priceBook: createPriceBook(), clock: () => MAY_3 });
  const stored = () =>
    db
      .prepare(
        `SELECT d.account_id AS account, (b.day - ?) / 86400 + 1 AS may, b.line_item AS line, b.amount_micros AS micros
        FROM billed_facts b JOIN dims d ON d.id = b.dim_id ORDER BY 1, 2, 3`,
      )
      .all(MAY_1);
  return { db, sink, stored };
}

const line = (accountId: string, day: number, lineItem: string, amount: number): BilledFact => ({
  dims: { source: 'focus', accountId },
  day,
  lineItem,
  amountMicros: micros(amount),
  final: true,
});

const page = (days: number[], facts: BilledFact[], accountId?: string): BilledPage => ({
  stream: `focus:${accountId ?? 'all'}`,
  days,
  facts,
  ...(accountId === undefined ? {} : { scope: { accountId } }),
});

describe('billed pages scoped to one billing account', () => {
  it('replace only that account on the listed days: acct-b and May 3 keep their lines', () => {
    const { sink, stored } = store();
    sink.writeBilled(
      'focus',
      page(
        [MAY_1, MAY_2],
        [line('acct-a', MAY_1, 'tokens', 1_000), line('acct-a', MAY_2, 'tokens', 2_000)],
        'acct-a',
      ),
    );
    sink.writeBilled(
      'focus',
      page(
        [MAY_1, MAY_3],
        [line('acct-b', MAY_1, 'tokens', 5_000), line('acct-b', MAY_3, 'tokens', 7_000)],
        'acct-b',
      ),
    );
    sink.writeBilled('focus', page([MAY_3], [line('acct-a', MAY_3, 'tokens', 3_000)], 'acct-a'));

    sink.writeBilled('focus', page([MAY_1, MAY_2], [line('acct-a', MAY_1, 'tokens', 1_500)], 'acct-a'));

    expect(stored()).toEqual([
      { account: 'acct-a', may: 1, line: 'tokens', micros: 1_500 },
      { account: 'acct-a', may: 3, line: 'tokens', micros: 3_000 },
      { account: 'acct-b', may: 1, line: 'tokens', micros: 5_000 },
      { account: 'acct-b', may: 3, line: 'tokens', micros: 7_000 },
    ]);
  });

  it('an unscoped page still replaces its days for every account of the source', () => {
    const { sink, stored } = store();
    sink.writeBilled('focus', page([MAY_1], [line('acct-a', MAY_1, 'tokens', 1_000)], 'acct-a'));
    sink.writeBilled('focus', page([MAY_1], [line('acct-b', MAY_1, 'tokens', 5_000)], 'acct-b'));
    sink.writeBilled('focus', page([MAY_1], [line('acct-c', MAY_1, 'tokens', 9_000)]));
    expect(stored()).toEqual([{ account: 'acct-c', may: 1, line: 'tokens', micros: 9_000 }]);
  });

  it('refuses a fact of acct-b in a page of acct-a and writes nothing of that page', () => {
    const { sink, stored } = store();
    sink.writeBilled('focus', page([MAY_1], [line('acct-a', MAY_1, 'tokens', 1_000)], 'acct-a'));
    expect(() =>
      sink.writeBilled('focus', page([MAY_1], [line('acct-b', MAY_1, 'tokens', 5_000)], 'acct-a')),
    ).toThrow('a fact of account acct-b in a page of account acct-a');
    expect(stored()).toEqual([{ account: 'acct-a', may: 1, line: 'tokens', micros: 1_000 }]);
  });

  it('keeps the split of the other account: billed_shares of acct-b survive a rewrite of acct-a', () => {
    const { db, sink } = store();
    sink.writeBilled('focus', page([MAY_1], [line('acct-a', MAY_1, 'tokens', 1_000)], 'acct-a'));
    sink.writeBilled('focus', page([MAY_1], [line('acct-b', MAY_1, 'tokens', 5_000)], 'acct-b'));
    const insertShare = db.prepare(
      "INSERT INTO billed_shares (billed_id, team, feature, model, micros) SELECT id, 'unallocated', '(none)', '', amount_micros FROM billed_facts",
    );
    insertShare.run();
    sink.writeBilled('focus', page([MAY_1], [line('acct-a', MAY_1, 'tokens', 1_200)], 'acct-a'));
    const shares = db.prepare('SELECT micros FROM billed_shares ORDER BY micros').pluck().all();
    expect(shares).toEqual([5_000]);
  });
});

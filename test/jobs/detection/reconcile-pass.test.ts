import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/jobs/analyze.js';
import { reconcileCandidates } from '../../../src/jobs/detection/reconcile-pass.js';
import { createReconcileStore } from '../../../src/store/reconcile-store.js';
import { config, D, DAY, NOW, seedLedger } from '../../chat/ledger-fixture.js';

const thresholds = config.alerts.reconcile;

describe('reconcile pass', () => {
  it('stores one drift row per provider, day and scope, the same rows on a second pass', () => {
    const db = seedLedger();
    reconcileCandidates({ db, thresholds, now: NOW });
    reconcileCandidates({ db, thresholds, now: NOW + 60 });
    const rows = createReconcileStore(db).stored(D, D + 2 * DAY);
    expect(rows.map((row) => [row.source, row.day - D, row.driftMicros])).toEqual([
      ['anthropic', 0, 0],
      ['anthropic', DAY, 0],
      ['openai', 0, 100_000_000],
    ]);
  });

  it('replaces a stored row when the bill is restated, at the next hourly recomputation: $300 → $205 leaves +$5', () => {
    const db = seedLedger();
    expect(reconcileCandidates({ db, thresholds, now: NOW })).toHaveLength(1);
    db.prepare("UPDATE billed_facts SET amount_micros = 205000000 WHERE line_item = 'gpt-4.1, input'").run();
    // Within the hour the stored drift stands; an hour later the restated bill is read.
    expect(reconcileCandidates({ db, thresholds, now: NOW + 3_599 })).toHaveLength(1);
    expect(reconcileCandidates({ db, thresholds, now: NOW + 3_600 })).toEqual([]);
    const [openai] = createReconcileStore(db).stored(D, D + DAY, 'openai');
    expect(openai?.driftMicros).toBe(5_000_000);
  });

  it('posts the drift alert to the platform owner (slack.default_channel) through analyze', async () => {
    const db = seedLedger();
    const summary = await analyze({ db, config }, NOW);
    const drift = summary.messages.filter((message) => message.view.title.includes('bill above estimate'));
    expect(drift).toHaveLength(1);
    expect(drift[0]?.channel).toBe('C0FINOPS');
    expect(drift[0]?.view.title).toContain('openai bill above estimate by $100.00 on 2026-11-20');
    const again = await analyze({ db, config }, NOW + 600);
    expect(again.messages.filter((message) => message.view.title.includes('bill above estimate'))).toEqual(
      [],
    );
  });
});

import { describe, expect, it } from 'vitest';
import { deliver } from '../../src/jobs/deliver.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createOutbox } from '../../src/store/outbox-store.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;

describe('deliver', () => {
  it('leaves Slack rows waiting in the outbox while Slack is not configured', async () => {
    const db = openDatabase({ path: ':memory:' });
    const outbox = createOutbox(db);
    outbox.enqueue({
      dedupeKey: 'a',
      platform: 'slack',
      channel: 'C0DATA',
      payload: { text: 'hi' },
      now: NOW,
    });
    expect(await deliver({ db }, NOW)).toEqual({});
    expect(outbox.due(NOW, 10).map((row) => [row.dedupeKey, row.state, row.attempts])).toEqual([
      ['a', 'pending', 0],
    ]);
  });
});

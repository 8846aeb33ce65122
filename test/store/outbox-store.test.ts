import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { createOutbox } from '../../src/store/outbox-store.js';

const NOW = Date.UTC(2026, 10, 24, 15, 48) / 1000;
const VIEW = { title: 'Quota past 80%', summary: 'Peaked at 88%.', sections: [], context: [] };

function setup() {
  const db = openDatabase({ path: ':memory:' });
  db.prepare(`INSERT INTO alerts (id, fingerprint, rule, team, severity, state, title, details, opened_at, updated_at)
    VALUES (7, 'quota|x|80', 'quota', 'data', 'warning', 'open', 'x', '{}', 0, 0)`).run();
  return { db, outbox: createOutbox(db) };
}

const post = (dedupeKey: string, now = NOW) => ({
  dedupeKey,
  platform: 'slack' as const,
  channel: 'C0DATA',
  payload: { view: VIEW },
  alertId: 7,
  now,
});

describe('outbox', () => {
  it('enqueues a dedupe key once: the second enqueue returns the same row', () => {
    const { db, outbox } = setup();
    const first = outbox.enqueue(post('alert|7|post'));
    const second = outbox.enqueue({ ...post('alert|7|post', NOW + 60), channel: 'C0OTHER' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    expect(outbox.get(first.id)).toMatchObject({ channel: 'C0DATA', payload: { view: VIEW }, mode: 'post' });
  });

  it('hands out due rows oldest first, and a row retried later only once its time has come', () => {
    const { outbox } = setup();
    const a = outbox.enqueue(post('a')).id;
    const b = outbox.enqueue(post('b')).id;
    outbox.retryAt(a, NOW + 30, 'HTTP 500');
    expect(outbox.due(NOW, 10).map((row) => row.id)).toEqual([b]);
    expect(outbox.due(NOW + 30, 10).map((row) => row.id)).toEqual([a, b]);
    expect(outbox.due(NOW + 30, 1).map((row) => row.id)).toEqual([a]);
    expect(outbox.get(a)).toMatchObject({ attempts: 1, nextAttemptAt: NOW + 30, lastError: 'HTTP 500' });
  });

  it('never hands out a sent or failed row again', () => {
    const { outbox } = setup();
    const sent = outbox.enqueue(post('sent')).id;
    const failed = outbox.enqueue(post('failed')).id;
    expect(outbox.markSent(sent, { channel: 'C0DATA', ts: '1700000001.000100' }, NOW)).toBe(true);
    expect(outbox.markSent(sent, { channel: 'C0DATA', ts: '1700000002.000100' }, NOW)).toBe(false);
    outbox.markFailed(failed, 'not_in_channel');
    expect(outbox.due(NOW + 86_400, 10)).toEqual([]);
    expect(outbox.get(sent)).toMatchObject({ state: 'sent', sentAt: NOW, attempts: 1 });
    expect(outbox.get(failed)).toMatchObject({ state: 'failed', lastError: 'not_in_channel' });
  });

  it("remembers where the alert's message was posted, for chat.update", () => {
    const { outbox } = setup();
    const id = outbox.enqueue(post('alert|7|post')).id;
    expect(outbox.messageRef(7, 'slack')).toBeUndefined();
    expect(outbox.alertPostState(7, 'slack')).toBe('pending');
    outbox.markSent(id, { channel: 'C0DATA', ts: '1700000001.000100' }, NOW);
    expect(outbox.messageRef(7, 'slack')).toEqual({ channel: 'C0DATA', ts: '1700000001.000100' });
    expect(outbox.messageRef(7, 'msteams')).toBeUndefined();
    expect(outbox.alertPostState(8, 'slack')).toBeUndefined();
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';

describe('migrations', () => {
  it('applies every shipped migration once and records its id', () => {
    const db = new Database(':memory:');
    const shipped = readMigrations();
    expect(migrate(db, shipped)).toEqual(shipped.map((migration) => migration.id));
    expect(migrate(db, shipped)).toEqual([]);
    const recorded = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all();
    expect(recorded).toEqual(shipped.map((migration) => migration.id));
    expect(recorded[0]).toBe('0001_initial');
  });

  it('refuses a database that has a migration this version does not know', () => {
    const db = new Database(':memory:');
    migrate(db, readMigrations());
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('9999_from_the_future', 0)").run();
    expect(() => migrate(db, readMigrations())).toThrow(
      expect.objectContaining({
        code: 'store_incompatible',
        message: expect.stringContaining('9999_from_the_future'),
      }),
    );
  });

  it('rolls a failing migration back whole and leaves it unrecorded', () => {
    const db = new Database(':memory:');
    const broken = [{ id: '0001_broken', sql: 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);' }];
    expect(() => migrate(db, broken)).toThrow(/already exists/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(0);
  });

  it('opens a file database in WAL mode with a busy timeout', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ai-spend-')), 'nested', 'spend.db');
    const db = openDatabase({ path, busyTimeoutMs: 2_500 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(2_500);
    db.close();
  });
});

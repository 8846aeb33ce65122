import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Migration, migrate, readMigrations } from './migrate.js';

export interface OpenDatabaseOptions {
  /** A file path, or `:memory:`. Parent folders are created. */
  path: string;
  migrations?: readonly Migration[];
  busyTimeoutMs?: number;
}

/** Opens SQLite the way ai-spend needs it: WAL, a busy timeout, and the schema migrated. */
export function openDatabase({
  path,
  migrations = readMigrations(),
  busyTimeoutMs = 5_000,
}: OpenDatabaseOptions): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

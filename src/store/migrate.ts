import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { AiSpendError } from '../core/errors.js';

/** The migrations shipped with ai-spend: `migrations/NNNN_name.sql` at the package root. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  id: string;
  sql: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: name.replace(/\.sql$/, ''), sql: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * Applies the migrations the database lacks, in order, each in its own transaction, and records
 * them. Refuses a database that has migrations this version does not know (it was written by a
 * newer ai-spend). Returns the ids applied now.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT NOT NULL PRIMARY KEY,
    applied_at INTEGER NOT NULL
  ) WITHOUT ROWID`);
  const applied = new Set(
    db
      .prepare('SELECT id FROM schema_migrations')
      .pluck()
      .all()
      .map((id) => String(id)),
  );
  const known = new Set(migrations.map((migration) => migration.id));
  const unknown = [...applied].filter((id) => !known.has(id)).sort();
  if (unknown.length > 0) {
    throw new AiSpendError(
      'store_incompatible',
      `the database has migrations this version of ai-spend does not know: ${unknown.join(', ')}`,
      { hint: 'upgrade ai-spend, or point AI_SPEND_DB at another database file' },
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, unixepoch())');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id);
    })();
    done.push(migration.id);
  }
  return done;
}

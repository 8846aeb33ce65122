import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Attribution } from '../core/attribution/attribute.js';
import type { AttributionRule } from '../core/attribution/types.js';
import type { FactDimensions } from '../core/facts.js';
import type { DimsRepository } from './dims-repository.js';
import { markAllDirty } from './rebuild-rollups.js';

const SETTING = 'attribution_fingerprint';

export function attributionFingerprint(rules: readonly AttributionRule[]): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}

/**
 * Keeps stored history attributed by the current rules: when the rules changed since the last
 * run, every dims row is re-resolved and the rollups of all days are marked for a rebuild.
 * Returns how many dims rows changed owner (0 when the rules are unchanged).
 */
export function syncAttribution(
  db: Database.Database,
  dims: DimsRepository,
  rules: readonly AttributionRule[],
  attribute: (dims: FactDimensions) => Attribution,
): { changed: number; rulesChanged: boolean } {
  const fingerprint = attributionFingerprint(rules);
  const stored = db
    .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(SETTING);
  if (stored === fingerprint) return { changed: 0, rulesChanged: false };
  const changed = dims.reattribute(attribute);
  db.transaction(() => {
    if (changed > 0) markAllDirty(db);
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(SETTING, fingerprint);
  })();
  return { changed, rulesChanged: stored !== undefined };
}

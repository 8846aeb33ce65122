import type Database from 'better-sqlite3';
import type { Collector, CollectProgress, CollectResult, FactSink } from '../collectors/collector.js';
import { isAiSpendError } from '../core/errors.js';
import { recordJobRun } from '../store/job-runs.js';
import { type RebuildProgress, rebuildDirtyRollups } from '../store/rebuild-rollups.js';

export interface CollectDeps {
  db: Database.Database;
  sink: FactSink;
  collectors: readonly Collector[];
  onProgress?: (progress: CollectProgress) => void;
  onRebuild?: (progress: RebuildProgress) => void;
}

export interface CollectSummary {
  results: CollectResult[];
  /** (source, day) rollups rebuilt after the pass. */
  rebuiltDays: number;
}

/**
 * One collection pass: every source in turn (one failing never stops the others), then the
 * rollups of the days that changed. `since`/`until` backfill a window regardless of cursors.
 */
export async function collect(
  { db, sink, collectors, onProgress, onRebuild }: CollectDeps,
  now: number,
  window: { since?: number; until?: number } = {},
): Promise<CollectSummary> {
  return recordJobRun(db, 'collect', now, async () => {
    const results: CollectResult[] = [];
    for (const collector of collectors) {
      try {
        results.push(await collector.collect({ now, sink, onProgress, ...window }));
      } catch (error) {
        // Collectors report failures as values; this is the job runner's sink for the unexpected.
        results.push({
          source: collector.source,
          ok: false,
          code: isAiSpendError(error) ? error.code : 'provider_unavailable',
          message: error instanceof Error ? error.message : String(error),
          ...(isAiSpendError(error) && error.hint ? { hint: error.hint } : {}),
          streams: [],
        });
      }
    }
    const rebuiltDays = rebuildDirtyRollups(db, { onProgress: onRebuild });
    const status = results.every((result) => result.ok)
      ? 'ok'
      : results.some((r) => r.ok)
        ? 'partial'
        : 'failed';
    return { status, summary: { results, rebuiltDays } };
  });
}

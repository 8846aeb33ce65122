import type Database from 'better-sqlite3';
import type { FactSink, MetricPage } from '../collectors/collector.js';
import { AiSpendError } from '../core/errors.js';
import type { QuotaLimit, SourceId } from '../core/facts.js';

/**
 * The fast-signal side of the sink: metric points (upserted, a missing minute stays missing) and
 * quota limits (replaced per region, with the time they were read kept as a cursor).
 */
export function createSignalWriters({
  db,
  clock,
  writeCursor,
  readCursor,
}: {
  db: Database.Database;
  clock: () => number;
  writeCursor: Database.Statement;
  readCursor: Database.Statement<[string, string], number>;
}): Pick<FactSink, 'writeMetrics' | 'writeQuotas' | 'quotasRefreshedAt'> {
  const upsertPoint =
    db.prepare(`INSERT INTO metric_points (source, metric, stat, region, model, bucket_start,
      bucket_seconds, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, metric, stat, region, bucket_start, model, bucket_seconds)
    DO UPDATE SET value = excluded.value`);
  const writeMetrics = db.transaction((source: SourceId, page: MetricPage) => {
    for (const point of page.points) {
      if (!Number.isFinite(point.value)) {
        throw new AiSpendError(
          'input_invalid',
          `${point.metric} ${point.stat} for ${point.model} is not a number`,
        );
      }
      upsertPoint.run(
        source,
        point.metric,
        point.stat,
        point.region,
        point.model,
        point.bucketStart,
        point.bucketSeconds,
        point.value,
      );
    }
    if (page.cursor !== undefined) writeCursor.run(source, page.stream, page.cursor, clock());
  });
  const deleteQuotas = db.prepare(
    "DELETE FROM quota_limits WHERE source = ? AND region = ? AND origin = 'service_quotas'",
  );
  const insertQuota =
    db.prepare(`INSERT INTO quota_limits (source, region, model, inference_type, unit, value, origin,
      quota_code, quota_name, refreshed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, region, model, inference_type, unit) DO UPDATE SET value = excluded.value,
      origin = excluded.origin, quota_code = excluded.quota_code, quota_name = excluded.quota_name,
      refreshed_at = excluded.refreshed_at`);
  const quotaStream = (region: string) => `quotas:${region}`;
  const writeQuotas = db.transaction(
    (source: SourceId, region: string, limits: QuotaLimit[], refreshedAt: number) => {
      deleteQuotas.run(source, region);
      for (const limit of limits) {
        if (limit.region !== region) continue;
        insertQuota.run(
          source,
          region,
          limit.model,
          limit.inferenceType,
          limit.unit,
          limit.value,
          limit.origin,
          limit.quotaCode ?? null,
          limit.quotaName ?? null,
          refreshedAt,
        );
      }
      // Stored as a cursor so a region with no quota at all still counts as refreshed.
      db.prepare(`INSERT INTO cursors (source, stream, position, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (source, stream) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`).run(
        source,
        quotaStream(region),
        refreshedAt,
        clock(),
      );
    },
  );

  return {
    writeMetrics: (source, page) => writeMetrics(source, page),
    writeQuotas: (source, region, limits, refreshedAt) => writeQuotas(source, region, limits, refreshedAt),
    quotasRefreshedAt: (source, region) => readCursor.get(source, quotaStream(region)),
  };
}

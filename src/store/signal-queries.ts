import type Database from 'better-sqlite3';
import type { QuotaLimit } from '../core/facts.js';

export interface QuotaGroup {
  region: string;
  /** The quota's name when Service Quotas gave one, else the model id. */
  name: string;
  inferenceType: string;
  limit: number;
  origin: 'service_quotas' | 'config';
  /** Every ModelId that draws on this quota (application profiles share their source model's). */
  models: string[];
}

export interface MinuteUsage {
  minute: number;
  /** Sum of EstimatedTPMQuotaUsage over the group's models in that minute. */
  used: number;
}

export interface ModelPoint {
  model: string;
  region: string;
  value: number;
}

export type TimedPoint = ModelPoint & { bucketStart: number; bucketSeconds: number };

/**
 * Per minute, the quota usage summed over the models of a group (minutes without data absent).
 * Where only coarser points exist (an old backfill), their per-minute average stands in.
 */
export function minuteUsage(points: readonly TimedPoint[], group: QuotaGroup): MinuteUsage[] {
  const models = new Set(group.models);
  const rows = points.filter((point) => models.has(point.model));
  const fine = new Set(rows.filter((point) => point.bucketSeconds === 60).map((point) => point.bucketStart));
  const byMinute = new Map<number, number>();
  for (const point of rows) {
    if (point.bucketSeconds !== 60 && hasFinePoint(fine, point)) continue;
    byMinute.set(
      point.bucketStart,
      (byMinute.get(point.bucketStart) ?? 0) + (point.value * 60) / point.bucketSeconds,
    );
  }
  return [...byMinute].map(([minute, used]) => ({ minute, used })).sort((a, b) => a.minute - b.minute);
}

function hasFinePoint(fine: ReadonlySet<number>, point: TimedPoint): boolean {
  for (let minute = point.bucketStart; minute < point.bucketStart + point.bucketSeconds; minute += 60) {
    if (fine.has(minute)) return true;
  }
  return false;
}

/** Reads the fast signals (metric points, quota limits) that `quota` and `latency` answer from. */
export function createSignalQueries(db: Database.Database) {
  const limits = db.prepare(`SELECT region, model, inference_type AS inferenceType, value, origin,
      quota_code AS quotaCode, quota_name AS quotaName
    FROM quota_limits WHERE source = ? AND unit = 'tokens_per_minute'`);
  const points = (stat: string) =>
    db.prepare(`SELECT bucket_start AS bucketStart, bucket_seconds AS bucketSeconds, model, region, value FROM metric_points
      WHERE source = ? AND metric = ? AND stat = '${stat}' AND region = ? AND bucket_start >= ? AND bucket_start < ?`);
  const sums = points('Sum');
  const totals = db.prepare(`SELECT model, sum(value) AS value FROM metric_points
    WHERE source = ? AND metric = ? AND stat = 'Sum' AND region = ? AND bucket_start >= ? AND bucket_start < ?
    GROUP BY model`);
  const ownersOf = db.prepare(`SELECT coalesce(inference_profile, model) AS modelId, team, count(*) AS n
    FROM dims WHERE source = ? AND region = ? GROUP BY 1, 2 ORDER BY n DESC`);
  const latestMetric = db
    .prepare('SELECT max(bucket_start + bucket_seconds) FROM metric_points WHERE source = ?')
    .pluck();
  const byStat = new Map<string, Database.Statement>();

  return {
    /**
     * Token-per-minute quotas grouped by what they limit: one group per (region, quota), with the
     * ModelIds sharing it. Config overrides replace the value of the models they name.
     */
    quotaGroups(source: string, overrides: readonly QuotaLimit[]): QuotaGroup[] {
      const rows = limits.all(source) as Array<{
        region: string;
        model: string;
        inferenceType: string;
        value: number;
        origin: 'service_quotas' | 'config';
        quotaCode: string | null;
        quotaName: string | null;
      }>;
      const merged = new Map<string, (typeof rows)[number]>();
      for (const row of rows) merged.set(`${row.region}|${row.model}`, row);
      for (const override of overrides.filter((limit) => limit.unit === 'tokens_per_minute')) {
        const seen = merged.get(`${override.region}|${override.model}`);
        merged.set(`${override.region}|${override.model}`, {
          region: override.region,
          model: override.model,
          inferenceType: seen?.inferenceType ?? override.inferenceType,
          value: override.value,
          origin: 'config',
          quotaCode: seen?.quotaCode ?? null,
          quotaName: seen?.quotaName ?? null,
        });
      }
      const groups = new Map<string, QuotaGroup>();
      for (const row of merged.values()) {
        const key = `${row.region}|${row.quotaCode ?? row.model}|${row.value}`;
        const group = groups.get(key);
        if (group) group.models.push(row.model);
        else {
          groups.set(key, {
            region: row.region,
            name: row.quotaName ?? row.model,
            inferenceType: row.inferenceType,
            limit: row.value,
            origin: row.origin,
            models: [row.model],
          });
        }
      }
      return [...groups.values()].sort((a, b) => (a.region + a.name < b.region + b.name ? -1 : 1));
    },

    /** Every EstimatedTPMQuotaUsage point of a region over `[start, end)`, read once for all its quotas. */
    quotaUsagePoints(source: string, region: string, start: number, end: number): TimedPoint[] {
      return sums.all(source, 'EstimatedTPMQuotaUsage', region, start, end) as TimedPoint[];
    },

    /** Sum of a counted metric per model over `[start, end)`. */
    totalsByModel(
      source: string,
      metric: string,
      region: string,
      start: number,
      end: number,
    ): Map<string, number> {
      const rows = totals.all(source, metric, region, start, end) as Array<{ model: string; value: number }>;
      return new Map(rows.map((row) => [row.model, row.value]));
    },

    /** Every point of `metric`/`stat` in a region over `[start, end)`. */
    points(source: string, metric: string, stat: string, region: string, start: number, end: number) {
      let statement = byStat.get(stat);
      if (statement === undefined) {
        statement = points(stat);
        byStat.set(stat, statement);
      }
      return statement.all(source, metric, region, start, end) as TimedPoint[];
    },

    /** The team that owns each ModelId of a region (the most common attribution of its facts). */
    owners(source: string, region: string): Map<string, string> {
      const owners = new Map<string, string>();
      for (const row of ownersOf.all(source, region) as Array<{ modelId: string; team: string }>) {
        if (!owners.has(row.modelId)) owners.set(row.modelId, row.team);
      }
      return owners;
    },

    /** Signals are complete up to here (UTC epoch seconds), or `null` before the first collection. */
    metricsThrough(source: string): number | null {
      const value = latestMetric.get(source);
      return value === null || value === undefined ? null : Number(value);
    },

    regions(source: string): string[] {
      return db
        .prepare('SELECT DISTINCT region FROM metric_points WHERE source = ? ORDER BY region')
        .pluck()
        .all(source)
        .map(String);
    },
  };
}

export type SignalQueries = ReturnType<typeof createSignalQueries>;

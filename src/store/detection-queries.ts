import type Database from 'better-sqlite3';
import { modelFamily } from '../core/model-family.js';
import type { TeamDailyMix } from '../core/rules/migration-rule.js';

/** Spend of one hour or day for one (source, team, feature, model family), micro-dollars. */
export interface SpendCell {
  at: number;
  source: string;
  team: string;
  feature: string;
  family: string;
  micros: number;
  tokens: number;
}

/** Which facts a root-cause breakdown reads; absent keys match everything. */
export interface BreakdownFilter {
  team?: string;
  feature?: string;
  source?: string;
  family?: string;
}

/** A dimension value's spend over the buckets asked, micro-dollars. */
export interface BreakdownRow {
  dimension: 'team' | 'feature' | 'model' | 'provider' | 'api_key' | 'region';
  value: string;
  micros: number;
}

/** A metric summed per hour for one (region, ModelId). */
export interface HourlyMetric {
  region: string;
  model: string;
  hour: number;
  value: number;
}

/** Where a root-cause breakdown reads: its columns per dimension, its filters and its amount. */
interface BreakdownTable {
  from: string;
  bucket: string;
  micros: string;
  columns: Partial<Record<BreakdownRow['dimension'], string>>;
  filters: Record<keyof BreakdownFilter, string>;
}

/** Hours from the usage facts: estimated, with API keys and regions. */
const USAGE_TABLE: BreakdownTable = {
  from: 'usage_facts u JOIN dims d ON d.id = u.dim_id',
  bucket: 'u.bucket_start',
  micros: 'coalesce(sum(u.estimated_micros), 0)',
  columns: {
    team: 'd.team',
    feature: 'd.feature',
    model: "coalesce(d.model, '')",
    provider: 'd.source',
    api_key: "coalesce(d.api_key_id, '')",
    region: "coalesce(d.region, '')",
  },
  filters: {
    team: 'd.team',
    feature: 'd.feature',
    source: 'd.source',
    family: "model_family(coalesce(d.model, ''))",
  },
};

/** Days from the daily rollups: billed where billed, else estimated. */
const DAILY_TABLE: BreakdownTable = {
  from: 'rollup_daily',
  bucket: 'day',
  micros: 'sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END)',
  columns: { team: 'team', feature: 'feature', model: 'model', provider: 'source' },
  filters: { team: 'team', feature: 'feature', source: 'source', family: 'model_family' },
};

/** The series and breakdowns the detection rules read; every query is bounded by time. */
export function createDetectionQueries(db: Database.Database) {
  db.function('model_family', { deterministic: true }, (model: unknown) => modelFamily(String(model)));
  const hourly = db.prepare(`SELECT hour AS at, source, team, feature, model_family AS family,
      sum(estimated_micros) AS micros, sum(tokens) AS tokens
    FROM rollup_hourly WHERE hour >= ? AND hour < ? GROUP BY 1, 2, 3, 4, 5`);
  const daily = db.prepare(`SELECT day AS at, source, team, feature, model_family AS family,
      sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END) AS micros, sum(tokens) AS tokens
    FROM rollup_daily WHERE day >= ? AND day < ? GROUP BY 1, 2, 3, 4, 5`);
  // A replay of the past counts a day's bill only once it would have arrived (see `dailySpend`).
  const dailyBilledBefore = db.prepare(`SELECT day AS at, source, team, feature, model_family AS family,
      sum(CASE WHEN billed = 1 AND day < ? THEN billed_micros ELSE estimated_micros END) AS micros,
      sum(tokens) AS tokens
    FROM rollup_daily WHERE day >= ? AND day < ? GROUP BY 1, 2, 3, 4, 5`);
  const teamModelDays = db.prepare(`SELECT team, day, source AS provider, model, model_family AS modelFamily,
      sum(tokens) AS tokens, sum(CASE WHEN billed = 1 THEN billed_micros ELSE estimated_micros END) AS micros
    FROM rollup_daily WHERE day >= ? AND day < ? GROUP BY 1, 2, 3, 4, 5`);
  const firstHour = db.prepare('SELECT min(hour) FROM rollup_hourly').pluck();
  const firstDay = db.prepare('SELECT min(day) FROM rollup_daily').pluck();
  const newFeatures = db.prepare(`SELECT team, feature, min(day) AS firstSeen FROM rollup_daily
    WHERE feature != '(none)' GROUP BY team, feature HAVING min(day) >= ? ORDER BY firstSeen`);
  const usersOf = db.prepare(`SELECT d.region, coalesce(d.inference_profile, d.model) AS modelId, d.team,
      sum(u.uncached_input + u.cache_write_5m + u.cache_write_1h + u.cache_read + u.output) AS tokens
    FROM usage_facts u JOIN dims d ON d.id = u.dim_id
    WHERE d.source = ? AND u.bucket_start >= ? AND u.bucket_start < ? GROUP BY 1, 2, 3`);
  const labelsOf = db.prepare(`SELECT DISTINCT region, coalesce(inference_profile, model) AS modelId, model
    FROM dims WHERE source = ? AND model IS NOT NULL`);
  const metricHours = db.prepare(`SELECT region, model, bucket_start - (bucket_start % 3600) AS hour,
      sum(value) AS value
    FROM metric_points WHERE source = ? AND metric = ? AND stat = 'Sum' AND bucket_start >= ? AND bucket_start < ?
    GROUP BY 1, 2, 3`);
  const tokenHours = db.prepare(`SELECT d.region, coalesce(d.inference_profile, d.model) AS model,
      u.bucket_start - (u.bucket_start % 3600) AS hour,
      sum(u.uncached_input + u.cache_write_5m + u.cache_write_1h + u.cache_read) AS inputTokens,
      sum(u.output) AS outputTokens, coalesce(sum(u.estimated_micros), 0) AS micros
    FROM usage_facts u JOIN dims d ON d.id = u.dim_id
    WHERE d.source = ? AND u.bucket_start >= ? AND u.bucket_start < ? GROUP BY 1, 2, 3`);
  const metricPoints =
    db.prepare(`SELECT region, model, bucket_start AS at, bucket_seconds AS bucketSeconds, value
    FROM metric_points WHERE source = ? AND metric = ? AND stat = ? AND bucket_start >= ? AND bucket_start < ?
    ORDER BY bucket_start`);

  const breakdown = (table: BreakdownTable, filter: BreakdownFilter, buckets: readonly number[]) => {
    if (buckets.length === 0) return [];
    const filters = Object.entries(filter).filter(([, value]) => value !== undefined) as Array<
      [keyof BreakdownFilter, string]
    >;
    const where = [
      `${table.bucket} IN (${buckets.map(() => '?').join(', ')})`,
      ...filters.map(([key]) => `${table.filters[key]} = ?`),
    ].join(' AND ');
    const rows: BreakdownRow[] = [];
    for (const [dimension, column] of Object.entries(table.columns)) {
      const sql = `SELECT ${column} AS value, ${table.micros} AS micros FROM ${table.from} WHERE ${where} GROUP BY 1`;
      const found = db.prepare(sql).all(...buckets, ...filters.map(([, value]) => value)) as Array<{
        value: string;
        micros: number;
      }>;
      for (const row of found) {
        rows.push({
          dimension: dimension as BreakdownRow['dimension'],
          value: row.value,
          micros: row.micros,
        });
      }
    }
    return rows;
  };

  return {
    /** Estimated spend per hour over `[start, end)` from the hourly rollups. */
    hourlySpend: (start: number, end: number): SpendCell[] => hourly.all(start, end) as SpendCell[],
    /**
     * Spend per UTC day over `[start, end)`: billed where billed, else estimated; with
     * `billedBefore`, only days before it count their bill (a backtest of a moment the bill was not in).
     */
    dailySpend: (start: number, end: number, billedBefore?: number): SpendCell[] =>
      (billedBefore === undefined
        ? daily.all(start, end)
        : dailyBilledBefore.all(billedBefore, start, end)) as SpendCell[],
    /** Per team, model and day over `[start, end)`, for mix changes (migration, latency follow-up). */
    teamModelDays: (start: number, end: number): TeamDailyMix[] =>
      teamModelDays.all(start, end) as TeamDailyMix[],
    /** The first hour and day with any spend (earlier is unknown, not zero); `null` when empty. */
    knownFrom(): { hour: number | null; day: number | null } {
      const hour = firstHour.get() as number | null;
      const day = firstDay.get() as number | null;
      return { hour: hour ?? null, day: day ?? null };
    },
    /** Root-cause breakdown over hour starts, from the usage facts (API keys and regions included). */
    hourlyBreakdown: (filter: BreakdownFilter, hours: readonly number[]): BreakdownRow[] =>
      breakdown(USAGE_TABLE, filter, hours),
    /** Root-cause breakdown over UTC days, from the daily rollups (billed where billed). */
    dailyBreakdown: (filter: BreakdownFilter, days: readonly number[]): BreakdownRow[] =>
      breakdown(DAILY_TABLE, filter, days),
    /** Features first seen on or after `since` (a UTC midnight), per team. */
    featuresSince: (since: number): Array<{ team: string; feature: string; firstSeen: number }> =>
      newFeatures.all(since) as Array<{ team: string; feature: string; firstSeen: number }>,
    /** Per `region|ModelId`: the teams using it over `[start, end)` with their share of its tokens, largest first. */
    modelUsers(
      source: string,
      start: number,
      end: number,
    ): Map<string, Array<{ team: string; share: number }>> {
      const totals = new Map<string, Array<{ team: string; tokens: number }>>();
      for (const row of usersOf.all(source, start, end) as Array<{
        region: string;
        modelId: string;
        team: string;
        tokens: number;
      }>) {
        const key = `${row.region}|${row.modelId}`;
        totals.set(key, [...(totals.get(key) ?? []), { team: row.team, tokens: row.tokens }]);
      }
      return new Map(
        [...totals].map(([key, teams]) => {
          const sum = teams.reduce((total, team) => total + team.tokens, 0);
          return [
            key,
            teams
              .map((team) => ({ team: team.team, share: sum === 0 ? 1 / teams.length : team.tokens / sum }))
              .sort((a, b) => b.share - a.share || (a.team < b.team ? -1 : 1)),
          ];
        }),
      );
    },
    /** Per `region|ModelId`: the model family to show (profiles take their model's). */
    modelLabels(source: string): Map<string, string> {
      const labels = new Map<string, string>();
      for (const row of labelsOf.all(source) as Array<{ region: string; modelId: string; model: string }>) {
        labels.set(`${row.region}|${row.modelId}`, modelFamily(row.model));
      }
      return labels;
    },
    /** A counted metric (stat `Sum`) summed per hour over `[start, end)`. */
    hourlyMetric: (source: string, metric: string, start: number, end: number): HourlyMetric[] =>
      metricHours.all(source, metric, start, end) as HourlyMetric[],
    /** Tokens and estimated spend per hour and (region, ModelId) over `[start, end)`. */
    hourlyTokens: (source: string, start: number, end: number) =>
      tokenHours.all(source, start, end) as Array<{
        region: string;
        model: string;
        hour: number;
        inputTokens: number;
        outputTokens: number;
        micros: number;
      }>,
    /** Every point of a metric and stat over `[start, end)`, oldest first. */
    metricPoints: (source: string, metric: string, stat: string, start: number, end: number) =>
      metricPoints.all(source, metric, stat, start, end) as Array<{
        region: string;
        model: string;
        at: number;
        bucketSeconds: number;
        value: number;
      }>,
  };
}

export type DetectionQueries = ReturnType<typeof createDetectionQueries>;

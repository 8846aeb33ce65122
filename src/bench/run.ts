import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { answer } from '../chat/answer.js';
import { compileAttribution } from '../core/attribution/attribute.js';
import type { AttributionRule } from '../core/attribution/types.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR, type SourceId, type UsageFact } from '../core/facts.js';
import { createPriceBook } from '../core/pricing/price-book.js';
import { createDimsRepository } from '../store/dims-repository.js';
import { createFactSink } from '../store/fact-sink.js';
import { openDatabase } from '../store/open-database.js';
import { rebuildDirtyRollups } from '../store/rebuild-rollups.js';
import { createSignalQueries } from '../store/signal-queries.js';
import { createSpendQueries } from '../store/spend-queries.js';
import { syncAttribution } from '../store/sync-attribution.js';

/**
 * Builds a year-scale database (1,000 teams, 5 providers, 50 models, hourly facts) through the
 * real ingest path, and prints ingest rows/s beside a raw better-sqlite3 insert of the same rows,
 * the rollup rebuild time, and p50/p99 of `team <name> 30d`. `--days N` shortens the year.
 */
const args = process.argv.slice(2);
const days = Number(args[args.indexOf('--days') + 1] ?? 365) || 365;
const TEAMS = 1_000;
const KEYS_PER_TEAM = 3;

const MODELS: Record<SourceId, string[]> = {
  anthropic: [
    'claude-sonnet-4-5-20250929',
    'claude-haiku-4-5-20251001',
    'claude-opus-4-1-20250805',
    'claude-sonnet-4-6',
    'claude-opus-4-6',
    'claude-sonnet-4-20250514',
    'claude-3-5-haiku-20241022',
    'claude-sonnet-4-5',
    'claude-haiku-4-5',
    'claude-opus-4-1',
  ],
  openai: [
    'gpt-4o-2024-08-06',
    'gpt-4o-mini-2024-07-18',
    'gpt-4.1-2025-04-14',
    'gpt-5-2025-08-07',
    'gpt-5-mini',
    'o3-2025-04-16',
    'o4-mini-2025-04-16',
    'gpt-5.4',
    'gpt-4o',
    'gpt-5',
  ],
  bedrock: [
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    'us.amazon.nova-pro-v1:0',
    'meta.llama3-3-70b-instruct-v1:0',
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    'apac.anthropic.claude-sonnet-4-20250514-v1:0',
    'us.anthropic.claude-opus-4-1-20250805-v1:0',
  ],
  vertex: [
    'claude-sonnet-4-5@20250929',
    'claude-opus-4-1@20250805',
    'claude-3-5-haiku@20241022',
    'gemini-2.5-pro',
    'gemini-2.5-flash',
    'gemini-2.0-flash-001',
    'claude-haiku-4-5@20251001',
    'gemini-2.5-flash-lite',
    'gemini-3-pro',
    'gemini-1.5-pro',
  ],
  azure: [
    'gpt-4o-2024-11-20',
    'gpt-35-turbo',
    'gpt-4.1-mini',
    'o3-mini',
    'text-embedding-3-large',
    'gpt-4o',
    'gpt-4.1',
    'gpt-5',
    'gpt-5-mini',
    'o4-mini',
  ],
  focus: [],
};
const SOURCES: SourceId[] = ['anthropic', 'openai', 'bedrock', 'vertex', 'azure'];

function dimsOf(team: number, key: number) {
  const source = SOURCES[(team + key) % SOURCES.length] ?? 'anthropic';
  const models = MODELS[source];
  const model = models[(team * 7 + key * 3) % models.length] ?? '';
  return { source, dims: { source, projectId: `proj_${team}`, apiKeyId: `key_${team}_${key}`, model } };
}

function hourFacts(hour: number): Map<SourceId, UsageFact[]> {
  const bySource = new Map<SourceId, UsageFact[]>();
  for (let team = 0; team < TEAMS; team += 1) {
    for (let key = 0; key < KEYS_PER_TEAM; key += 1) {
      const { source, dims } = dimsOf(team, key);
      const base = 1_000 + ((team * 131 + key * 17 + hour * 7) % 5_000);
      const fact: UsageFact = {
        dims,
        bucketStart: hour,
        bucketSeconds: SECONDS_PER_HOUR,
        tokens: {
          uncachedInput: base * 20,
          cacheWrite5m: base,
          cacheWrite1h: 0,
          cacheRead: base * 10,
          output: base * 3,
        },
        requests: base % 97,
      };
      const list = bySource.get(source);
      if (list) list.push(fact);
      else bySource.set(source, [fact]);
    }
  }
  return bySource;
}

const dir = mkdtempSync(join(tmpdir(), 'ai-spend-bench-'));
const end = Date.UTC(2026, 10, 29) / 1000;
const start = end - days * SECONDS_PER_DAY;
const rules: AttributionRule[] = [
  { match: { project_id: 'proj_*' }, team: 'team-{project_id}', feature: '{api_key_id}' },
];

/** One day of facts per source: the page a collector hands the store (24 hourly buckets). */
function dayPages(day: number): Map<SourceId, { buckets: number[]; facts: UsageFact[] }> {
  const pages = new Map<SourceId, { buckets: number[]; facts: UsageFact[] }>();
  for (let h = 0; h < 24; h += 1) {
    const hour = day + h * SECONDS_PER_HOUR;
    for (const [source, facts] of hourFacts(hour)) {
      let page = pages.get(source);
      if (page === undefined) {
        page = { buckets: [], facts: [] };
        pages.set(source, page);
      }
      page.buckets.push(hour);
      page.facts.push(...facts);
    }
  }
  return pages;
}

function bench(): void {
  const db = openDatabase({ path: join(dir, 'ai-spend.db') });
  const attribute = compileAttribution(rules);
  const dims = createDimsRepository(db, attribute);
  syncAttribution(db, dims, rules, attribute);
  const sink = createFactSink({ db, dims, priceBook: createPriceBook(), clock: () => end });
  let ingestSeconds = 0;
  for (let d = 0; d < days; d += 1) {
    const day = start + d * SECONDS_PER_DAY;
    const pages = dayPages(day);
    const t0 = performance.now();
    for (const [source, page] of pages) {
      sink.writeUsage(source, {
        stream: 'usage',
        bucketSeconds: SECONDS_PER_HOUR,
        ...page,
        cursor: day + SECONDS_PER_DAY,
      });
    }
    ingestSeconds += (performance.now() - t0) / 1000;
    if (d % 30 === 0) process.stderr.write(`  ingest ${Math.round((d / days) * 100)}%\r`);
  }

  // Raw: the very rows ai-spend stored, inserted into a table of the same shape with one prepared
  // INSERT and one transaction per page (source-day), and nothing else: no pricing, attribution,
  // replacement, cursor or rollup marks. Rows are read before the clock starts.
  const raw = openDatabase({ path: join(dir, 'raw.db') });
  const schema = String(
    raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'usage_facts'").pluck().get(),
  );
  raw.exec(schema.replace('usage_facts', 'raw_usage'));
  const rawInsert = raw.prepare('INSERT INTO raw_usage VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const rawPage = raw.transaction((page: unknown[][]) => {
    for (const row of page) rawInsert.run(row);
  });
  const storedPage = db
    .prepare(`SELECT u.* FROM usage_facts u JOIN dims d ON d.id = u.dim_id
      WHERE u.bucket_start >= ? AND u.bucket_start < ? AND d.source = ?`)
    .raw();
  let rows = 0;
  let rawSeconds = 0;
  for (let d = 0; d < days; d += 1) {
    const day = start + d * SECONDS_PER_DAY;
    const pages = SOURCES.map((source) => storedPage.all(day, day + SECONDS_PER_DAY, source) as unknown[][]);
    const t0 = performance.now();
    for (const page of pages) rawPage(page);
    rawSeconds += (performance.now() - t0) / 1000;
    for (const page of pages) rows += page.length;
  }
  raw.close();

  const t1 = performance.now();
  const rebuilt = rebuildDirtyRollups(db);
  const rebuildSeconds = (performance.now() - t1) / 1000;

  const queries = createSpendQueries(db);
  const signals = createSignalQueries(db);
  const latencies: number[] = [];
  for (let i = 0; i < 400; i += 1) {
    const team = `team-proj_${(i * 37) % TEAMS}`;
    const t0 = performance.now();
    const reply = answer(`team ${team} 30d`, end - 1, {
      queries,
      signals,
      configuredTeams: [],
      sources: SOURCES,
      quotaOverrides: [],
      quotaThresholdPercent: 80,
    });
    latencies.push(performance.now() - t0);
    if (reply.data.kind !== 'team_spend') throw new Error(`unexpected answer ${reply.data.kind}`);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const rollupRows = db.prepare('SELECT count(*) FROM rollup_daily').pluck().get();
  db.close();

  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} rows/s`;
  const lines = [
    `ai-spend bench: ${TEAMS} teams, ${SOURCES.length} providers, ${Object.values(MODELS).flat().length} models, ${days} days hourly`,
    `usage facts           ${rows.toLocaleString('en-US')}`,
    `raw better-sqlite3    ${rate(rows, rawSeconds)} (${rawSeconds.toFixed(1)} s)`,
    `ai-spend ingest       ${rate(rows, ingestSeconds)} (${ingestSeconds.toFixed(1)} s, priced and attributed) = ${((rawSeconds / ingestSeconds) * 100).toFixed(0)}% of raw`,
    `rollup rebuild        ${rebuilt} source-days in ${rebuildSeconds.toFixed(1)} s → ${Number(rollupRows).toLocaleString('en-US')} rollup rows`,
    `team <name> 30d       p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms (400 answers)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  bench();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

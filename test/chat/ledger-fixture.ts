import type Database from 'better-sqlite3';
import type { AnswerDeps } from '../../src/chat/answer.js';
import { loadConfig } from '../../src/config/load-config.js';
import { compileAttribution } from '../../src/core/attribution/attribute.js';
import type { FactDimensions, TokenCounts } from '../../src/core/facts.js';
import { micros } from '../../src/core/money.js';
import { createPriceBook } from '../../src/core/pricing/price-book.js';
import { createDimsRepository } from '../../src/store/dims-repository.js';
import { createFactSink } from '../../src/store/fact-sink.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createReconcileStore } from '../../src/store/reconcile-store.js';
import { createSignalQueries } from '../../src/store/signal-queries.js';
import { createSpendQueries } from '../../src/store/spend-queries.js';
import { createWhatIfQueries } from '../../src/store/whatif-queries.js';

export const DAY = 86_400;
/** Tuesday 2026-11-24 15:00 UTC. */
export const NOW = Date.UTC(2026, 10, 24, 15) / 1000;
export const TODAY = NOW - (NOW % DAY);
/** The day the usage and bills below are on: 2026-11-20. */
export const D = TODAY - 4 * DAY;

export const config = loadConfig({
  path: 'ai-spend.yml',
  text: `
teams:
  search: {}
  growth: {}
slack: { default_channel: C0FINOPS }
attribution:
  - match: { source: anthropic, workspace_id: wrkspc_search }
    team: search
    feature: ask-docs
  - match: { source: openai, project_id: proj_growth }
    team: growth
`,
  env: {},
});

const tokens = (partial: Partial<TokenCounts>): TokenCounts => ({
  uncachedInput: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
  ...partial,
});

/**
 * search (Anthropic, Sonnet 4.5 list $3/$3.75/$6/$0.30/$15): on D, 1M uncached, 200k 5m writes, 100k
 * 1h writes, 2M reads and 300k output = $9.45; on D+1 in batch 400k in and 100k out = $1.35. Billed
 * exactly that. growth (OpenAI gpt-4.1 $2 in): 100M input on D = $200, billed $300 (final).
 */
export function seedLedger(): Database.Database {
  const db = openDatabase({ path: ':memory:' });
  const dims = createDimsRepository(db, compileAttribution(config.attribution));
  const sink = createFactSink({ db, dims, priceBook: createPriceBook(), clock: () => NOW });
  const search: FactDimensions = {
    source: 'anthropic',
    workspaceId: 'wrkspc_search',
    model: 'claude-sonnet-4-5-20250929',
  };
  const hour = 10 * 3_600;
  sink.writeUsage('anthropic', {
    stream: 'usage',
    buckets: [D + hour, D + DAY + hour],
    bucketSeconds: 3_600,
    cursor: NOW - 3_600,
    facts: [
      {
        dims: search,
        bucketStart: D + hour,
        bucketSeconds: 3_600,
        tokens: tokens({
          uncachedInput: 1_000_000,
          cacheWrite5m: 200_000,
          cacheWrite1h: 100_000,
          cacheRead: 2_000_000,
          output: 300_000,
        }),
        requests: 100,
      },
      {
        dims: { ...search, serviceTier: 'batch' },
        bucketStart: D + DAY + hour,
        bucketSeconds: 3_600,
        tokens: tokens({ uncachedInput: 400_000, output: 100_000 }),
        requests: 10,
      },
    ],
  });
  const workspace = { source: 'anthropic' as const, workspaceId: 'wrkspc_search' };
  sink.writeBilled('anthropic', {
    stream: 'cost',
    cursor: TODAY - DAY,
    days: [D, D + DAY],
    facts: [
      {
        dims: workspace,
        day: D,
        lineItem: 'Claude Sonnet 4.5 Usage',
        amountMicros: micros(9_450_000),
        final: true,
      },
      {
        dims: workspace,
        day: D + DAY,
        lineItem: 'Claude Sonnet 4.5 Usage',
        amountMicros: micros(1_350_000),
        final: true,
      },
    ],
  });
  sink.writeUsage('openai', {
    stream: 'usage',
    buckets: [D + hour],
    bucketSeconds: 3_600,
    cursor: NOW - 3_600,
    facts: [
      {
        dims: { source: 'openai', projectId: 'proj_growth', model: 'gpt-4.1-2025-04-14' },
        bucketStart: D + hour,
        bucketSeconds: 3_600,
        tokens: tokens({ uncachedInput: 100_000_000 }),
        requests: 1_000,
      },
    ],
  });
  sink.writeBilled('openai', {
    stream: 'cost',
    cursor: TODAY - DAY,
    days: [D],
    facts: [
      {
        dims: { source: 'openai', projectId: 'proj_growth' },
        day: D,
        lineItem: 'gpt-4.1, input',
        amountMicros: micros(300_000_000),
        final: true,
      },
    ],
  });
  return db;
}

/** What `answer()` needs, over the real stores. */
export function answerDeps(db: Database.Database): AnswerDeps {
  return {
    queries: createSpendQueries(db),
    signals: createSignalQueries(db),
    configuredTeams: ['search', 'growth'],
    sources: ['anthropic', 'openai'],
    quotaOverrides: [],
    quotaThresholdPercent: 80,
    pricing: {
      book: createPriceBook(config.prices),
      listBook: createPriceBook(),
      whatIf: createWhatIfQueries(db),
      reconcile: createReconcileStore(db),
      thresholds: config.alerts.reconcile,
    },
  };
}

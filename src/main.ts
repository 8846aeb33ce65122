import type Database from 'better-sqlite3';
import { buildCollector, FOCUS_SERVICES } from './build-collectors.js';
import { actOnAlert } from './chat/act-on-alert.js';
import { alertView } from './chat/alert-view.js';
import { type Answer, answer as answerText } from './chat/answer.js';
import { knownTeams } from './chat/answer-budget.js';
import { buildHome } from './chat/build-home.js';
import { type PushMetricsSummary, pushMetrics } from './chat/push-metrics.js';
import type { MetricFormat } from './chat/read-metric-records.js';
import type { AlertButtonOutcome, AlertPress } from './chat/slack/alert-buttons.js';
import { createSlackDeliveryClient, type DeliveryProblem } from './chat/slack/deliver-slack.js';
import type { HomeView } from './chat/slack/home-view.js';
import { createTeamsApp, type TeamsApp } from './chat/teams/create-teams-app.js';
import { enqueueTeamsDigests } from './chat/teams/enqueue-teams-digests.js';
import { teamsSettings } from './chat/teams/teams-settings.js';
import { userTeams } from './chat/user-teams.js';
import type { Collector, CollectProgress } from './collectors/collector.js';
import type { FocusCostColumn } from './collectors/focus/focus-columns.js';
import { type FocusImportSummary, importFocus, skipServices } from './collectors/focus/import-focus.js';
import type { AiSpendConfig } from './config/config-types.js';
import type { Environment } from './config/environment.js';
import { quotaOverrides } from './config/quota-overrides.js';
import { compileAttribution } from './core/attribution/attribute.js';
import type { SourceId } from './core/facts.js';
import { createPriceBook } from './core/pricing/price-book.js';
import { type AnalyzeSummary, analyze } from './jobs/analyze.js';
import { type CollectSummary, collect } from './jobs/collect.js';
import { type DeliverSummary, deliver } from './jobs/deliver.js';
import { buildDigest, type Digest } from './jobs/digest.js';
import { type SendDigestsSummary, sendDigests } from './jobs/send-digest.js';
import { createAlertStore } from './store/alert-store.js';
import { createBudgetStore } from './store/budget-store.js';
import { createBusinessMetricsStore } from './store/business-metrics-store.js';
import { createDimsRepository } from './store/dims-repository.js';
import { createFactSink } from './store/fact-sink.js';
import { openDatabase } from './store/open-database.js';
import { createOutbox } from './store/outbox-store.js';
import { type RebuildProgress, rebuildDirtyRollups } from './store/rebuild-rollups.js';
import { createReconcileStore } from './store/reconcile-store.js';
import { createSignalQueries } from './store/signal-queries.js';
import { createSpendQueries } from './store/spend-queries.js';
import { syncAttribution } from './store/sync-attribution.js';
import { createTeamsConversations } from './store/teams-conversations.js';
import { createWhatIfQueries } from './store/whatif-queries.js';

export interface AppOptions {
  config: AiSpendConfig;
  environment: Environment;
  /** Sources to collect (from `enabledSources`). */
  sources: readonly SourceId[];
  /** Database file, `:memory:` in tests; defaults to the environment's AI_SPEND_DB. */
  dbPath?: string;
  /** Wall clock in UTC epoch seconds; the only clock of the app. */
  clock?: () => number;
  /** SDK retry budget per request (tests lower it). */
  maxRetries?: number;
}

export interface App {
  db: Database.Database;
  sources: readonly SourceId[];
  collectors: readonly Collector[];
  clock: () => number;
  collect(options?: {
    since?: number;
    until?: number;
    only?: SourceId;
    onProgress?: (progress: CollectProgress) => void;
    onRebuild?: (progress: RebuildProgress) => void;
  }): Promise<CollectSummary>;
  /**
   * Imports the AI rows of a FOCUS export as billed facts (re-delivered billing periods replace
   * the earlier rows), then rebuilds the rollups. Services a running source already bills
   * (Amazon Bedrock while `sources.bedrock` is on) are skipped unless `includeCollected`.
   */
  importFocus(
    file: string,
    options?: {
      costColumn?: FocusCostColumn;
      includeCollected?: boolean;
      onProgress?: (progress: { done: number; total: number }) => void;
      onRebuild?: (progress: RebuildProgress) => void;
    },
  ): Promise<FocusImportSummary>;
  /** What `/ai-spend <text>` answers; with a user id, the access rules of the config apply. */
  answer(text: string, userId?: string): Answer;
  /**
   * Stores business metrics pushed as CSV or JSON (`ai-spend metrics push`, `POST /api/metrics`):
   * valid rows replace earlier ones of the same team, feature, unit and day; the others get reasons.
   */
  pushMetrics(text: string, options?: { format?: MetricFormat }): PushMetricsSummary;
  /** The weekly digest of a team (or `all`) for the last complete week. */
  digest(options?: { team?: string }): Digest;
  /** One pass of every alert rule; new, resolved and escalated alerts go to the outbox. */
  analyze(): Promise<AnalyzeSummary>;
  /** Sends what the outbox holds for the configured chat platforms. */
  deliver(options?: { onProblem?: (problem: DeliveryProblem) => void }): Promise<DeliverSummary>;
  /** Sends this week's digests on Slack (team channels, managers by DM, the org to the default channel). */
  sendDigest(options?: {
    onProblem?: (problem: DeliveryProblem) => void;
  }): Promise<SendDigestsSummary | undefined>;
  /** The Slack Home tab of a user: their teams' spend against budget and their open alerts. */
  home(userId: string): HomeView;
  /** A press on an alert's Acknowledge / Snooze / Expected button. */
  actOnAlert(press: AlertPress): AlertButtonOutcome;
  /** The Teams bot (`POST /api/messages` route and adapter), when `teamsSettings` turns Teams on. */
  teams?: TeamsApp;
  close(): void;
}

/** The composition root: the only place the database, clients and clock are built. */
export function createApp({
  config,
  environment,
  sources,
  dbPath = environment.dbPath,
  clock = () => Math.floor(Date.now() / 1000),
  maxRetries,
}: AppOptions): App {
  const db = openDatabase({ path: dbPath });
  const attribute = compileAttribution(config.attribution);
  const dims = createDimsRepository(db, attribute);
  syncAttribution(db, dims, config.attribution, attribute);
  rebuildDirtyRollups(db);
  const priceBook = createPriceBook(config.prices);
  const sink = createFactSink({ db, dims, priceBook, clock });
  const queries = createSpendQueries(db);
  const signals = createSignalQueries(db);
  const { botToken, apiUrl } = environment.slack;
  const slackClient =
    botToken === undefined
      ? undefined
      : createSlackDeliveryClient({
          token: botToken,
          ...(apiUrl === undefined ? {} : { slackApiUrl: apiUrl }),
        });
  const businessMetrics = createBusinessMetricsStore(db);
  const answerDeps = {
    queries,
    signals,
    alerts: createAlertStore(db),
    configuredTeams: Object.keys(config.teams),
    sources,
    quotaOverrides: quotaOverrides(config),
    quotaThresholdPercent: Math.min(...config.alerts.quotaPercent),
    access: {
      visibility: config.visibility,
      admins: config.admins,
      teamsOf: (userId: string) => userTeams(config, userId),
    },
    pricing: {
      book: priceBook,
      listBook: createPriceBook(),
      whatIf: createWhatIfQueries(db),
      reconcile: createReconcileStore(db),
      thresholds: config.alerts.reconcile,
    },
    economics: {
      metrics: businessMetrics,
      budgets: createBudgetStore(db),
      configuredBudgets: new Map(
        Object.values(config.teams).flatMap((team) =>
          team.monthlyBudgetMicros === undefined ? [] : [[team.name, team.monthlyBudgetMicros] as const],
        ),
      ),
    },
  };
  const collectors = sources.flatMap((source) => buildCollector(source, config, environment, maxRetries));
  // Throws when Teams would run without authentication where that is refused.
  const msteams = teamsSettings(environment, config);
  const teamsUserIds = new Set([
    ...config.admins,
    ...Object.values(config.teams).flatMap((team) => team.managers),
  ]);
  const teams =
    msteams === undefined
      ? undefined
      : createTeamsApp({
          settings: msteams,
          answer: (text, asker) => answerText(text, clock(), answerDeps, asker.id),
          onAlertAction: (press) => actOnAlert(db, config, press, clock()),
          alertView: (alertIds) => alertView(db, alertIds, clock()),
          conversations: createTeamsConversations(db),
          clock,
          knownUserIds: () => teamsUserIds,
        });

  return {
    db,
    sources,
    collectors,
    clock,
    collect: ({ since, until, only, onProgress, onRebuild } = {}) =>
      collect(
        {
          db,
          sink,
          collectors: collectors.filter((collector) => only === undefined || collector.source === only),
          onProgress,
          onRebuild,
        },
        clock(),
        { since, until },
      ),
    importFocus: async (file, { costColumn, includeCollected = false, onProgress, onRebuild } = {}) => {
      const collectedBy = Object.fromEntries(
        sources.flatMap((source) => (FOCUS_SERVICES[source] ?? []).map((service) => [service, source])),
      );
      const summary = await importFocus({
        file,
        sink,
        ...(costColumn ? { costColumn } : {}),
        ...(includeCollected ? {} : { skip: skipServices(collectedBy) }),
        ...(onProgress ? { onProgress } : {}),
      });
      rebuildDirtyRollups(db, onRebuild ? { onProgress: onRebuild } : {});
      return summary;
    },
    answer: (text, userId) => answerText(text, clock(), answerDeps, userId),
    pushMetrics: (text, { format } = {}) =>
      pushMetrics({ store: businessMetrics, knownTeams: knownTeams(answerDeps), now: clock() }, text, format),
    analyze: () => analyze({ db, config, quotaOverrides: answerDeps.quotaOverrides }, clock()),
    deliver: ({ onProblem } = {}) =>
      deliver(
        {
          db,
          ...(slackClient === undefined
            ? {}
            : {
                slack: {
                  client: slackClient,
                  ...(config.slack.defaultChannel ? { defaultChannel: config.slack.defaultChannel } : {}),
                },
              }),
          ...(teams === undefined ? {} : { msteams: teams }),
          ...(onProblem ? { onProblem } : {}),
        },
        clock(),
      ),
    actOnAlert: (press) => actOnAlert(db, config, press, clock()),
    ...(teams === undefined ? {} : { teams }),
    home: (userId) => buildHome({ db, config, queries, sources }, userId, clock()),
    sendDigest: async ({ onProblem } = {}) => {
      if (teams !== undefined) {
        const digestDeps = { db, config, sources, quotaOverrides: answerDeps.quotaOverrides };
        // Teams digests go through the outbox, delivered by the next `deliver` pass.
        enqueueTeamsDigests({
          outbox: createOutbox(db),
          config,
          digestOf: (team) => buildDigest(digestDeps, clock(), { team }).message,
          now: clock(),
        });
      }
      return slackClient === undefined
        ? undefined
        : sendDigests({
            db,
            config,
            sources,
            quotaOverrides: answerDeps.quotaOverrides,
            client: slackClient,
            now: clock(),
            ...(onProblem ? { onProblem } : {}),
          });
    },
    digest: (options) =>
      buildDigest({ db, config, sources, quotaOverrides: answerDeps.quotaOverrides }, clock(), options),
    close: () => db.close(),
  };
}

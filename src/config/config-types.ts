import type { AttributionRule } from '../core/attribution/types.js';
import type { BedrockSettings } from '../core/bedrock-settings.js';
import type { Micros } from '../core/money.js';
import type { PricesConfig } from '../core/pricing/types.js';

/** One ai-spend team from `teams.<name>`: where its alerts go, who hears about it, its budget. */
export interface TeamConfig {
  /** The lowercase slug used in rules and commands (`search`). */
  name: string;
  slackChannel?: string;
  teamsChannel?: string;
  /** Chat user ids who receive the weekly digest by direct message. */
  managers: string[];
  /** User group paged when an alert escalates. */
  oncall?: string;
  /** Monthly budget, integer micro-dollars; absent when the team has none. */
  monthlyBudgetMicros?: Micros;
}

/** Anthropic or OpenAI report polling. */
export interface PollingSourceConfig {
  enabled: boolean;
  /** Days of history read on the first run. */
  backfillDays: number;
  /** Hours of recent usage re-read on every pass (providers restate recent buckets). */
  usageRepollHours: number;
  /** Days of recent cost re-read on every pass (billed amounts settle late). */
  costRepollDays: number;
}

export interface BedrockSourceConfig extends BedrockSettings {
  enabled: boolean;
  /** Quota values that win over Service Quotas. */
  quotas: Array<{ region: string; model: string; tokensPerMinute?: number; requestsPerMinute?: number }>;
}

export interface VertexSourceConfig {
  enabled: boolean;
  /** BigQuery table of the Cloud Billing export, `project.dataset.table`. */
  billingTable: string;
  projects: string[];
  /** Days of export re-read on every pass (Google restates recent days). */
  restateDays: number;
  /** Days read on the first pass. */
  backfillDays: number;
}

export interface AzureSourceConfig {
  enabled: boolean;
  /** Cost Management scopes such as `/subscriptions/<id>`. */
  scopes: string[];
  /** Days read on the first pass. */
  backfillDays: number;
  /** Days of cost re-read on every pass. */
  costRepollDays: number;
  /** Resource tags read with the cost. */
  tagKeys: string[];
}

/** `sources:` as written; an absent entry is `undefined`. Which sources run: see `enabledSources`. */
export interface SourcesConfig {
  anthropic?: PollingSourceConfig;
  openai?: PollingSourceConfig;
  bedrock?: BedrockSourceConfig;
  vertex?: VertexSourceConfig;
  azure?: AzureSourceConfig;
}

export interface AlertsConfig {
  /** Quota usage thresholds in percent, ascending and distinct. */
  quotaPercent: number[];
  /** Minutes an open, unacknowledged alert waits before paging the team's oncall. */
  escalateAfterMinutes: number;
  /** Minutes a condition must stay absent before its alert resolves. */
  resolveAfterMinutes: number;
  /** Days an alert marked expected stays quiet. */
  expectedQuietDays: number;
  /** Minutes without new usage from a source before it is reported as not reporting. */
  noDataAfterMinutes: number;
  anomaly: { minMicrosPerHour: Micros; minMicrosPerDay: Micros; minRatio: number };
  latency: { minRatio: number; minMs: number };
  retryStorm: { minMicros: Micros };
  migration: { minSharePoints: number; minMicrosPerWeek: Micros };
  /** UTC midnights of days with little expected spend (holidays): never a drop, never the usual. */
  holidays: number[];
  /** Percentages of the monthly budget the month-end forecast is checked against, ascending. */
  budgetPercent: number[];
  rightsizing: { lowPercent: number; highPercent: number };
  /** Bill-vs-estimate drift per provider, day and scope: both must be crossed to alert. */
  reconcile: { minPercent: number; minMicrosPerDay: Micros };
}

export interface ScheduleConfig {
  /** Cron expression for collection passes, read in `timezone`. */
  collect: string;
  /** Cron expression for the weekly digest, read in `timezone`. */
  digest: string;
  /** IANA time zone name. */
  timezone: string;
}

/** A chat platform's fallback channel for alerts no team owns. */
export interface ChatConfig {
  defaultChannel?: string;
}

/** `ai-spend.yml` after validation and defaults, camelCase. */
export interface AiSpendConfig {
  /** Teams by name, in file order (a prototype-less object). */
  teams: Record<string, TeamConfig>;
  /** Ordered rules, first match wins; match keys stay as written (`workspace_id`, `tag.team`). */
  attribution: AttributionRule[];
  sources: SourcesConfig;
  /** Dates as UTC epoch seconds, amounts as decimal strings. */
  prices: PricesConfig;
  slack: ChatConfig;
  msteams: ChatConfig;
  alerts: AlertsConfig;
  schedule: ScheduleConfig;
  /** Chat user ids with admin rights. */
  admins: string[];
  /** `open`: everyone sees every team; `team`: people see their own teams only. */
  visibility: 'open' | 'team';
}

/** A config as loaded: the settings plus where they came from. */
export interface LoadedConfig extends AiSpendConfig {
  /** The path read (or that would have been read). */
  file: string;
  /** `false` when the default file was absent and every setting is a default. */
  fileFound: boolean;
}

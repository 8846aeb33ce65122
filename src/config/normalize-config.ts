import type { AttributionRule, MatchKey } from '../core/attribution/types.js';
import type { SourceId } from '../core/facts.js';
import { parseDecimalMicros } from '../core/money.js';
import type { PricesConfig } from '../core/pricing/types.js';
import type { AiSpendConfig, PollingSourceConfig, SourcesConfig, TeamConfig } from './config-types.js';
import type { ConfigOutput } from './schema.js';

/** Turns the validated snake_case file into the camelCase settings the rest of ai-spend reads. */
export function normalizeConfig(parsed: ConfigOutput): AiSpendConfig {
  // No prototype: a team named like an Object method must not find one.
  const teams: Record<string, TeamConfig> = Object.create(null);
  for (const [name, team] of Object.entries(parsed.teams)) {
    teams[name] = {
      name,
      ...optional('slackChannel', team.slack_channel),
      ...optional('teamsChannel', team.teams_channel),
      managers: team.managers,
      ...optional('oncall', team.oncall),
      ...optional(
        'monthlyBudgetMicros',
        team.monthly_budget_usd === undefined ? undefined : parseDecimalMicros(team.monthly_budget_usd),
      ),
    };
  }
  const attribution: AttributionRule[] = parsed.attribution.map((rule) => ({
    match: rule.match as Partial<Record<MatchKey, string>>,
    team: rule.team,
    ...optional('feature', rule.feature),
  }));
  const { alerts, schedule } = parsed;
  return {
    teams,
    attribution,
    sources: normalizeSources(parsed.sources),
    prices: normalizePrices(parsed.prices),
    slack: optional('defaultChannel', parsed.slack.default_channel),
    msteams: optional('defaultChannel', parsed.msteams.default_channel),
    alerts: {
      quotaPercent: [...new Set(alerts.quota_percent)].sort((a, b) => a - b),
      escalateAfterMinutes: alerts.escalate_after_minutes,
      resolveAfterMinutes: alerts.resolve_after_minutes,
      expectedQuietDays: alerts.expected_quiet_days,
      noDataAfterMinutes: alerts.no_data_after_minutes,
      anomaly: {
        minMicrosPerHour: parseDecimalMicros(alerts.anomaly.min_usd_per_hour),
        minMicrosPerDay: parseDecimalMicros(alerts.anomaly.min_usd_per_day),
        minRatio: alerts.anomaly.min_ratio,
      },
      latency: { minRatio: alerts.latency.min_ratio, minMs: alerts.latency.min_ms },
      retryStorm: { minMicros: parseDecimalMicros(alerts.retry_storm.min_usd) },
      migration: {
        minSharePoints: alerts.migration.min_share_points,
        minMicrosPerWeek: parseDecimalMicros(alerts.migration.min_usd_per_week),
      },
      holidays: [...new Set(alerts.holidays)].sort((a, b) => a - b),
      budgetPercent: [...new Set(alerts.budget_percent)].sort((a, b) => a - b),
      rightsizing: {
        lowPercent: alerts.rightsizing.low_percent,
        highPercent: alerts.rightsizing.high_percent,
      },
      reconcile: {
        minPercent: alerts.reconcile.min_percent,
        minMicrosPerDay: parseDecimalMicros(alerts.reconcile.min_usd_per_day),
      },
    },
    schedule: { collect: schedule.collect, digest: schedule.digest, timezone: schedule.timezone },
    admins: parsed.admins,
    visibility: parsed.visibility,
  };
}

type PollingOutput = NonNullable<ConfigOutput['sources']['anthropic']>;

function normalizePolling(entry: PollingOutput | undefined): PollingSourceConfig | undefined {
  if (entry === undefined) return undefined;
  return {
    enabled: entry.enabled ?? true,
    backfillDays: entry.backfill_days,
    usageRepollHours: entry.usage_repoll_hours,
    costRepollDays: entry.cost_repoll_days,
  };
}

function normalizeSources(sources: ConfigOutput['sources']): SourcesConfig {
  const { bedrock, vertex, azure } = sources;
  return {
    ...optional('anthropic', normalizePolling(sources.anthropic)),
    ...optional('openai', normalizePolling(sources.openai)),
    ...optional(
      'bedrock',
      bedrock && {
        enabled: bedrock.enabled ?? true,
        regions: bedrock.regions,
        costAllocationTags: bedrock.cost_allocation_tags,
        costMetric: bedrock.cost_metric,
        costPollHours: bedrock.cost_poll_hours,
        costRepollDays: bedrock.cost_repoll_days,
        backfillDays: bedrock.backfill_days,
        usageRepollHours: bedrock.usage_repoll_hours,
        metricsLookbackMinutes: bedrock.metrics_lookback_minutes,
        metricsBackfillDays: bedrock.metrics_backfill_days,
        quotaRefreshHours: bedrock.quota_refresh_hours,
        ...optional('accountId', bedrock.account_id),
        inferenceProfiles: bedrock.inference_profiles,
        quotas: bedrock.quotas.map((quota) => ({
          region: quota.region,
          model: quota.model,
          ...optional('tokensPerMinute', quota.tokens_per_minute),
          ...optional('requestsPerMinute', quota.requests_per_minute),
        })),
      },
    ),
    ...optional(
      'vertex',
      vertex && {
        enabled: vertex.enabled ?? true,
        billingTable: vertex.billing_table,
        projects: vertex.projects,
        restateDays: vertex.restate_days,
        backfillDays: vertex.backfill_days,
      },
    ),
    ...optional(
      'azure',
      azure && {
        enabled: azure.enabled ?? true,
        scopes: azure.scopes,
        backfillDays: azure.backfill_days,
        costRepollDays: azure.cost_repoll_days,
        tagKeys: azure.tag_keys,
      },
    ),
  };
}

function normalizePrices(prices: ConfigOutput['prices']): PricesConfig {
  return {
    models: prices.models.map((entry) => ({
      source: entry.source,
      model: entry.model,
      ...optional('from', entry.from),
      usdPerMtok: {
        input: entry.usd_per_mtok.input,
        output: entry.usd_per_mtok.output,
        ...optional('cacheWrite5m', entry.usd_per_mtok.cache_write_5m),
        ...optional('cacheWrite1h', entry.usd_per_mtok.cache_write_1h),
        ...optional('cacheRead', entry.usd_per_mtok.cache_read),
      },
    })),
    discounts: prices.discounts.map((discount) => ({
      source: discount.source,
      ...optional('model', discount.model),
      percent: discount.percent,
      ...optional('from', discount.from),
      ...optional('until', discount.until),
    })),
    tiers: prices.tiers.map((tier) => ({
      source: tier.source,
      serviceTier: tier.service_tier,
      multiplier: tier.multiplier,
    })),
    aliases: prices.aliases as Partial<Record<SourceId, Record<string, string>>>,
  };
}

/** `{ [key]: value }` when the value is present, `{}` otherwise: keeps absent keys absent. */
function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}

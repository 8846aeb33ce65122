import type Database from 'better-sqlite3';
import { answerQuota } from '../chat/answer-signals.js';
import { renderChartPng } from '../chat/render-chart-png.js';
import type { AiSpendConfig } from '../config/config-types.js';
import { digestMessage } from '../core/digest/digest-message.js';
import { buildDigestView, type DigestView } from '../core/digest/digest-view.js';
import { type DigestWeeks, digestWeeks } from '../core/digest/digest-weeks.js';
import { stackedBarChartSvg } from '../core/digest/stacked-bar-chart-svg.js';
import { AiSpendError } from '../core/errors.js';
import type { QuotaLimit } from '../core/facts.js';
import type { MessageView } from '../core/views/message-view.js';
import type { QuotaView } from '../core/views/quota-view.js';
import { type DigestUnitCost, digestUnitCosts, unitCostSection } from '../core/views/unit-message.js';
import { buildUnitView } from '../core/views/unit-view.js';
import { storedBudgets } from '../store/budget-store.js';
import { createBusinessMetricsStore } from '../store/business-metrics-store.js';
import { createDigestQueries } from '../store/digest-queries.js';
import { createSignalQueries } from '../store/signal-queries.js';
import { createSpendQueries } from '../store/spend-queries.js';

export interface DigestDeps {
  db: Database.Database;
  config: Pick<AiSpendConfig, 'teams' | 'alerts'>;
  /** Sources whose freshness the digest reports. */
  sources: readonly string[];
  /** Quota values from `sources.bedrock.quotas`, which win over Service Quotas. */
  quotaOverrides?: readonly QuotaLimit[];
}

/** A built digest: the neutral view, its chat message, and the chart as SVG text and PNG bytes. */
export interface Digest {
  view: DigestView;
  message: MessageView;
  chartSvg: string;
  chartPng: Buffer;
}

/**
 * Builds the weekly digest of `team` (default: the whole organisation) for the last complete
 * Monday-to-Monday UTC week before `now` against the week before. Reads only; sends nothing.
 * An unknown team is an `input_invalid` error whose hint lists the known ones.
 */
export function buildDigest(
  { db, config, sources, quotaOverrides = [] }: DigestDeps,
  now: number,
  { team = 'all' }: { team?: string } = {},
): Digest {
  const digest = createDigestQueries(db);
  const spend = createSpendQueries(db);
  const known = [...new Set([...Object.keys(config.teams), ...spend.teamsWithData()])].sort();
  if (team !== 'all' && !known.includes(team)) {
    throw new AiSpendError('input_invalid', `no team "${team}" in the config or the data`, {
      hint: `use one of: all, ${known.join(', ')}`,
    });
  }
  const weeks = digestWeeks(now);
  const week = { team, start: weeks.start, end: weeks.end };
  const teamWeek = digest.spendByTeam(weeks.start, weeks.end);
  const monthToDate = digest.spendByTeam(weeks.monthStart, weeks.end);
  // A budget set from chat wins over teams.<name>.monthly_budget_usd.
  const chatBudgets = storedBudgets(db);
  const budgets = Object.values(config.teams).flatMap((settings) => {
    const budgetMicros = chatBudgets.get(settings.name) ?? settings.monthlyBudgetMicros;
    return budgetMicros === undefined || (team !== 'all' && settings.name !== team)
      ? []
      : [
          {
            team: settings.name,
            budgetMicros,
            monthToDateMicros: monthToDate.get(settings.name) ?? 0,
            weekMicros: teamWeek.get(settings.name) ?? 0,
          },
        ];
  });
  const quota = answerQuota(
    {
      label: 'week',
      start: weeks.start,
      end: weeks.end,
      previousStart: weeks.previousStart,
      previousEnd: weeks.start,
    },
    now,
    {
      queries: spend,
      signals: createSignalQueries(db),
      configuredTeams: Object.keys(config.teams),
      sources,
      quotaOverrides,
      quotaThresholdPercent: Math.min(...config.alerts.quotaPercent),
    },
  ).data as unknown as QuotaView;

  const view = buildDigestView({
    team,
    weeks,
    current: digest.rows(week),
    previous: digest.rows({ team, start: weeks.previousStart, end: weeks.start }),
    orgWeek: {
      totalMicros: [...teamWeek.values()].reduce((sum, micros) => sum + micros, 0),
      unallocatedMicros: teamWeek.get('unallocated') ?? 0,
    },
    daily: digest.dailyBySource({ team, start: weeks.previousStart, end: weeks.end }),
    budgets,
    quotas: quota.quotas,
    alerts: digest.alertCounts(team),
    freshness: spend.freshness(sources),
  });
  const chartSvg = stackedBarChartSvg({
    days: view.daily.map((entry) => ({ day: Date.parse(entry.day) / 1000, values: entry.by_provider })),
    title: `${team === 'all' ? 'All teams' : `Team ${team}`}: spend per day by provider`,
    unit: 'usd',
    split: {
      at: 7,
      before: `week of ${view.previous_week.start.slice(0, 10)}`,
      after: `week of ${view.week.start.slice(0, 10)}`,
    },
  });
  const unitCosts = weekUnitCosts(db, team, weeks);
  if (unitCosts.length > 0) view.unit_costs = unitCosts;
  const message = digestMessage(view);
  const unitSection = unitCostSection(unitCosts, team === 'all');
  // Cost per unit goes just before the closing facts (budget, quota, alerts).
  if (unitSection !== undefined)
    message.sections.splice(Math.max(0, message.sections.length - 1), 0, unitSection);
  return { view, message, chartSvg, chartPng: renderChartPng(chartSvg) };
}

/** Cost per unit of the week against the week before, for the team (or every team with units). */
function weekUnitCosts(db: Database.Database, team: string, weeks: DigestWeeks): DigestUnitCost[] {
  const metrics = createBusinessMetricsStore(db);
  const teams = team === 'all' ? metrics.teamsWithUnits(weeks.previousStart, weeks.end) : [team];
  const period = {
    label: 'week',
    start: weeks.start,
    end: weeks.end,
    previousStart: weeks.previousStart,
    previousEnd: weeks.start,
  };
  return digestUnitCosts(
    teams.map((name) =>
      buildUnitView({
        team: name,
        period,
        spend: metrics.spendDays(name, weeks.previousStart, weeks.end),
        units: metrics.units(name, weeks.previousStart, weeks.end),
        freshness: [],
      }),
    ),
  );
}

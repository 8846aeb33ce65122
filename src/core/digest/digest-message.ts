import { SECONDS_PER_DAY } from '../facts.js';
import { formatUsd } from '../money.js';
import { isoDay } from '../period.js';
import type { MessageSection, MessageView } from '../views/message-view.js';
import { freshnessLine } from '../views/team-spend-message.js';
import type { BudgetStatus } from './budget-status.js';
import type { DigestComparison, DigestView, QuotaHeadroom } from './digest-view.js';
import { signedUsd } from './format-tokens.js';

const MOVERS_SHOWN = 5;
const ROWS_SHOWN = 5;

/**
 * The digest as a short chat message: the headline, the top movers with their reasons, spend by
 * provider and by team (or feature), then budget, quota headroom, alerts and unallocated spend.
 */
export function digestMessage(view: DigestView): MessageView {
  const org = view.team === 'all';
  const lastDay = isoDay(Date.parse(view.week.end) / 1000 - SECONDS_PER_DAY);
  const first = view.week.start.slice(0, 10);
  const top = view.movers[0];
  const sections: MessageSection[] = [];
  if (view.movers.length > 0) {
    const shown = view.movers.slice(0, MOVERS_SHOWN);
    sections.push({
      title: 'Top movers',
      text: shown
        .map(
          (mover) =>
            `• *${org ? `${mover.team}/` : ''}${mover.feature}* ${signedUsd(mover.change_micros)} · ${mover.reason} — ${mover.explanation}`,
        )
        .join('\n'),
      ...(view.moved_features > shown.length ? { more: view.moved_features - shown.length } : {}),
    });
  }
  sections.push(
    ranked(
      'By provider',
      view.by_provider.map((entry) => ({ ...entry, key: `${entry.key} (${entry.basis})` })),
      view.total_micros,
    ),
  );
  sections.push(
    org
      ? ranked('By team', view.by_team ?? [], view.total_micros)
      : ranked('By feature', view.by_feature, view.total_micros),
  );
  sections.push({
    facts: [
      { label: 'Budget', value: budgetLine(view.budgets, view.team) },
      { label: 'Quota headroom', value: quotaLine(view.quotas) },
      {
        label: 'Alerts',
        value: `${view.alerts.open} open · ${view.alerts.acknowledged} acknowledged`,
      },
      {
        label: 'Unallocated (all teams)',
        value: `${formatUsd(view.unallocated.micros)} (${(view.unallocated.share * 100).toFixed(1)}% of spend)`,
      },
    ],
  });
  const context = [
    freshnessLine(view),
    'Weeks run Monday to Monday, UTC. Billed where the bill is in, estimated from tokens × price elsewhere.',
  ];
  if (view.unpriced_tokens > 0) {
    context.push(
      `${view.unpriced_tokens.toLocaleString('en-US')} tokens have no price yet, so the estimate is a floor; add them under prices.models in ai-spend.yml.`,
    );
  }
  return {
    title: `Weekly digest · ${org ? 'All teams' : view.team} · ${first} to ${lastDay}`,
    summary: `${org ? 'The organisation' : `Team *${view.team}*`} spent ${formatUsd(view.total_micros)} (${basis(view)}), ${changePhrase(view)}.${
      top
        ? ` Biggest mover: *${org ? `${top.team}/` : ''}${top.feature}* ${signedUsd(top.change_micros)} (${top.reason}).`
        : ''
    }`,
    sections,
    context,
  };
}

function ranked(title: string, entries: readonly DigestComparison[], total: number): MessageSection {
  const shown = entries.slice(0, ROWS_SHOWN);
  return {
    title,
    rows: shown.map((entry) => ({
      label: entry.key,
      value: `${formatUsd(entry.micros)} (${signedUsd(entry.change_micros)})`,
      ...(total > 0 ? { share: entry.micros / total } : {}),
    })),
    ...(entries.length > shown.length ? { more: entries.length - shown.length } : {}),
  };
}

const STATE_WORDS: Record<BudgetStatus['status'], string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  over: 'over budget',
};

function budgetLine(budgets: readonly BudgetStatus[], team: string): string {
  if (budgets.length === 0) {
    return team === 'all'
      ? 'no team has a monthly budget (teams.<name>.monthly_budget_usd)'
      : `no monthly budget (teams.${team}.monthly_budget_usd)`;
  }
  const describe = (budget: BudgetStatus) =>
    `${formatUsd(budget.month_to_date_micros)} of ${formatUsd(budget.budget_micros)} by ${budget.through}, projected ${formatUsd(budget.projected_micros)}: ${STATE_WORDS[budget.status]}`;
  const [only] = budgets;
  if (budgets.length === 1 && only && team !== 'all') return describe(only);
  const troubled = budgets.filter((budget) => budget.status !== 'on_track');
  const onTrack = budgets.length - troubled.length;
  if (troubled.length === 0) return `all ${budgets.length} team budgets on track`;
  return [
    ...troubled.slice(0, 3).map((budget) => `${budget.team} ${describe(budget)}`),
    ...(troubled.length > 3 ? [`${troubled.length - 3} more not on track`] : []),
    `${onTrack} on track`,
  ].join('; ');
}

function quotaLine(quotas: readonly QuotaHeadroom[]): string {
  const [tightest] = quotas;
  if (tightest === undefined) return 'no quota use seen this week';
  const more = quotas.length > 1 ? `; ${quotas.length - 1} more quotas with more room` : '';
  return `${shortName(tightest)} in ${tightest.region}: peak ${tightest.peak_percent}% at ${tightest.peak_at.slice(0, 16).replace('T', ' ')} UTC, ${tightest.headroom_percent}% headroom${more}`;
}

/** "Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5" → the model part. */
function shortName(quota: QuotaHeadroom): string {
  const match = /tokens per minute for (.+)$/i.exec(quota.name);
  const scope = quota.inference_type === 'on_demand' ? 'on-demand' : quota.inference_type.replace('_', '-');
  return match ? `${match[1]} (${scope})` : quota.name;
}

function basis(view: DigestView): string {
  if (view.total_micros === 0 && view.unpriced_tokens === 0) return 'no spend';
  if (view.estimated_micros === 0 && view.unpriced_tokens === 0) return 'billed';
  if (view.billed_micros === 0) return 'estimated';
  return 'billed + estimated';
}

function changePhrase(view: DigestView): string {
  const { micros, ratio } = view.change;
  if (view.previous_total_micros === 0) {
    return micros === 0 ? 'nothing the week before either' : 'with no spend the week before';
  }
  const percent = ratio === undefined ? '' : ` (${micros >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%)`;
  return `${micros >= 0 ? 'up' : 'down'} ${formatUsd(Math.abs(micros))}${percent} on the week before`;
}

import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import { mention } from '../alerts/alert-message.js';
import { formatUsd } from '../money.js';
import type { BudgetSetting, BudgetView, TeamBudgetStatus } from './budget-view.js';
import type { MessageSection, MessageView } from './message-view.js';
import { freshnessLine } from './team-spend-message.js';

const SHOWN_TEAMS = 15;

/** The chat message for `budget [team]`: month to date, forecast range and budget, per team. */
export function budgetMessage(view: BudgetView): MessageView {
  const month = format(new UTCDate(view.month_start), 'MMMM yyyy');
  const context = [freshnessLine(view)];
  const [only] = view.teams;
  if (view.team !== undefined && only !== undefined) {
    return {
      title: `${only.team} · budget · ${month}`,
      summary: teamSummary(only, month),
      sections: [{ facts: teamFacts(only) }],
      context: [...context, `Change it with \`budget ${only.team} set <usd>\` (admins).`],
    };
  }
  if (view.teams.length === 0) {
    return {
      title: `Budgets · ${month}`,
      summary: 'No team has a monthly budget yet.',
      sections: [
        { text: 'Set one with `budget <team> set <usd>` (admins) or teams.<name>.monthly_budget_usd.' },
      ],
      context,
    };
  }
  const ordered = [...view.teams].sort(
    (a, b) => (b.forecast_percent ?? 0) - (a.forecast_percent ?? 0) || a.team.localeCompare(b.team),
  );
  const shown = ordered.slice(0, SHOWN_TEAMS);
  const over = view.teams.filter((team) => (team.forecast_percent ?? 0) >= 100).length;
  const sections: MessageSection[] = [
    {
      rows: shown.map((team) => ({
        label: `${team.team}${team.origin === 'chat' ? ' (set in chat)' : ''}`,
        value: `${formatUsd(team.month_to_date_micros)} of ${formatUsd(team.budget_micros ?? 0)} (${team.used_percent ?? 0}%) · forecast ${formatUsd(team.forecast_micros)} (${team.forecast_percent ?? 0}%)`,
        ...(team.budget_micros ? { share: Math.min(1, team.month_to_date_micros / team.budget_micros) } : {}),
      })),
      ...(ordered.length > shown.length ? { more: ordered.length - shown.length } : {}),
    },
  ];
  return {
    title: `Budgets · ${month}`,
    summary: `${view.teams.length} team${view.teams.length === 1 ? '' : 's'} with a budget; ${over === 0 ? 'none is' : `${over} ${over === 1 ? 'is' : 'are'}`} forecast to reach it.`,
    sections,
    context,
  };
}

function teamSummary(team: TeamBudgetStatus, month: string): string {
  const through = team.through === undefined ? 'nothing known of the month yet' : `through ${team.through}`;
  const forecast = team.forecast_trusted
    ? `forecast ${formatUsd(team.forecast_micros)} (${formatUsd(team.low_micros)}–${formatUsd(team.high_micros)})`
    : 'too little history for a forecast';
  if (team.budget_micros === undefined) {
    return `Team *${team.team}* has spent ${formatUsd(team.month_to_date_micros)} in ${month} (${through}); ${forecast}. It has no monthly budget.`;
  }
  return `Team *${team.team}* has spent ${formatUsd(team.month_to_date_micros)} of its ${formatUsd(team.budget_micros)} ${month} budget (${team.used_percent}%, ${through}); ${forecast}${team.forecast_trusted ? `, ${team.forecast_percent}% of the budget` : ''}.`;
}

function teamFacts(team: TeamBudgetStatus): Array<{ label: string; value: string }> {
  return [
    { label: 'Budget', value: team.budget_micros === undefined ? 'none' : formatUsd(team.budget_micros) },
    { label: 'Set', value: origin(team) },
    {
      label: 'Spent so far',
      value: `${formatUsd(team.month_to_date_micros)}${team.used_percent === undefined ? '' : ` (${team.used_percent}%)`}`,
    },
    {
      label: 'Forecast (range)',
      value: `${formatUsd(team.forecast_micros)} (${formatUsd(team.low_micros)}–${formatUsd(team.high_micros)})${team.forecast_percent === undefined ? '' : `, ${team.forecast_percent}%`}`,
    },
    { label: 'Basis', value: team.basis },
  ];
}

function origin(team: Pick<TeamBudgetStatus, 'team' | 'origin' | 'changed_by' | 'changed_at'>): string {
  if (team.origin === 'chat') {
    return `in chat by ${mention(team.changed_by ?? 'someone')} on ${team.changed_at?.slice(0, 16).replace('T', ' ')} UTC`;
  }
  if (team.origin === 'config') return `in ai-spend.yml (teams.${team.team}.monthly_budget_usd)`;
  return `not set: \`budget ${team.team} set <usd>\` (admins) or teams.${team.team}.monthly_budget_usd`;
}

/** The confirmation of `budget <team> set <usd>`: old → new, who and when. */
export function budgetSetMessage({
  team,
  previous,
  micros,
  changedBy,
}: {
  team: string;
  previous?: BudgetSetting;
  micros: number;
  changedBy: string;
}): MessageView {
  const was =
    previous === undefined
      ? 'it had none'
      : `was ${formatUsd(previous.micros)}, ${previous.origin === 'chat' ? `set in chat by ${mention(previous.changedBy ?? 'someone')}` : 'from ai-spend.yml'}`;
  return {
    title: `${team} · budget set · ${formatUsd(micros)}`,
    summary: `The monthly budget of *${team}* is now ${formatUsd(micros)} (${was}), set by ${mention(changedBy)}.`,
    sections: [
      {
        facts: [
          { label: 'Before', value: previous === undefined ? 'none' : formatUsd(previous.micros) },
          { label: 'Now', value: formatUsd(micros) },
        ],
      },
    ],
    context: [
      `It wins over teams.${team}.monthly_budget_usd in ai-spend.yml; budget alerts use it from the next analysis.`,
    ],
  };
}

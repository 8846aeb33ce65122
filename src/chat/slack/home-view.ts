import type { types } from '@slack/bolt';
import type { Alert } from '../../core/alerts/alert.js';
import { alertMentions, alertMessage, SLACK_ID } from '../../core/alerts/alert-message.js';
import { type BudgetState, budgetStatus } from '../../core/digest/budget-status.js';
import { SECONDS_PER_DAY } from '../../core/facts.js';
import { formatUsd } from '../../core/money.js';
import { helpMessage } from '../../core/views/help-message.js';
import { BLOCK_KIT_LIMITS } from '../block-kit-limits.js';
import { cut, escapeMrkdwn, renderBlockKit } from '../render-block-kit.js';
import { slackMessage } from './deliver-slack.js';

/** A team's spend this month. Amounts in integer micro-USD. */
export interface TeamMonthSpend {
  team: string;
  /** From the first of the month (UTC) through `month.asOf`. */
  monthToDateMicros: number;
  /** `teams.<name>.monthly_budget_usd`; absent when the team has none. */
  budgetMicros?: number;
  /** The last 7 days' spend, the run rate of the projection; default: the month's daily average × 7. */
  weekMicros?: number;
}

export interface HomeViewInput {
  userId: string;
  /** The teams whose spend and alerts the user sees (see `userTeams`), in display order. */
  teams: readonly string[];
  spend: readonly TeamMonthSpend[];
  /** Unresolved alerts (the alert store's `open()`); only those of `teams` are shown. */
  openAlerts: readonly Alert[];
  /** The freshness stamp of the figures, e.g. `billed through 2026-11-24 · signals through 15:48 UTC`. */
  freshness: string;
  /** The month shown, UTC epoch seconds: `[start, end)`, and the UTC midnight spend is counted to. */
  month: { start: number; end: number; asOf: number };
  /** `admins` from ai-spend.yml, named to someone in no team. */
  admins?: readonly string[];
}

/** A Home tab, ready for `views.publish({ user_id, view })`. */
export interface HomeView {
  type: 'home';
  blocks: types.KnownBlock[];
}

const STATUS_WORDS: Record<BudgetState, string> = {
  on_track: ':large_green_circle: on track',
  at_risk: ':large_orange_circle: at risk',
  over: ':red_circle: over budget',
};

/**
 * The Home tab of one user: their teams' spend this month against budget (status as in the digest),
 * the unresolved alerts of those teams with the same Acknowledge / Snooze / Expected buttons as the
 * channel messages, and the help. Alerts that do not fit Slack's 100 blocks are counted, not shown.
 */
export function homeView(input: HomeViewInput): HomeView {
  const help = renderBlockKit({ ...helpMessage(), title: 'Ask ai-spend' }).blocks;
  const head = [...introBlocks(input), ...spendBlocks(input)];
  const alerts = input.openAlerts
    .filter((alert) => input.teams.includes(alert.team) && alert.state !== 'resolved')
    .sort(alertOrder);
  const alertBlocks: types.KnownBlock[] = [];
  const tail: types.KnownBlock[] = [{ type: 'divider' }, ...help];
  // Room for the alerts heading and a possible "N more" line.
  const room = BLOCK_KIT_LIMITS.viewBlocks - head.length - tail.length - 2;
  let shown = 0;
  for (const alert of alerts) {
    const view = alertMessage(alert, { freshness: input.freshness });
    const { blocks } = slackMessage({ view, mentions: alertMentions(alert) });
    if (alertBlocks.length + blocks.length > room) break;
    alertBlocks.push(...blocks);
    shown += 1;
  }
  const title =
    alerts.length === 0
      ? input.teams.length === 0
        ? []
        : [section('*Open alerts*\nNo open alerts for your teams.')]
      : [section(`*Open alerts* (${alerts.length})`)];
  const more =
    shown < alerts.length
      ? [section(`_… and ${alerts.length - shown} more open alerts: see your team channels._`)]
      : [];
  return { type: 'home', blocks: [...head, ...title, ...alertBlocks, ...more, ...tail] };
}

function introBlocks({ teams, admins = [], freshness }: HomeViewInput): types.KnownBlock[] {
  const header: types.KnownBlock = {
    type: 'header',
    text: { type: 'plain_text', text: 'Your AI spend', emoji: true },
  };
  if (teams.length === 0) {
    const named = admins.map((id) => (SLACK_ID.test(id) ? `<@${id}>` : escapeMrkdwn(id)));
    const who = named.length > 0 ? ` (${named.join(', ')})` : '';
    return [
      header,
      section(
        `You are not in any ai-spend team yet, so there is nothing to show here. To get one, ask an admin${who} to add you as a manager of a team in ai-spend.yml (\`teams.<name>.managers\`), or join a team's Slack channel.`,
      ),
    ];
  }
  return [
    header,
    section(`Your teams: ${teams.map((team) => `*${escapeMrkdwn(team)}*`).join(', ')}`),
    { type: 'context', elements: [{ type: 'mrkdwn', text: cut(escapeMrkdwn(freshness), 3000) }] },
  ];
}

function spendBlocks({ teams, spend, month }: HomeViewInput): types.KnownBlock[] {
  if (teams.length === 0) return [];
  const lines = teams.map((team) =>
    teamLine(
      team,
      spend.find((entry) => entry.team === team),
      month,
    ),
  );
  const chunks: string[] = [];
  let current = '*Spend this month*';
  for (const line of lines) {
    if (current.length + 1 + line.length > BLOCK_KIT_LIMITS.sectionText) {
      chunks.push(current);
      current = line;
    } else current = `${current}\n${line}`;
  }
  chunks.push(current);
  return [{ type: 'divider' }, ...chunks.map(section), { type: 'divider' }];
}

function teamLine(team: string, spend: TeamMonthSpend | undefined, month: HomeViewInput['month']): string {
  const name = `*${escapeMrkdwn(team)}*`;
  const monthToDate = spend?.monthToDateMicros ?? 0;
  if (spend?.budgetMicros === undefined || spend.budgetMicros <= 0) {
    return `• ${name} — ${formatUsd(monthToDate)} · no monthly budget (\`teams.${escapeMrkdwn(team)}.monthly_budget_usd\`)`;
  }
  const daysElapsed = Math.max(1, Math.round((month.asOf - month.start) / SECONDS_PER_DAY));
  const status = budgetStatus({
    team,
    budgetMicros: spend.budgetMicros,
    monthToDateMicros: monthToDate,
    weekMicros: spend.weekMicros ?? Math.round((monthToDate / daysElapsed) * 7),
    monthStart: month.start,
    monthEnd: month.end,
    asOf: month.asOf,
  });
  const percent = Math.round((monthToDate / spend.budgetMicros) * 100);
  const projection = status.status === 'at_risk' ? ` (projected ${formatUsd(status.projected_micros)})` : '';
  return `• ${name} — ${formatUsd(monthToDate)} of ${formatUsd(spend.budgetMicros)} (${percent}%) · ${STATUS_WORDS[status.status]}${projection}`;
}

/** Unhandled before handled, critical before warning, oldest first. */
function alertOrder(a: Alert, b: Alert): number {
  const rank = (alert: Alert) => (alert.state === 'open' ? 0 : 2) + (alert.severity === 'critical' ? 0 : 1);
  return rank(a) - rank(b) || a.openSince - b.openSince || a.id - b.id;
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, BLOCK_KIT_LIMITS.sectionText) } };
}

import { formatUsd } from '../money.js';
import type { MessageSection, MessageView } from './message-view.js';
import type { Ranked, TeamSpendView } from './team-spend-view.js';

const LIST_LIMIT = 5;

/** How a view names its subject: in the title, and as the subject of the summary and its verb. */
function subjectOf(view: TeamSpendView): { title: string; who: string; verb: string } {
  if (view.provider !== undefined)
    return { title: view.provider, who: `Spend on *${view.provider}*`, verb: 'came to' };
  if (view.model !== undefined) {
    return { title: view.model, who: `Spend on *${view.model}* (every provider)`, verb: 'came to' };
  }
  if (view.team === 'all') return { title: 'All teams', who: 'The whole organisation', verb: 'spent' };
  if (view.team === 'unallocated')
    return { title: 'unallocated', who: 'Spend no rule claims', verb: 'came to' };
  return { title: view.team ?? '', who: `Team *${view.team}*`, verb: 'spent' };
}

/** The chat message for a team's, provider's or model's spend: total, change, where it went, freshness. */
export function teamSpendMessage(view: TeamSpendView): MessageView {
  const { title, who, verb } = subjectOf(view);
  const basis = basisLabel(view);
  const sections: MessageSection[] = [
    {
      facts: [
        { label: 'Total', value: `${formatUsd(view.total_micros)} (${basis})` },
        { label: 'Billed', value: formatUsd(view.billed_micros) },
        { label: 'Estimated', value: formatUsd(view.estimated_micros) },
        { label: 'Previous period', value: formatUsd(view.previous_total_micros) },
      ],
    },
  ];
  if (view.by_team) sections.push(rankedSection('By team', view.by_team, view.total_micros));
  if (view.provider === undefined) {
    sections.push(
      rankedSection(
        'By provider',
        view.by_provider.map((entry) => ({ ...entry, key: `${entry.key} (${entry.basis})` })),
        view.total_micros,
      ),
    );
  }
  sections.push(rankedSection('By feature', view.by_feature, view.total_micros));
  sections.push(rankedSection('By model', view.by_model, view.total_micros));

  const context = [freshnessLine(view)];
  if (view.unpriced_tokens > 0) {
    context.push(
      `${view.unpriced_tokens.toLocaleString('en-US')} tokens have no price yet, so the estimate is at least ${formatUsd(view.estimated_micros)}; add them under prices.models in ai-spend.yml.`,
    );
  }
  if (view.unallocated_micros !== undefined && view.unallocated_micros !== 0) {
    context.push(
      `${formatUsd(view.unallocated_micros)} is unallocated: no attribution rule claims it (\`team unallocated\` shows where it comes from).`,
    );
  }
  return {
    title: `${title} · ${view.period.label} · ${formatUsd(view.total_micros)}`,
    summary: `${who} ${verb} ${formatUsd(view.total_micros)} from ${view.period.start.slice(0, 10)} to ${lastDay(view.period.end)}, ${changePhrase(view)}.`,
    sections,
    context,
  };
}

function basisLabel(view: TeamSpendView): string {
  if (view.total_micros === 0 && view.unpriced_tokens === 0) return 'no spend';
  if (view.estimated_micros === 0 && view.unpriced_tokens === 0) return 'billed';
  if (view.billed_micros === 0) return 'estimated';
  return 'billed + estimated';
}

function changePhrase(view: TeamSpendView): string {
  const { micros, ratio } = view.change;
  if (view.previous_total_micros === 0) {
    return micros === 0 ? 'nothing in the previous period either' : 'with no spend in the previous period';
  }
  const direction = micros >= 0 ? 'up' : 'down';
  const percent = ratio === undefined ? '' : ` (${micros >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%)`;
  return `${direction} ${formatUsd(Math.abs(micros))}${percent} on the previous ${view.period.label === 'last-month' ? 'month' : 'period'}`;
}

function rankedSection(title: string, entries: readonly Ranked[], total: number): MessageSection {
  const shown = entries.slice(0, LIST_LIMIT);
  return {
    title,
    rows: shown.map((entry) => ({
      label: entry.key,
      value: formatUsd(entry.micros),
      ...(total > 0 ? { share: entry.micros / total } : {}),
    })),
    ...(entries.length > shown.length ? { more: entries.length - shown.length } : {}),
  };
}

export function freshnessLine(view: Pick<TeamSpendView, 'freshness'>): string {
  const usage = view.freshness.usage_through;
  const billed = view.freshness.billed_through;
  const parts = [
    usage === null ? 'no usage collected yet' : `usage through ${usage.slice(0, 16).replace('T', ' ')} UTC`,
    billed === null ? 'no bill yet' : `billed through ${billed}`,
  ];
  return parts.join(' · ');
}

function lastDay(endIso: string): string {
  return new Date(Date.parse(endIso) - 86_400_000).toISOString().slice(0, 10);
}

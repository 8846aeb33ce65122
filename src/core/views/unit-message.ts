import { TEAM_LEVEL_FEATURE } from '../metrics/check-metric-rows.js';
import { formatUsd } from '../money.js';
import type { MessageSection, MessageView } from './message-view.js';
import { freshnessLine } from './team-spend-message.js';
import { type FeatureUnitCost, formatUnitCost, type UnitView } from './unit-view.js';

const SHOWN_COSTS = 4;
const SHOWN_ROWS = 4;

/** The chat message for `unit <team>`: cost per unit by feature, its trend, and by model and provider. */
export function unitMessage(view: UnitView): MessageView {
  const dates = `${view.period.start.slice(0, 10)} to ${lastDay(view.period.end)}`;
  const context = [
    freshnessLine(view),
    'Spend is billed where billed, else estimated; units are as reported.',
  ];
  if (view.costs.length === 0) {
    return {
      title: `${view.team} · cost per unit · ${view.period.label}`,
      summary: `No units reported for team *${view.team}* from ${dates} or the period before, so there is no cost per unit.`,
      sections: [
        {
          text: 'Report units per feature and day with `ai-spend metrics push` (CSV or JSON) or `POST /api/metrics`.',
        },
      ],
      context,
    };
  }
  const shown = view.costs.slice(0, SHOWN_COSTS);
  const sections: MessageSection[] = shown.map(costSection);
  if (view.costs.length > shown.length) {
    sections.push({ text: 'Other units, by spend:', more: view.costs.length - shown.length });
  }
  if (view.without_units.length > 0) {
    const listed = view.without_units.slice(0, 6);
    sections.push({
      title: 'No units reported',
      text: listed.map((entry) => `${entry.feature} (${formatUsd(entry.spend_micros)})`).join(', '),
      ...(view.without_units.length > listed.length
        ? { more: view.without_units.length - listed.length }
        : {}),
    });
  }
  const [first] = view.costs;
  const lead = first === undefined ? '' : ` ${headline(first)}`;
  return {
    title: `${view.team} · cost per unit · ${view.period.label}`,
    summary: `Team *${view.team}*, ${dates}:${lead}`,
    sections,
    context,
  };
}

function headline(cost: FeatureUnitCost): string {
  const where = cost.feature === TEAM_LEVEL_FEATURE ? 'for the whole team' : `on ${cost.feature}`;
  if (cost.micros_per_unit === undefined) {
    return `no units reported ${where} (${cost.unit}) this period; ${formatUsd(cost.spend_micros)} spent.`;
  }
  return `${formatUnitCost(cost.spend_micros, cost.units)} per ${cost.unit} ${where}, ${trend(cost)}.`;
}

function trend(cost: FeatureUnitCost): string {
  if (cost.change_ratio === undefined) return 'no units reported in the previous period';
  const percent = (cost.change_ratio * 100).toFixed(1);
  if (percent === '0.0' || percent === '-0.0') return 'unchanged on the previous period';
  return `${cost.change_ratio > 0 ? 'up' : 'down'} ${percent.replace('-', '')}% on the previous period (${formatUnitCost(cost.previous.spend_micros, cost.previous.units)})`;
}

function costSection(cost: FeatureUnitCost): MessageSection {
  const name = cost.feature === TEAM_LEVEL_FEATURE ? 'whole team' : cost.feature;
  const per = (entry: { spend_micros: number }) =>
    `${formatUnitCost(entry.spend_micros, cost.units)} · ${formatUsd(entry.spend_micros)}`;
  const rows = cost.units > 0 ? cost.by_model.slice(0, SHOWN_ROWS) : [];
  const weeks = cost.weeks
    .map((week) => `${week.start.slice(5)} ${formatUnitCost(week.spend_micros, week.units)}`)
    .join(' · ');
  return {
    title: `${name}: ${formatUnitCost(cost.spend_micros, cost.units)} per ${cost.unit}`,
    facts: [
      { label: 'Units', value: cost.units.toLocaleString('en-US') },
      { label: 'Spend', value: formatUsd(cost.spend_micros) },
      {
        label: 'Previous period',
        value: `${formatUnitCost(cost.previous.spend_micros, cost.previous.units)} (${cost.previous.units.toLocaleString('en-US')} units)`,
      },
      ...(cost.units > 0
        ? [
            {
              label: 'By provider',
              value: cost.by_provider.map((entry) => `${entry.key} ${per(entry)}`).join('; '),
            },
          ]
        : []),
      { label: 'Weekly', value: weeks },
    ],
    rows: rows.map((entry) => ({
      label: `${entry.key} (${entry.source})`,
      value: per(entry),
      ...(cost.spend_micros > 0 ? { share: entry.spend_micros / cost.spend_micros } : {}),
    })),
    ...(cost.units > 0 && cost.by_model.length > rows.length
      ? { more: cost.by_model.length - rows.length }
      : {}),
  };
}

function lastDay(endIso: string): string {
  return new Date(Date.parse(endIso) - 86_400_000).toISOString().slice(0, 10);
}

/** A team's cost per unit in a weekly digest: this week against the week before. */
export interface DigestUnitCost {
  team: string;
  feature: string;
  unit: string;
  units: number;
  spend_micros: number;
  /** Omitted when the week has no units. */
  micros_per_unit?: number;
  previous_units: number;
  previous_spend_micros: number;
  /** Change of the cost per unit against the week before; omitted unless both weeks have units. */
  change_ratio?: number;
}

/** The digest's lines of cost per unit from each team's unit view of the week, by spend. */
export function digestUnitCosts(views: readonly UnitView[]): DigestUnitCost[] {
  return views
    .flatMap((view) =>
      view.costs.map((cost) => ({
        team: view.team,
        feature: cost.feature,
        unit: cost.unit,
        units: cost.units,
        spend_micros: cost.spend_micros,
        ...(cost.micros_per_unit === undefined ? {} : { micros_per_unit: cost.micros_per_unit }),
        previous_units: cost.previous.units,
        previous_spend_micros: cost.previous.spend_micros,
        ...(cost.change_ratio === undefined ? {} : { change_ratio: cost.change_ratio }),
      })),
    )
    .sort((a, b) => b.spend_micros - a.spend_micros);
}

/** The digest section "Cost per unit", or `undefined` where no units were reported. */
export function unitCostSection(costs: readonly DigestUnitCost[], org: boolean): MessageSection | undefined {
  if (costs.length === 0) return undefined;
  const shown = costs.slice(0, SHOWN_COSTS);
  return {
    title: 'Cost per unit',
    rows: shown.map((cost) => {
      const feature = cost.feature === TEAM_LEVEL_FEATURE ? 'whole team' : cost.feature;
      const change =
        cost.change_ratio === undefined
          ? ''
          : ` (${cost.change_ratio >= 0 ? '+' : ''}${(cost.change_ratio * 100).toFixed(1)}% on the week before)`;
      return {
        label: `${org ? `${cost.team}/` : ''}${feature} · ${cost.unit}`,
        value: `${formatUnitCost(cost.spend_micros, cost.units)}${cost.units > 0 ? ` per unit${change}` : ''}`,
      };
    }),
    ...(costs.length > shown.length ? { more: costs.length - shown.length } : {}),
  };
}

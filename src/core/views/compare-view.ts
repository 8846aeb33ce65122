import { formatUsd } from '../money.js';
import type { CapabilityClass } from '../whatif/capability-class.js';
import type { Repricing } from '../whatif/reprice-mix.js';
import type { MessageView } from './message-view.js';

/** One alternative: the whole mix's cost with the moved usage re-priced on `target`. */
export interface CompareOption {
  /** `source:model`. */
  target: string;
  catalog_model_id: string;
  /** Which usage moves: `all` (`to <model>`), or the capability class it replaces. */
  moves: 'all' | CapabilityClass;
  moved_tokens: number;
  /** Cache hit rate and batch share kept. */
  kept_micros: number;
  low_micros: number;
  high_micros: number;
  /** `kept - actual`, negative = saving. */
  change_micros: number;
  basis: 'list' | 'negotiated' | 'mixed';
  notes: string[];
}

/** The `compare` answer as data. Money in integer micro-dollars. */
export interface CompareView {
  subject: { kind: 'team' | 'feature'; name: string };
  period: { label: string; start: number; end: number };
  /** Stored estimates of the period's usage (frozen when collected: history is not re-priced). */
  actual_micros: number;
  tokens: number;
  unpriced_tokens: number;
  options: CompareOption[];
  /** Targets that could not be priced, with the reason and what to do. */
  refused: Array<{ target: string; reason: string }>;
  assumptions: string[];
  freshness: string;
}

/** Builds an option from a priced re-pricing. */
export function compareOption(
  repricing: Extract<Repricing, { kind: 'priced' }>,
  moves: CompareOption['moves'],
): CompareOption {
  return {
    target: `${repricing.target.source}:${repricing.target.model}`,
    catalog_model_id: repricing.catalogModelId,
    moves,
    moved_tokens: repricing.movedTokens,
    kept_micros: repricing.scenarios.kept,
    low_micros: repricing.low,
    high_micros: repricing.high,
    change_micros: repricing.scenarios.kept - repricing.actualMicros,
    basis: repricing.basis,
    notes: repricing.notes,
  };
}

const percent = (change: number, base: number) =>
  base === 0 ? '' : ` (${change > 0 ? '+' : ''}${Math.round((change * 1000) / base) / 10}%)`;

const range = (option: CompareOption) => `${formatUsd(option.low_micros)}–${formatUsd(option.high_micros)}`;

/** The chat message: current cost, each alternative with its range, refusals and the assumptions. */
export function compareMessage(view: CompareView): MessageView {
  const who = `${view.subject.kind === 'team' ? 'Team' : 'Feature'} *${view.subject.name}*`;
  const best = view.options[0];
  const summary =
    best === undefined
      ? `${who} spent an estimated ${formatUsd(view.actual_micros)} on models over ${view.period.label}; no alternative could be priced.`
      : `${who} spent an estimated ${formatUsd(view.actual_micros)} on models over ${view.period.label}. Cheapest option: ` +
        `${best.target} at ${formatUsd(best.kept_micros)}${percent(best.change_micros, view.actual_micros)}, ` +
        (best.low_micros === best.high_micros
          ? 'whether or not cache and batch carry over.'
          : `${range(best)} depending on cache and batch.`);
  const sections: MessageView['sections'] = [
    {
      title: 'Alternatives (cache and batch kept; range: without them)',
      rows: view.options.slice(0, 8).map((option) => ({
        label: `${option.target}${option.moves === 'all' ? '' : ` for ${option.moves} usage`} (${option.basis} price)`,
        value: `${formatUsd(option.kept_micros)}${percent(option.change_micros, view.actual_micros)}${option.low_micros === option.high_micros ? '' : ` · ${range(option)}`}`,
      })),
      ...(view.options.length > 8 ? { more: view.options.length - 8 } : {}),
    },
  ];
  if (view.refused.length > 0) {
    sections.push({
      title: 'Not priced',
      rows: view.refused.map((entry) => ({ label: entry.target, value: entry.reason })),
    });
  }
  sections.push({ title: 'Assumptions', text: view.assumptions.map((line) => `• ${line}`).join('\n') });
  return {
    title: `What-if: ${view.subject.name}, ${view.period.label}`,
    summary,
    sections,
    context: [view.freshness, 'estimated from usage, list or negotiated prices as marked'],
  };
}

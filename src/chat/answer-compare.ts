import type { Command } from '../core/command.js';
import type { PriceBook } from '../core/pricing/types.js';
import type { DriftThresholds } from '../core/reconcile/compute-drift.js';
import { suggest } from '../core/suggest.js';
import {
  type CompareOption,
  type CompareView,
  compareMessage,
  compareOption,
} from '../core/views/compare-view.js';
import { problemMessage } from '../core/views/help-message.js';
import { freshnessLine } from '../core/views/team-spend-message.js';
import { freshnessOf } from '../core/views/team-spend-view.js';
import {
  type CapabilityClass,
  CLASS_ALTERNATIVES,
  capabilityClass,
  knownTargets,
  parseTarget,
  type RepriceTarget,
} from '../core/whatif/capability-class.js';
import { type MixRow, repriceMix } from '../core/whatif/reprice-mix.js';
import type { ReconcileStore } from '../store/reconcile-store.js';
import type { WhatIfQueries } from '../store/whatif-queries.js';
import type { Answer, AnswerDeps } from './answer.js';

/** What `compare` and `reconcile` need beyond the rollups. */
export interface PricingDeps {
  /** Prices as configured (`prices:` overrides and discounts over the catalog). */
  book: PriceBook;
  /** The catalog alone: tells negotiated from list prices. */
  listBook: PriceBook;
  whatIf: WhatIfQueries;
  reconcile: Pick<ReconcileStore, 'compute'>;
  /** `alerts.reconcile`. */
  thresholds: DriftThresholds;
}

const MAX_OPTIONS = 12;

/** `compare`: the same token mix re-priced on other models, each day at the price in force then. */
export function answerCompare(
  command: Extract<Command, { kind: 'compare' }>,
  _now: number,
  deps: AnswerDeps,
): Omit<Answer, 'public'> {
  const pricing = deps.pricing;
  if (pricing === undefined) {
    return {
      message: problemMessage(
        'No prices',
        'Re-pricing needs the price book, which this deployment does not have.',
      ),
      data: { kind: 'not_available', subcommand: 'compare' },
    };
  }
  const { teams, features } = pricing.whatIf.known();
  const kind = teams.includes(command.name)
    ? 'team'
    : features.includes(command.name)
      ? 'feature'
      : undefined;
  if (kind === undefined) {
    const close = suggest(command.name, [...teams, ...features]);
    const message = `No team or feature "${command.name}" has usage.${close ? ` Did you mean \`${close}\`?` : ''} Teams: ${teams.slice(0, 10).join(', ') || 'none yet'}.`;
    return {
      message: problemMessage(`No team or feature "${command.name}"`, message),
      data: { kind: 'unknown_subject', name: command.name, known_teams: teams, known_features: features },
    };
  }
  const { period } = command;
  const rows = pricing.whatIf.mix(kind, command.name, period.start, period.end);
  const tokens = rows.reduce((sum, row) => sum + tokensOf(row), 0);
  if (tokens === 0) {
    const message = `${kind === 'team' ? 'Team' : 'Feature'} *${command.name}* used no tokens over ${period.label}: nothing to re-price.`;
    return {
      message: problemMessage('No usage to re-price', message),
      data: { kind: 'compare', subject: { kind, name: command.name }, period, options: [] },
    };
  }

  const plans: Array<{ target: RepriceTarget; moves: CompareOption['moves']; label: string }> = [];
  const refused: CompareView['refused'] = [];
  if (command.to.length > 0) {
    for (const word of command.to) {
      const target = parseTarget(word);
      if (target === undefined) {
        const close = suggest(word, knownTargets());
        refused.push({
          target: word,
          reason: `cannot tell the provider: write it as \`source:model\`${close ? `, e.g. \`${close}\`` : ''}`,
        });
      } else plans.push({ target, moves: 'all', label: word });
    }
  } else {
    for (const cls of classesByTokens(rows)) {
      for (const target of CLASS_ALTERNATIVES[cls]) plans.push({ target, moves: cls, label: target.model });
    }
  }

  const options: CompareOption[] = [];
  for (const plan of plans.slice(0, MAX_OPTIONS)) {
    const moves =
      plan.moves === 'all' ? undefined : (row: MixRow) => capabilityClass(row.model) === plan.moves;
    const result = repriceMix(rows, plan.target, {
      book: pricing.book,
      listBook: pricing.listBook,
      ...(moves ? { moves } : {}),
    });
    if (result.kind === 'priced') options.push(compareOption(result, plan.moves));
    else {
      const close = suggest(plan.label, knownTargets());
      refused.push({
        target: `${plan.target.source}:${plan.target.model}`,
        reason: `${result.hint}${close ? `. Did you mean \`${close}\`?` : ''}`,
      });
    }
  }
  options.sort((a, b) => a.kept_micros - b.kept_micros || (a.target < b.target ? -1 : 1));

  const actual = rows.reduce((sum, row) => sum + row.estimatedMicros, 0);
  const unpriced = rows.reduce((sum, row) => sum + row.unpricedTokens, 0);
  const view: CompareView = {
    subject: { kind, name: command.name },
    period: { label: period.label, start: period.start, end: period.end },
    actual_micros: actual,
    tokens,
    unpriced_tokens: unpriced,
    options,
    refused,
    assumptions: assumptions(rows, options, command.to.length > 0, unpriced),
    freshness: freshnessLine({ freshness: freshnessOf(deps.queries.freshness(deps.sources)) }),
  };
  return { message: compareMessage(view), data: { kind: 'compare', ...view } };
}

function tokensOf(row: MixRow): number {
  const t = row.tokens;
  return t.uncachedInput + t.cacheWrite5m + t.cacheWrite1h + t.cacheRead + t.output;
}

/** Capability classes present in the mix, most tokens first. */
function classesByTokens(rows: readonly MixRow[]): CapabilityClass[] {
  const byClass = new Map<CapabilityClass, number>();
  for (const row of rows) {
    const cls = capabilityClass(row.model);
    if (cls !== undefined) byClass.set(cls, (byClass.get(cls) ?? 0) + tokensOf(row));
  }
  return [...byClass.entries()].sort((a, b) => b[1] - a[1]).map(([cls]) => cls);
}

function assumptions(
  rows: readonly MixRow[],
  options: readonly CompareOption[],
  explicit: boolean,
  unpriced: number,
): string[] {
  const total = rows.reduce((sum, row) => sum + tokensOf(row), 0);
  const cache = rows.reduce(
    (sum, row) => sum + row.tokens.cacheRead + row.tokens.cacheWrite5m + row.tokens.cacheWrite1h,
    0,
  );
  const batch = rows
    .filter((row) => ['batch', 'flex'].includes((row.serviceTier ?? '').toLowerCase()))
    .reduce((sum, row) => sum + tokensOf(row), 0);
  const share = (part: number) => `${Math.round((part * 1000) / Math.max(total, 1)) / 10}%`;
  const bases = new Set(options.map((option) => option.basis));
  const lines = [
    `Same tokens per day and kind: cache hit rate kept (${share(cache)} of tokens are cache reads/writes) and batch share kept (${share(batch)}); the range drops the cache, the batch discount, or both.`,
    'Each day is priced at the price in force that day; the current cost is the estimate stored when the usage was collected (history is never re-priced).',
    bases.has('negotiated') || bases.has('mixed')
      ? 'Prices: negotiated rates from `prices:` in ai-spend.yml where marked, catalog list prices elsewhere.'
      : 'Prices: catalog list prices (@pydantic/genai-prices); no negotiated rate applies to these models.',
    explicit
      ? 'All usage moves to each named model, whatever its capability class.'
      : 'Each alternative replaces usage of its own capability class (frontier, reasoning, mid, small); other usage stays as it is. Name models with `to <model>` to override.',
  ];
  if (unpriced > 0)
    lines.push(
      `${unpriced.toLocaleString('en-US')} tokens of current usage are unpriced: the current cost is a lower bound.`,
    );
  const unclassed = rows
    .filter((row) => capabilityClass(row.model) === undefined)
    .reduce((sum, row) => sum + tokensOf(row), 0);
  if (!explicit && unclassed > 0)
    lines.push(
      `${share(unclassed)} of tokens are on models with no capability class and are kept as they are.`,
    );
  return lines;
}

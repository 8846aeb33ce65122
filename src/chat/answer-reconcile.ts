import type { Command } from '../core/command.js';
import { SOURCES } from '../core/facts.js';
import { suggest } from '../core/suggest.js';
import { problemMessage } from '../core/views/help-message.js';
import { buildReconcileView, reconcileMessage } from '../core/views/reconcile-view.js';
import { freshnessLine } from '../core/views/team-spend-message.js';
import { freshnessOf } from '../core/views/team-spend-view.js';
import type { Answer, AnswerDeps } from './answer.js';

/** `reconcile`: estimate vs invoice per provider, day and billing scope, from the facts as they are now. */
export function answerReconcile(
  command: Extract<Command, { kind: 'reconcile' }>,
  _now: number,
  deps: AnswerDeps,
): Omit<Answer, 'public'> {
  const pricing = deps.pricing;
  if (pricing === undefined) {
    return {
      message: problemMessage(
        'Not available',
        'Reconciliation needs the ledger, which this deployment does not have.',
      ),
      data: { kind: 'not_available', subcommand: 'reconcile' },
    };
  }
  const { provider, period } = command;
  if (provider !== undefined && !(SOURCES as readonly string[]).includes(provider)) {
    const close = suggest(provider, SOURCES);
    const message = `I don't know the provider "${provider}".${close ? ` Did you mean \`${close}\`?` : ''} Known: ${SOURCES.join(', ')}.`;
    return {
      message: problemMessage(`No provider "${provider}"`, message),
      data: { kind: 'unknown_provider', provider, known_providers: [...SOURCES] },
    };
  }
  const drifts = pricing.reconcile.compute(period.start, period.end, provider);
  const view = buildReconcileView({
    drifts,
    period: { label: period.label, start: period.start, end: period.end },
    ...(provider === undefined ? {} : { provider }),
    thresholds: pricing.thresholds,
  });
  const sources = provider === undefined ? deps.sources : [provider];
  const freshness = freshnessLine({ freshness: freshnessOf(deps.queries.freshness(sources)) });
  return { message: reconcileMessage(view, freshness), data: { kind: 'reconcile', ...view } };
}

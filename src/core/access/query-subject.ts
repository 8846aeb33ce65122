import type { Command } from '../command.js';
import type { QuerySubject } from './can-query.js';

/** What a parsed command looks at; `undefined` for commands that show no spend (help, errors). */
export function querySubject(command: Command): QuerySubject | undefined {
  switch (command.kind) {
    case 'team':
    case 'provider':
    case 'model':
      return { kind: command.kind, name: command.name };
    case 'quota':
    case 'latency':
      return { kind: command.kind };
    case 'unit':
    case 'compare':
      return { kind: 'team', name: command.name };
    case 'budget':
    case 'budget_set':
      return { kind: 'team', name: command.team ?? 'all' };
    case 'reconcile':
      // Reconciliation lists every billing scope of a provider: an org-wide view.
      return { kind: 'provider', name: command.provider ?? 'all' };
    default:
      return undefined;
  }
}

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
    default:
      return undefined;
  }
}

import type { Command } from '../core/command.js';
import { problemMessage } from '../core/views/help-message.js';
import type { Answer, AnswerDeps } from './answer.js';

/** `reconcile`: estimate vs invoice per provider, day and billing scope. */
export function answerReconcile(
  command: Extract<Command, { kind: 'reconcile' }>,
  _now: number,
  _deps: AnswerDeps,
): Omit<Answer, 'public'> {
  const message = `\`${command.kind}\` is not available in this version yet. Try \`help\` for what is.`;
  return {
    message: problemMessage('Not available yet', message),
    data: { kind: 'not_available', subcommand: command.kind },
  };
}

import type { Command } from '../core/command.js';
import { problemMessage } from '../core/views/help-message.js';
import type { Answer, AnswerDeps } from './answer.js';

/** `compare`: the same token mix re-priced on other models. */
export function answerCompare(
  command: Extract<Command, { kind: 'compare' }>,
  _now: number,
  _deps: AnswerDeps,
): Omit<Answer, 'public'> {
  const message = `\`${command.kind}\` is not available in this version yet. Try \`help\` for what is.`;
  return {
    message: problemMessage('Not available yet', message),
    data: { kind: 'not_available', subcommand: command.kind },
  };
}

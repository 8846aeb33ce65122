import type { Command } from '../core/command.js';
import { problemMessage } from '../core/views/help-message.js';
import type { Answer, AnswerDeps } from './answer.js';

/** `unit`: cost per business unit of a team by feature, model and provider. */
export function answerUnit(
  command: Extract<Command, { kind: 'unit' }>,
  _now: number,
  _deps: AnswerDeps,
): Omit<Answer, 'public'> {
  const message = `\`${command.kind}\` is not available in this version yet. Try \`help\` for what is.`;
  return {
    message: problemMessage('Not available yet', message),
    data: { kind: 'not_available', subcommand: command.kind },
  };
}

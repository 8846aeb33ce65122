import type { Command } from '../core/command.js';
import { problemMessage } from '../core/views/help-message.js';
import type { Answer, AnswerDeps } from './answer.js';

/** `budget`: month-to-date, forecast and budget; `budget <team> set <usd>` stores one. */
export function answerBudget(
  command: Extract<Command, { kind: 'budget' | 'budget_set' }>,
  _now: number,
  _deps: AnswerDeps,
  _userId?: string,
): Omit<Answer, 'public'> {
  const message = `\`${command.kind}\` is not available in this version yet. Try \`help\` for what is.`;
  return {
    message: problemMessage('Not available yet', message),
    data: { kind: 'not_available', subcommand: command.kind },
  };
}

import type { Command } from '../core/command.js';
import { problemMessage } from '../core/views/help-message.js';
import { unitMessage } from '../core/views/unit-message.js';
import { buildUnitView } from '../core/views/unit-view.js';
import { unknownTeamMessage } from '../core/views/unknown-team-message.js';
import type { Answer, AnswerDeps } from './answer.js';
import { knownTeams } from './answer-budget.js';

/** `unit`: cost per business unit of a team by feature, model and provider, with its trend. */
export function answerUnit(
  command: Extract<Command, { kind: 'unit' }>,
  _now: number,
  deps: AnswerDeps,
): Omit<Answer, 'public'> {
  if (deps.economics === undefined) {
    const message = 'Business metrics are not kept by this installation. Try `help` for what is.';
    return {
      message: problemMessage('Not available', message),
      data: { kind: 'not_available', subcommand: 'unit' },
    };
  }
  const known = knownTeams(deps);
  if (!known.includes(command.name)) {
    return {
      message: unknownTeamMessage(command.name, known),
      data: { kind: 'unknown_team', team: command.name, known_teams: known },
    };
  }
  const { period } = command;
  const view = buildUnitView({
    team: command.name,
    period,
    spend: deps.economics.metrics.spendDays(command.name, period.previousStart, period.end),
    units: deps.economics.metrics.units(command.name, period.previousStart, period.end),
    freshness: deps.queries.freshness(deps.sources),
  });
  return { message: unitMessage(view), data: { ...view } };
}

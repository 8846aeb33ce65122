import { UNALLOCATED } from '../core/attribution/types.js';
import { SOURCES } from '../core/facts.js';
import { modelFamily } from '../core/model-family.js';
import type { Period } from '../core/period.js';
import { suggest } from '../core/suggest.js';
import { problemMessage } from '../core/views/help-message.js';
import { teamSpendMessage } from '../core/views/team-spend-message.js';
import { buildTeamSpendView, type SpendSubject } from '../core/views/team-spend-view.js';
import { unknownTeamMessage } from '../core/views/unknown-team-message.js';
import type { Answer, AnswerDeps } from './answer.js';

/** `team`, `provider` and `model` answers: whose spend, billed and estimated, where it went. */
export function answerSpend(
  command: { kind: 'team' | 'provider' | 'model'; name: string; period: Period },
  { queries, configuredTeams, sources }: Pick<AnswerDeps, 'queries' | 'configuredTeams' | 'sources'>,
): Omit<Answer, 'public'> {
  const subject: SpendSubject =
    command.kind === 'model'
      ? { kind: 'model', name: modelFamily(command.name) }
      : { kind: command.kind, name: command.name };

  if (subject.kind === 'team') {
    const known = [...new Set([...configuredTeams, ...queries.teamsWithData()])]
      .filter((team) => team !== UNALLOCATED)
      .sort();
    if (subject.name !== 'all' && subject.name !== UNALLOCATED && !known.includes(subject.name)) {
      return {
        message: unknownTeamMessage(subject.name, known),
        data: { kind: 'unknown_team', team: subject.name, known_teams: known },
      };
    }
  } else {
    const known = subject.kind === 'provider' ? [...SOURCES] : queries.known('model');
    if (!known.includes(subject.name)) {
      const close = suggest(subject.name, known);
      const message = `I don't know the ${subject.kind} "${command.name}".${close ? ` Did you mean \`${close}\`?` : ''} Known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.`;
      return {
        message: problemMessage(`No ${subject.kind} "${command.name}"`, message),
        data: {
          kind: `unknown_${subject.kind}`,
          [subject.kind]: command.name,
          [`known_${subject.kind}s`]: known,
        },
      };
    }
  }

  const { period } = command;
  const view = buildTeamSpendView({
    subject,
    period,
    current: queries.spend({ subject, start: period.start, end: period.end }),
    previousTotalMicros: queries.total({ subject, start: period.previousStart, end: period.previousEnd }),
    freshness: queries.freshness(sources),
  });
  return { message: teamSpendMessage(view), data: { ...view } };
}

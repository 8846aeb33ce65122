import { UNALLOCATED } from '../core/attribution/types.js';
import { parseCommand } from '../core/command.js';
import { helpMessage, problemMessage } from '../core/views/help-message.js';
import type { MessageView } from '../core/views/message-view.js';
import { teamSpendMessage } from '../core/views/team-spend-message.js';
import { buildTeamSpendView } from '../core/views/team-spend-view.js';
import { unknownTeamMessage } from '../core/views/unknown-team-message.js';
import type { SpendQueries } from '../store/spend-queries.js';

export interface AnswerDeps {
  queries: SpendQueries;
  /** Teams named in the config; teams that only appear in data are added. */
  configuredTeams: readonly string[];
  /** Sources whose freshness the answer reports. */
  sources: readonly string[];
}

/** One answer: the message to show, the neutral data behind it, and whether to post it publicly. */
export interface Answer {
  message: MessageView;
  data: { kind: string } & Record<string, unknown>;
  public: boolean;
}

/** Answers exactly what `/ai-spend <text>` answers. Never throws on bad input: it explains. */
export function answer(text: string, now: number, { queries, configuredTeams, sources }: AnswerDeps): Answer {
  const command = parseCommand(text, now);
  switch (command.kind) {
    case 'help':
      return { message: helpMessage(), data: { kind: 'help' }, public: command.public };
    case 'invalid':
      return {
        message: problemMessage('Not understood', command.message),
        data: { kind: 'invalid', message: command.message },
        public: false,
      };
    case 'not_yet': {
      const message = `\`${command.subcommand}\` is not available in this version yet. Try \`team <name>\` or \`help\`.`;
      return {
        message: problemMessage('Not available yet', message),
        data: { kind: 'not_available', subcommand: command.subcommand },
        public: false,
      };
    }
    case 'team': {
      const known = [...new Set([...configuredTeams, ...queries.teamsWithData()])]
        .filter((team) => team !== UNALLOCATED)
        .sort();
      if (command.team !== 'all' && command.team !== UNALLOCATED && !known.includes(command.team)) {
        return {
          message: unknownTeamMessage(command.team, known),
          data: { kind: 'unknown_team', team: command.team, known_teams: known },
          public: false,
        };
      }
      const { period } = command;
      const view = buildTeamSpendView({
        team: command.team,
        period,
        current: queries.spend({ team: command.team, start: period.start, end: period.end }),
        previousTotalMicros: queries.total({
          team: command.team,
          start: period.previousStart,
          end: period.previousEnd,
        }),
        freshness: queries.freshness(sources),
      });
      return { message: teamSpendMessage(view), data: { ...view }, public: command.public };
    }
  }
}

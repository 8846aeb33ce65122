import { suggest } from '../suggest.js';
import type { MessageView } from './message-view.js';

const SHOWN = 20;

/** Unknown team: say so, suggest the likely one, list the teams there are. */
export function unknownTeamMessage(team: string, knownTeams: readonly string[]): MessageView {
  const suggestion = suggest(team, knownTeams);
  const listed = knownTeams.slice(0, SHOWN);
  const more = knownTeams.length - listed.length;
  return {
    title: `No team "${team}"`,
    summary: `I don't know a team called "${team}".${suggestion ? ` Did you mean *${suggestion}*?` : ''}`,
    sections: [
      {
        title: 'Known teams',
        text: [...listed, 'all', 'unallocated'].map((name) => `\`${name}\``).join(' '),
        ...(more > 0 ? { more } : {}),
      },
    ],
    context: ['Teams come from the `teams:` and `attribution:` sections of ai-spend.yml.'],
  };
}

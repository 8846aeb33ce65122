import type { RespondArguments, types } from '@slack/bolt';
import { problemMessage } from '../../core/views/help-message.js';
import type { Answer } from '../answer.js';
import { renderBlockKit } from '../render-block-kit.js';

/** What a slash command answer sends to Slack, through `ack()` or the response_url alike. */
export type SlackReply = RespondArguments & {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: types.KnownBlock[];
};

/** An answer as Block Kit: visible only to the asker unless the command said `public`. */
export function slackReply(answer: Pick<Answer, 'message' | 'public'>): SlackReply {
  return { response_type: answer.public ? 'in_channel' : 'ephemeral', ...renderBlockKit(answer.message) };
}

/** The short apology shown instead of an error: the id finds the full story in the logs. */
export function apologyReply(errorId: string): SlackReply {
  return slackReply({
    message: problemMessage(
      'Something went wrong',
      'Sorry, I could not answer that. Please try again in a minute.',
      [`If it keeps happening, tell whoever runs ai-spend the error id \`${errorId}\`.`],
    ),
    public: false,
  });
}

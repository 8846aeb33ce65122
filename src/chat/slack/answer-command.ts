import { performance } from 'node:perf_hooks';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../answer.js';
import { apologyReply, slackReply } from './slack-reply.js';

/** Who asked: the Slack user id and workspace id of the person who typed the command. */
export interface SlackAsker {
  id: string;
  teamId?: string;
}

/** Answers `/ai-spend <text>`; may be synchronous (the usual case) or asynchronous. */
export type AnswerFunction = (text: string, asker: SlackAsker) => Answer | Promise<Answer>;

type Outcome = { ok: true; answer: Answer } | { ok: false; error: unknown };

/**
 * The `/ai-spend` listener. When the answer is ready within `ackBudgetMillis` it travels in the
 * acknowledgement itself (one round trip); otherwise an empty acknowledgement keeps Slack's 3 s
 * promise and the answer follows through the response_url. A failure becomes a short apology with
 * an error id, and the error is rethrown to the app's one error sink with that id in the context.
 */
export function answerCommand({
  answer,
  ackBudgetMillis,
  newErrorId,
}: {
  answer: AnswerFunction;
  ackBudgetMillis: number;
  newErrorId: () => string;
}) {
  return async ({ command, ack, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const started = performance.now();
    const asker: SlackAsker = {
      id: command.user_id,
      ...(command.team_id ? { teamId: command.team_id } : {}),
    };
    const outcome = settle(() => answer(command.text ?? '', asker));
    const early = await within(outcome, ackBudgetMillis);
    // A synchronous answer cannot be interrupted: measure it, and if it overran, say so late.
    if (early !== undefined && performance.now() - started <= ackBudgetMillis) {
      if (early.ok) return ack(slackReply(early.answer));
      const errorId = newErrorId();
      context.errorId = errorId;
      await ack(apologyReply(errorId));
      throw early.error;
    }
    await ack();
    const late = await outcome;
    if (late.ok) {
      await respond(slackReply(late.answer));
      return;
    }
    const errorId = newErrorId();
    context.errorId = errorId;
    await respond(apologyReply(errorId));
    throw late.error;
  };
}

function settle(run: () => Answer | Promise<Answer>): Promise<Outcome> {
  return new Promise<Answer>((resolve) => resolve(run())).then(
    (answer): Outcome => ({ ok: true, answer }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );
}

/** The outcome if it settles within `millis`, else `undefined`. */
async function within(outcome: Promise<Outcome>, millis: number): Promise<Outcome | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), millis);
  });
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

import { webApi } from '@slack/bolt';

/** Recipients Slack will not take a message for (a channel without the app, a user who is gone). */
export const RECIPIENT_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'messages_tab_disabled',
]);
/** chat.update on a message that was deleted or can no longer be edited: nothing to do. */
const GONE_ERRORS = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'account_inactive',
  'token_expired',
]);

/** What a failed Web API call means for a delivery: wait, stop, or give the message up. */
export type SlackErrorOutcome =
  | { kind: 'rate_limited'; retryAfter: number; error: string }
  | { kind: 'transient' | 'auth' | 'recipient' | 'gone'; error: string }
  | { kind: 'rejected'; error: string; needed?: string };

/** Sorts a `WebClient` error (with `rejectRateLimitedCalls` and no retries) for the delivery loops. */
export function classifySlackError(error: unknown): SlackErrorOutcome {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string; needed?: string };
    message?: string;
  };
  switch (coded.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfter: Math.max(1, coded.retryAfter ?? 60), error: 'ratelimited' };
    case webApi.ErrorCode.PlatformError: {
      const slackError = coded.data?.error ?? 'unknown_error';
      if (slackError === 'ratelimited' || slackError === 'rate_limited')
        return { kind: 'transient', error: slackError };
      if (RECIPIENT_ERRORS.has(slackError)) return { kind: 'recipient', error: slackError };
      if (AUTH_ERRORS.has(slackError)) return { kind: 'auth', error: slackError };
      if (GONE_ERRORS.has(slackError)) return { kind: 'gone', error: slackError };
      return {
        kind: 'rejected',
        error: slackError,
        ...(coded.data?.needed ? { needed: coded.data.needed } : {}),
      };
    }
    case webApi.ErrorCode.HTTPError:
    case webApi.ErrorCode.RequestError:
      // HTTP 5xx, timeouts, refused connections: keep the message and wait.
      return { kind: 'transient', error: coded.message ?? String(error) };
    default:
      // Not Slack's answer but ours (a payload that does not render): retrying cannot help.
      return { kind: 'rejected', error: coded.message ?? String(error) };
  }
}

import { createHmac } from 'node:crypto';

/** Slack's v0 signature headers for a raw body: HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackHeaders(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface SlackHttpAnswer {
  status: number;
  contentType: string | null;
  text: string;
  /** The JSON body, when there is one. */
  json: Record<string, unknown> | undefined;
}

/** POSTs a slash command exactly as Slack does: a signed form body, bare form content type. */
export async function postSlashCommand(
  base: string,
  signingSecret: string,
  {
    text,
    responseUrl,
    userId = 'U0ASKER',
    timestamp,
    signWith = signingSecret,
  }: { text: string; responseUrl: string; userId?: string; timestamp?: number; signWith?: string },
): Promise<SlackHttpAnswer> {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0ACME',
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: userId,
    user_name: 'asker',
    command: '/ai-spend',
    text,
    api_app_id: 'A0AISPEND',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.abc',
  }).toString();
  return send(`${base}/slack/events`, body, {
    ...slackHeaders(signWith, body, timestamp),
    // Bolt parses a form only under this exact content type (no charset).
    'content-type': 'application/x-www-form-urlencoded',
  });
}

/** POSTs an Events API callback (JSON), signed. */
export async function postEvent(
  base: string,
  signingSecret: string,
  event: Record<string, unknown>,
): Promise<SlackHttpAnswer> {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0ACME',
    api_app_id: 'A0AISPEND',
    type: 'event_callback',
    event_id: 'Ev0HOME',
    event_time: 1_764_400_000,
    authorizations: [{ team_id: 'T0ACME', user_id: 'U0AISPEND', is_bot: true }],
    event,
  });
  return send(`${base}/slack/events`, body, {
    ...slackHeaders(signingSecret, body),
    'content-type': 'application/json',
  });
}

async function send(url: string, body: string, headers: Record<string, string>): Promise<SlackHttpAnswer> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return {
    status: response.status,
    contentType,
    text,
    json: contentType?.startsWith('application/json')
      ? (JSON.parse(text) as Record<string, unknown>)
      : undefined,
  };
}

/** POSTs a `block_actions` interaction (a button press) exactly as Slack does: signed `payload=` form. */
export async function postButtonPress(
  base: string,
  signingSecret: string,
  {
    actionId,
    value,
    userId,
    responseUrl,
    channelId = 'C0DATA',
  }: { actionId: string; value: string; userId: string; responseUrl: string; channelId?: string },
): Promise<SlackHttpAnswer> {
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: 'oncall', team_id: 'T0ACME' },
    api_app_id: 'A0AISPEND',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: '1764000000.000100',
      channel_id: channelId,
      is_ephemeral: false,
    },
    trigger_id: '1.2.abc',
    team: { id: 'T0ACME', domain: 'acme' },
    channel: { id: channelId, name: 'channel' },
    message: { type: 'message', ts: '1764000000.000100', text: 'alert' },
    response_url: responseUrl,
    actions: [
      {
        action_id: actionId,
        block_id: 'alert-actions',
        text: { type: 'plain_text', text: actionId },
        value,
        type: 'button',
        action_ts: '1764000001.000200',
      },
    ],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return send(`${base}/slack/events`, body, {
    ...slackHeaders(signingSecret, body),
    'content-type': 'application/x-www-form-urlencoded',
  });
}

/** POSTs a `view_submission` (a dialog's submit) exactly as Slack does: signed `payload=` form. */
export async function postViewSubmission(
  base: string,
  signingSecret: string,
  {
    callbackId,
    privateMetadata,
    values,
    userId,
  }: {
    callbackId: string;
    privateMetadata: string;
    values: Record<string, Record<string, { type: string; value: string | null }>>;
    userId: string;
  },
): Promise<SlackHttpAnswer> {
  const payload = {
    type: 'view_submission',
    team: { id: 'T0ACME', domain: 'acme' },
    user: { id: userId, username: 'oncall', team_id: 'T0ACME' },
    api_app_id: 'A0AISPEND',
    token: 'legacy-verification-token',
    trigger_id: '1.2.def',
    view: {
      id: 'V0MODAL',
      team_id: 'T0ACME',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: '1.abc',
      title: { type: 'plain_text', text: 'Mark as expected' },
      blocks: [],
      app_id: 'A0AISPEND',
      bot_id: 'B0AISPEND',
    },
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return send(`${base}/slack/events`, body, {
    ...slackHeaders(signingSecret, body),
    'content-type': 'application/x-www-form-urlencoded',
  });
}

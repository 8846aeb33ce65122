import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  App,
  type CodedError,
  type Context,
  type CustomRoute,
  HTTPReceiver,
  type Logger,
  webApi,
} from '@slack/bolt';
import { AiSpendError } from '../../core/errors.js';
import { helpMessage } from '../../core/views/help-message.js';
import { healthzRoute } from '../healthz-route.js';
import { startRouteServer } from '../start-route-server.js';
import { type AlertButtonHandler, registerAlertButtons } from './alert-buttons.js';
import { type AnswerFunction, answerCommand } from './answer-command.js';
import { type HomeMessage, type HomeViewBuilder, publishHome } from './publish-home.js';

/** Everything the Slack app needs; secrets come from the environment and are never logged. */
export interface SlackAppOptions {
  /** Answers `/ai-spend <text>` (usually `app.answer`). */
  answer: AnswerFunction;
  /** `SLACK_BOT_TOKEN` (xoxb-…). */
  botToken: string;
  /** `SLACK_SIGNING_SECRET`: verifies every HTTP request (required unless `appToken` is given). */
  signingSecret?: string;
  /** `SLACK_APP_TOKEN` (xapp-…): Socket Mode, no public URL needed. */
  appToken?: string;
  /** `SLACK_API_URL`, e.g. a loopback fake in tests; default `https://slack.com/api/`. */
  slackApiUrl?: string;
  /** HTTP port: Slack's requests and `/healthz` (Socket Mode: `/healthz` only, on a server of its own). */
  port: number;
  /** Listen address; default all interfaces. */
  host?: string;
  logger?: Logger;
  /** Bolt answers 404 to a request nothing acknowledged after this long. */
  unhandledRequestTimeoutMillis?: number;
  /** An answer not ready after this long is acknowledged empty and sent via the response_url. */
  ackBudgetMillis?: number;
  /** Web API retries; tests pass `{ retries: 0 }`. */
  retryConfig?: webApi.RetryOptions;
  /** With both, the bot token is trusted as is; without, `start()` checks it with `auth.test`. */
  botId?: string;
  botUserId?: string;
  /** The slash command as named in the manifest. */
  command?: string;
  homeMessage?: HomeMessage;
  /** The full Home tab for a user (teams, budgets, open alerts with buttons); default: the help. */
  homeView?: HomeViewBuilder;
  newErrorId?: () => string;
  /** Handles the Acknowledge / Snooze / Expected buttons of alert messages. */
  onAlertButton?: AlertButtonHandler;
  /** More routes on the same port (`POST /api/messages`, `POST /api/metrics`), next to `/healthz`. */
  extraRoutes?: CustomRoute[];
}

export interface SlackApp {
  app: App;
  /** Verifies the bot token (unless `botId`/`botUserId` were given), then listens. */
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Web API calls give up after this long rather than hang a listener. */
const WEB_API_TIMEOUT_MILLIS = 10_000;

/**
 * The Slack app on Bolt: `/ai-spend` answered in Block Kit, the Home tab on `app_home_opened`, and
 * `GET /healthz`. Over HTTP (Bolt's HTTPReceiver: one endpoint `/slack/events` for commands,
 * interactivity and events, signatures checked with Slack's 5-minute replay window) or, when an
 * app token is given, over Socket Mode (no public URL), with `/healthz` on a small server of its own.
 * Construction makes no network call.
 */
export function createSlackApp({
  answer,
  botToken,
  signingSecret,
  appToken,
  slackApiUrl,
  port,
  host,
  logger,
  unhandledRequestTimeoutMillis = 3001,
  ackBudgetMillis = 2500,
  retryConfig = webApi.retryPolicies.fiveRetriesInFiveMinutes,
  botId,
  botUserId,
  command = '/ai-spend',
  homeMessage = () => helpMessage(),
  newErrorId = () => randomBytes(4).toString('hex'),
  onAlertButton,
  homeView,
  extraRoutes = [],
}: SlackAppOptions): SlackApp {
  const trusted = botId !== undefined && botUserId !== undefined;
  const common = {
    token: botToken,
    ...(logger ? { logger } : {}),
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig,
      timeout: WEB_API_TIMEOUT_MILLIS,
    },
    extendedErrorHandler: true,
    ...(trusted ? { botId, botUserId } : { deferInitialization: true }),
  };
  let app: App;
  if (appToken !== undefined) {
    app = new App({ ...common, socketMode: true, appToken });
  } else {
    if (!signingSecret) {
      throw new AiSpendError('config_invalid', 'The Slack app over HTTP needs a signing secret.', {
        hint: 'Set SLACK_SIGNING_SECRET (Basic Information → App Credentials), or SLACK_APP_TOKEN for Socket Mode.',
      });
    }
    const receiver = new HTTPReceiver({
      signingSecret,
      endpoints: '/slack/events',
      port,
      customRoutes: [healthzRoute, ...extraRoutes],
      unhandledRequestTimeoutMillis,
      ...(logger ? { logger } : {}),
    });
    app = new App({ ...common, receiver });
  }

  app.command(command, answerCommand({ answer, ackBudgetMillis, newErrorId }));
  app.event('app_home_opened', publishHome({ homeMessage, ...(homeView ? { homeView } : {}) }));
  if (onAlertButton) registerAlertButtons(app, onAlertButton, homeView);
  app.error(reportError(app.logger));

  let health: { port: number; close(): Promise<void> } | undefined;
  return {
    app,
    start: async () => {
      if (!trusted) await verifyToken(app);
      if (appToken !== undefined) {
        health = await startRouteServer({
          port,
          ...(host === undefined ? {} : { host }),
          routes: [healthzRoute, ...extraRoutes],
        });
        await app.start().catch(async (error: unknown) => {
          await health?.close();
          throw error;
        });
        return { port: health.port };
      }
      const server = await app.start(host === undefined ? port : { port, host });
      return { port: (server.address() as AddressInfo).port };
    },
    stop: async () => {
      await app.stop();
      await health?.close();
    },
  };
}

/** The one error sink: every listener error, logged with its error id, never the request body. */
function reportError(logger: Logger) {
  return async ({ error, context }: { error: CodedError; context: Context }): Promise<void> => {
    const cause = 'original' in error && error.original instanceof Error ? error.original : error;
    const errorId = typeof context.errorId === 'string' ? ` ${context.errorId}` : '';
    logger.error(`ai-spend slack error${errorId}: ${cause.stack ?? cause.message}`);
  };
}

async function verifyToken(app: App): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    throw code
      ? new AiSpendError('config_invalid', `Slack rejected the bot token: ${code}.`, {
          hint: 'Set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) of the installed app.',
          cause: error,
        })
      : new AiSpendError('chat_delivery', 'Slack could not be reached to check the bot token.', {
          hint: 'Check the network, or SLACK_API_URL if it is set.',
          cause: error,
        });
  }
}

import { randomBytes } from 'node:crypto';
import type { CustomRoute } from '@slack/bolt';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { problemMessage } from '../../core/views/help-message.js';
import { messagesRoute } from './messages-route.js';
import { teamsActivity } from './teams-activity.js';
import { TeamsBot, type TeamsBotOptions } from './teams-bot.js';
import type { TeamsSettings } from './teams-settings.js';

/** The Teams bot on CloudAdapter, ready to mount: `route` is `POST /api/messages`. */
export interface TeamsApp {
  adapter: CloudAdapter;
  bot: TeamsBot;
  route: CustomRoute;
  /** `MICROSOFT_APP_ID` (`''` in insecure local mode): what proactive sends continue as. */
  appId: string;
}

export interface TeamsAppOptions extends TeamsBotOptions {
  settings: TeamsSettings;
  /** The one error sink of the Teams side; default stderr. Never given the request body. */
  logError?: (line: string) => void;
  newErrorId?: () => string;
  path?: string;
}

/**
 * Builds the adapter (JWTs verified and outbound tokens fetched whenever an app id is set), the
 * bot and its route. Construction makes no network call.
 */
export function createTeamsApp({
  settings,
  logError = (line) => process.stderr.write(`${line}\n`),
  newErrorId = () => randomBytes(4).toString('hex'),
  path = '/api/messages',
  ...botOptions
}: TeamsAppOptions): TeamsApp {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.appId,
    ...(settings.appPassword === undefined ? {} : { MicrosoftAppPassword: settings.appPassword }),
    ...(settings.tenantId === undefined ? {} : { MicrosoftAppTenantId: settings.tenantId }),
    ...(settings.appType === undefined ? {} : { MicrosoftAppType: settings.appType }),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    const errorId = newErrorId();
    logError(
      `ai-spend teams error ${errorId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    // An invoke is answered by its HTTP response; a message gets a short apology with the error id.
    if (context.activity.type !== 'message') return;
    await context
      .sendActivity(
        teamsActivity(
          problemMessage(
            'Something went wrong',
            'Sorry, I could not answer that. Please try again in a minute.',
            [`If it keeps happening, tell whoever runs ai-spend the error id ${errorId}.`],
          ),
        ),
      )
      .catch(() => undefined);
  };
  const bot = new TeamsBot(botOptions);
  return {
    adapter,
    bot,
    route: messagesRoute(adapter, (context) => bot.run(context), path),
    appId: settings.appId,
  };
}

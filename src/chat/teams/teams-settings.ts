import type { AiSpendConfig } from '../../config/config-types.js';
import type { Environment } from '../../config/environment.js';
import { AiSpendError } from '../../core/errors.js';

/** How the Teams bot runs: with an app id (authenticated both ways), or explicitly without. */
export interface TeamsSettings {
  /** `MICROSOFT_APP_ID`; `''` only in insecure local mode. */
  appId: string;
  appPassword?: string;
  tenantId?: string;
  appType?: string;
  /** No app id: inbound requests are not verified and outbound calls carry no token. */
  insecure: boolean;
}

/**
 * Whether Teams runs, and how. Teams is on when `MICROSOFT_APP_ID` is set, or for local use when
 * `AI_SPEND_TEAMS_INSECURE=1`. Without an app id botbuilder checks nothing, so refused: any other
 * `MICROSOFT_APP_*` setting without the id; `AI_SPEND_TEAMS_INSECURE=1` under `NODE_ENV=production`;
 * and, under `NODE_ENV=production`, a config that names Teams channels with no app id.
 */
export function teamsSettings(
  environment: Pick<Environment, 'microsoft' | 'production'>,
  config: Pick<AiSpendConfig, 'teams' | 'msteams'>,
): TeamsSettings | undefined {
  const { appId, appPassword, tenantId, appType, insecure = false } = environment.microsoft;
  const production = environment.production === true;
  if (appId !== undefined) {
    return {
      appId,
      ...(appPassword === undefined ? {} : { appPassword }),
      ...(tenantId === undefined ? {} : { tenantId }),
      ...(appType === undefined ? {} : { appType }),
      insecure: false,
    };
  }
  const hint =
    'Set MICROSOFT_APP_ID to the Entra app (client) id of the Azure Bot, or for local use outside production set AI_SPEND_TEAMS_INSECURE=1.';
  if (insecure && production) {
    throw new AiSpendError(
      'config_invalid',
      'AI_SPEND_TEAMS_INSECURE=1 turns Teams authentication off and is refused with NODE_ENV=production.',
      { hint: 'Set MICROSOFT_APP_ID (and MICROSOFT_APP_PASSWORD), and unset AI_SPEND_TEAMS_INSECURE.' },
    );
  }
  const partial = [appPassword && 'MICROSOFT_APP_PASSWORD', tenantId && 'MICROSOFT_APP_TENANT_ID'].filter(
    (name): name is string => typeof name === 'string',
  );
  if (partial.length > 0 && !insecure) {
    throw new AiSpendError(
      'config_invalid',
      `${partial.join(' and ')} ${partial.length === 1 ? 'is' : 'are'} set but MICROSOFT_APP_ID is not: without an app id Teams requests would not be authenticated.`,
      { hint },
    );
  }
  const channels =
    config.msteams.defaultChannel !== undefined ||
    Object.values(config.teams).some((team) => team.teamsChannel !== undefined);
  if (production && channels) {
    throw new AiSpendError(
      'config_invalid',
      'Teams channels are configured but MICROSOFT_APP_ID is not set, and NODE_ENV is production.',
      { hint },
    );
  }
  return insecure ? { appId: '', insecure: true } : undefined;
}

import type { AiSpendConfig } from '../config/config-types.js';

/** Memberships fetched by the caller; the function itself makes no call. */
export interface MembershipLookup {
  /** Members of Slack channels by channel id (from `conversations.members`). */
  channelMembers?: ReadonlyMap<string, readonly string[]>;
  /** Members of user groups by group id (from `usergroups.users.list`), for each team's `oncall`. */
  groupMembers?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The teams a chat user belongs to, in config order: teams listing them as a manager, teams whose
 * `oncall` group holds them, and teams whose `slack_channel` they are in. Group and channel
 * membership count only when the caller looked them up.
 */
export function userTeams(
  config: Pick<AiSpendConfig, 'teams'>,
  userId: string,
  { channelMembers, groupMembers }: MembershipLookup = {},
): string[] {
  const within = (lookup: ReadonlyMap<string, readonly string[]> | undefined, id: string | undefined) =>
    id !== undefined && (lookup?.get(id)?.includes(userId) ?? false);
  return Object.values(config.teams)
    .filter(
      (team) =>
        team.managers.includes(userId) ||
        within(groupMembers, team.oncall) ||
        within(channelMembers, team.slackChannel),
    )
    .map((team) => team.name);
}

import type { webApi } from '@slack/bolt';
import { z } from 'zod';

/**
 * The Slack app manifest fields ai-spend uses, with the limits of the manifest reference
 * (https://docs.slack.dev/reference/app-manifest) and of `@slack/web-api`'s `Manifest` type.
 * Strict: a misspelt key (`messages_tab`) fails instead of being ignored.
 */

/** Granular bot scopes, as listed by `@slack/web-api`'s manifest type. */
const BOT_SCOPES = [
  'app_mentions:read',
  'bookmarks:read',
  'bookmarks:write',
  'calls:read',
  'calls:write',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'channels:write.invites',
  'channels:write.topic',
  'chat:write',
  'chat:write.customize',
  'chat:write.public',
  'commands',
  'conversations.connect:manage',
  'conversations.connect:read',
  'conversations.connect:write',
  'dnd:read',
  'emoji:read',
  'files:read',
  'files:write',
  'groups:history',
  'groups:read',
  'groups:write',
  'groups:write.invites',
  'groups:write.topic',
  'im:history',
  'im:read',
  'im:write',
  'incoming-webhook',
  'links.embed:write',
  'links:read',
  'links:write',
  'metadata.message:read',
  'mpim:history',
  'mpim:read',
  'mpim:write',
  'mpim:write.invites',
  'mpim:write.topic',
  'pins:read',
  'pins:write',
  'reactions:read',
  'reactions:write',
  'reminders:read',
  'reminders:write',
  'remote_files:read',
  'remote_files:share',
  'remote_files:write',
  'team.billing:read',
  'team.preferences:read',
  'team:read',
  'usergroups:read',
  'usergroups:write',
  'users.profile:read',
  'users:read',
  'users:read.email',
  'users:write',
] as const;

/** Events a bot can subscribe to, as listed by `@slack/web-api`'s manifest type. */
const BOT_EVENTS = [
  'app_context_changed',
  'app_home_opened',
  'app_mention',
  'app_rate_limited',
  'app_requested',
  'app_uninstalled',
  'assistant_thread_context_changed',
  'assistant_thread_started',
  'call_rejected',
  'channel_archive',
  'channel_created',
  'channel_deleted',
  'channel_history_changed',
  'channel_id_changed',
  'channel_left',
  'channel_rename',
  'channel_shared',
  'channel_unarchive',
  'channel_unshared',
  'dnd_updated',
  'dnd_updated_user',
  'email_domain_changed',
  'emoji_changed',
  'entity_details_requested',
  'file_change',
  'file_comment_added',
  'file_comment_deleted',
  'file_comment_edited',
  'file_created',
  'file_deleted',
  'file_public',
  'file_shared',
  'file_unshared',
  'grid_migration_finished',
  'grid_migration_started',
  'group_archive',
  'group_close',
  'group_deleted',
  'group_history_changed',
  'group_left',
  'group_open',
  'group_rename',
  'group_unarchive',
  'im_close',
  'im_created',
  'im_history_changed',
  'im_open',
  'invite_requested',
  'link_shared',
  'member_joined_channel',
  'member_left_channel',
  'message',
  'message.app_home',
  'message.channels',
  'message.groups',
  'message.im',
  'message.mpim',
  'message_metadata_deleted',
  'message_metadata_posted',
  'message_metadata_updated',
  'pin_added',
  'pin_removed',
  'reaction_added',
  'reaction_removed',
  'resources_added',
  'resources_removed',
  'scope_denied',
  'scope_granted',
  'shared_channel_invite_accepted',
  'shared_channel_invite_approved',
  'shared_channel_invite_declined',
  'shared_channel_invite_received',
  'star_added',
  'star_removed',
  'subteam_created',
  'subteam_members_changed',
  'subteam_self_added',
  'subteam_self_removed',
  'subteam_updated',
  'team_access_granted',
  'team_access_revoked',
  'team_domain_change',
  'team_join',
  'team_rename',
  'tokens_revoked',
  'url_verification',
  'user_change',
  'user_huddle_changed',
  'user_profile_changed',
  'user_resource_denied',
  'user_resource_granted',
  'user_resource_removed',
  'user_status_changed',
  'workflow_deleted',
  'workflow_published',
  'workflow_step_deleted',
  'workflow_step_execute',
  'workflow_unpublished',
] as const;

const httpsUrl = z.url({ protocol: /^https$/ });

export const slackManifestSchema = z.strictObject({
  _metadata: z
    .strictObject({ major_version: z.union([z.literal(1), z.literal(2)]), minor_version: z.int().min(0) })
    .optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().max(140).optional(),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/)
      .optional(),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean().optional(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    bot_user: z.strictObject({
      display_name: z
        .string()
        .max(80)
        .regex(/^[a-z0-9._-]+$/),
      always_online: z.boolean().optional(),
    }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z
            .string()
            .max(32)
            .regex(/^\/[a-z0-9_-]+$/),
          url: httpsUrl.optional(),
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000).optional(),
          should_escape: z.boolean().optional(),
        }),
      )
      .max(50),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.enum(BOT_SCOPES)).min(1).max(255) }),
  }),
  settings: z.strictObject({
    event_subscriptions: z
      .strictObject({
        request_url: httpsUrl.optional(),
        bot_events: z.array(z.enum(BOT_EVENTS)).max(100).optional(),
      })
      .optional(),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: httpsUrl.optional() }).optional(),
    org_deploy_enabled: z.boolean().optional(),
    socket_mode_enabled: z.boolean().optional(),
    token_rotation_enabled: z.boolean().optional(),
  }),
});

export type SlackManifest = z.infer<typeof slackManifestSchema>;

// Compile-time: whatever this schema accepts is a manifest to `@slack/web-api` as well.
export const agreesWithWebApi = (manifest: SlackManifest): webApi.AppsManifestCreateArguments['manifest'] =>
  manifest;

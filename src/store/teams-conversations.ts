import type Database from 'better-sqlite3';
import type { ConversationReference } from 'botbuilder';

/** Where a saved conversation lives in Teams, besides the reference itself. */
export interface TeamsConversationMeta {
  /** `channelData.channel.id` for a channel conversation. */
  channelId?: string;
  /** `channelData.team.id`. */
  teamId?: string;
  tenantId?: string;
  conversationType?: string;
}

interface Row {
  conversation_id: string;
  reference: string;
}

/**
 * The Teams conversation references the bot may post into proactively: saved on install and
 * refreshed on every message (Teams may move a conversation to another `serviceUrl`), deleted when
 * the app is removed.
 */
export function createTeamsConversations(db: Database.Database) {
  const upsert = db.prepare(`INSERT INTO teams_conversations (conversation_id, channel_id, team_id, tenant_id,
      conversation_type, reference, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (conversation_id) DO UPDATE SET channel_id = coalesce(excluded.channel_id, channel_id),
      team_id = coalesce(excluded.team_id, team_id), tenant_id = coalesce(excluded.tenant_id, tenant_id),
      conversation_type = coalesce(excluded.conversation_type, conversation_type),
      reference = excluded.reference, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM teams_conversations WHERE conversation_id = ? OR team_id = ?');
  const exact = db.prepare(`SELECT conversation_id, reference FROM teams_conversations
    WHERE conversation_id = ? OR channel_id = ? ORDER BY conversation_id = ? DESC, updated_at DESC LIMIT 1`);
  const anyTeam = db.prepare(`SELECT conversation_id, reference FROM teams_conversations
    WHERE team_id IS NOT NULL ORDER BY updated_at DESC LIMIT 1`);
  const count = db.prepare('SELECT count(*) FROM teams_conversations').pluck();

  return {
    /** Saves (or refreshes) the reference of a conversation. */
    save(reference: Partial<ConversationReference>, meta: TeamsConversationMeta, now: number): void {
      const conversationId = reference.conversation?.id;
      if (conversationId === undefined || conversationId === '') return;
      upsert.run(
        conversationId,
        meta.channelId ?? null,
        meta.teamId ?? null,
        meta.tenantId ?? null,
        meta.conversationType ?? null,
        JSON.stringify(reference),
        now,
      );
    },

    /** Forgets a conversation, or every conversation of a team when the app leaves it. */
    remove: (conversationId: string, teamId?: string): number =>
      remove.run(conversationId, teamId ?? conversationId).changes,

    /**
     * The reference to post into `channel` (a conversation or channel id): its own when known;
     * otherwise a channel of a team the app is installed in, pointed at `channel` (a channel's
     * conversation id is the channel id, and Teams serves a tenant's teams from one service URL).
     */
    referenceFor(channel: string): Partial<ConversationReference> | undefined {
      const own = exact.get(channel, channel, channel) as Row | undefined;
      if (own) {
        const reference = JSON.parse(own.reference) as Partial<ConversationReference>;
        if (own.conversation_id === channel) return reference;
        return { ...reference, conversation: { ...reference.conversation, id: channel } as never };
      }
      const sibling = anyTeam.get() as Row | undefined;
      if (!sibling || !channel.startsWith('19:')) return undefined;
      const reference = JSON.parse(sibling.reference) as Partial<ConversationReference>;
      return { ...reference, conversation: { ...reference.conversation, id: channel } as never };
    },

    count: (): number => Number(count.get()),
  };
}

export type TeamsConversations = ReturnType<typeof createTeamsConversations>;

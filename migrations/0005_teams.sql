-- Microsoft Teams: where the bot may post proactively. Teams sends a conversation reference when
-- the app is installed in a team, a group chat or a personal chat, and with every message after.

CREATE TABLE teams_conversations (
  conversation_id   TEXT PRIMARY KEY,          -- 19:…@thread.tacv2 (channel), a:… (personal), 19:…@thread.v2 (group chat)
  channel_id        TEXT,                      -- channelData.channel.id: the channel's own conversation id
  team_id           TEXT,                      -- channelData.team.id
  tenant_id         TEXT,
  conversation_type TEXT,                      -- channel | personal | groupChat
  reference         TEXT NOT NULL,             -- the ConversationReference as JSON (serviceUrl, bot, conversation)
  updated_at        INTEGER NOT NULL           -- UTC epoch seconds
) WITHOUT ROWID;
CREATE INDEX teams_conversations_by_channel ON teams_conversations (channel_id);

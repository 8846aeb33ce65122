import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import type { MessageView } from '../../core/views/message-view.js';
import type { TeamsConversations } from '../../store/teams-conversations.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../adaptive-card-limits.js';
import type { Answer } from '../answer.js';
import type { AlertButtonOutcome, AlertPress } from '../slack/alert-buttons.js';
import { teamsActivity } from './teams-activity.js';

/** Who wrote to the bot: the id the config's `admins`/`managers` lists use, and the raw Teams ids. */
export interface TeamsAsker {
  /** `aadObjectId` or the `29:` id, whichever the config lists (default the `aadObjectId`). */
  id: string;
  teamsId: string;
  aadObjectId?: string;
}

/** Everything the bot needs; it makes no call of its own outside a turn. */
export interface TeamsBotOptions {
  /** Answers the same grammar as `/ai-spend` (usually `app.answer`). */
  answer: (text: string, asker: TeamsAsker) => Answer | Promise<Answer>;
  /** Records an Acknowledge / Snooze / Expected press (usually `app.actOnAlert`). */
  onAlertAction?: (press: AlertPress) => AlertButtonOutcome | Promise<AlertButtonOutcome>;
  /** The alert message (one alert, or a batch) as it stands now, to show after a press. */
  alertView?: (alertIds: number[]) => MessageView | undefined;
  conversations: TeamsConversations;
  /** UTC epoch seconds. */
  clock: () => number;
  /** Config ids (admins, managers): decides which of a user's two ids is theirs. */
  knownUserIds?: () => ReadonlySet<string>;
}

const ALERT_VERB = /^alert\.(acknowledge|snooze|expected)$/;

/**
 * The Teams bot: a message (personal chat, or an @mention in a channel) is answered like
 * `/ai-spend <text>` with an Adaptive Card; every activity refreshes the conversation reference
 * alerts are posted through; an `Action.Execute` on an alert records the press, returns the
 * refreshed card to the clicker and updates the posted card for everyone.
 */
export class TeamsBot extends TeamsActivityHandler {
  constructor(private readonly options: TeamsBotOptions) {
    super();
    this.onTurn(async (context, next) => {
      this.remember(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const { conversation, channelData } = context.activity;
      options.conversations.remove(conversation.id, (channelData as ChannelData | undefined)?.team?.id);
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = commandText(context);
      const answer = await options.answer(text, asker(context.activity.from, options.knownUserIds?.()));
      await context.sendActivity(teamsActivity(answer.message));
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { verb, data } = invokeValue.action;
    const alertIds = String((data as { value?: unknown } | undefined)?.value ?? '')
      .split(',')
      .map(Number);
    const [alertId] = alertIds;
    if (!ALERT_VERB.test(verb) || alertId === undefined || !alertIds.every(Number.isSafeInteger)) {
      return say('That button no longer points at an alert.');
    }
    const handle = this.options.onAlertAction;
    if (handle === undefined) return say('Alerts cannot be changed from Teams here.');
    const { from, channelData, conversation } = context.activity;
    const channelId = (channelData as ChannelData | undefined)?.channel?.id ?? rootOf(conversation.id);
    const outcome = await handle({
      actionId: verb,
      alertId,
      ...(alertIds.length > 1 ? { alertIds } : {}),
      userId: asker(from, this.options.knownUserIds?.()).id,
      ...(verb === 'alert.expected' ? { reason: 'marked expected in Teams' } : {}),
      channelId,
    });
    if (outcome.kind === 'refused') return say(outcome.reason);
    const view = this.options.alertView?.(alertIds);
    if (view === undefined) return say('This alert no longer exists.');
    const activity = teamsActivity(view);
    const cardMessageId = context.activity.replyToId;
    // The invoke answer replaces the card for the clicker only; everyone else sees the update.
    if (outcome.kind === 'updated' && cardMessageId) {
      await context.updateActivity({ ...activity, id: cardMessageId });
    }
    return {
      statusCode: 200,
      type: ADAPTIVE_CARD_CONTENT_TYPE,
      value: activity.attachments[0]?.content as never,
    };
  }

  private remember(context: TurnContext): void {
    const { activity } = context;
    if (activity.type === 'installationUpdate' && /^remove/.test(activity.action ?? '')) return;
    const channelData = activity.channelData as ChannelData | undefined;
    const channelId = channelData?.channel?.id;
    const reference = TurnContext.getConversationReference(activity);
    // A channel message arrives in its thread (`…;messageid=…`); alerts go to the channel itself.
    const conversationId = channelId ?? rootOf(activity.conversation.id);
    this.options.conversations.save(
      { ...reference, activityId: undefined, conversation: { ...activity.conversation, id: conversationId } },
      {
        ...(channelId ? { channelId } : {}),
        ...(channelData?.team?.id ? { teamId: channelData.team.id } : {}),
        ...(activity.conversation.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
        ...(activity.conversation.conversationType
          ? { conversationType: activity.conversation.conversationType }
          : {}),
      },
      this.options.clock(),
    );
  }
}

interface ChannelData {
  team?: { id?: string };
  channel?: { id?: string };
}

/** The command: the text without the bot's @mention and an optional leading `/ai-spend`. */
export function commandText(context: TurnContext): string {
  const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .trim()
    .replace(/^\/?ai-spend\b/i, '')
    .trim();
}

/** The id to act as: the one the config lists, else the Entra object id, else the Teams id. */
export function asker(from: ChannelAccount, known: ReadonlySet<string> = new Set()): TeamsAsker {
  const aadObjectId = from.aadObjectId;
  const listed = [aadObjectId, from.id].find((id): id is string => id !== undefined && known.has(id));
  return {
    id: listed ?? aadObjectId ?? from.id,
    teamsId: from.id,
    ...(aadObjectId ? { aadObjectId } : {}),
  };
}

function rootOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

function say(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never };
}

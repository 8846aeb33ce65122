import type { MessageView } from '../../core/views/message-view.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../adaptive-card-limits.js';
import { type AdaptiveCard, cardFallbackText, renderAdaptiveCard } from '../render-adaptive-card.js';

/** A Bot Framework message activity carrying one Adaptive Card and its plain-text fallback. */
export interface TeamsCardActivity {
  type: 'message';
  text: string;
  /** `summary` is what Teams shows in notifications and the activity feed. */
  summary: string;
  attachments: Array<{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }>;
}

/** A message view as a Teams message: the card, with the text for clients that cannot show it. */
export function teamsActivity(view: MessageView): TeamsCardActivity {
  const card = renderAdaptiveCard(view);
  return {
    type: 'message',
    // Teams would show `text` above the card, which already says it all: the fallback is in the card.
    text: '',
    summary: cardFallbackText(view).split('\n')[0] ?? 'ai-spend',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

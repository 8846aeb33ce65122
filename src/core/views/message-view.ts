/**
 * A chat message as data: built once from a domain view, rendered as Block Kit, an Adaptive Card
 * or plain text by pure renderers in src/chat. Keep each part short: renderers cap lists.
 */
export interface MessageView {
  title: string;
  /** One or two sentences: the answer itself. */
  summary: string;
  sections: MessageSection[];
  /** Small print under the answer: freshness stamps, labels ("estimated"), hints. */
  context: string[];
  /** Buttons under the message (Acknowledge, Snooze 24h, ...); `value` travels back with the press. */
  actions?: MessageAction[];
}

export interface MessageAction {
  /** Stable id of what the button does, e.g. `alert.acknowledge`. */
  id: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface MessageSection {
  title?: string;
  /** Label/value pairs ("Total" → "$1,234.56"). */
  facts?: Array<{ label: string; value: string }>;
  /** Ranked rows: a label, an amount and an optional share bar/ratio. */
  rows?: Array<{ label: string; value: string; share?: number }>;
  /** Rows left out to stay short, said as "and N more". */
  more?: number;
  text?: string;
}

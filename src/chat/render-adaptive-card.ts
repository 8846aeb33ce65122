import type { MessageAction, MessageSection, MessageView } from '../core/views/message-view.js';
import { ADAPTIVE_CARD_LIMITS as LIMITS } from './adaptive-card-limits.js';
import { renderText } from './render-text.js';

/** An Adaptive Card as JSON (schema 1.5, the version Teams renders). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  /** Shown by clients that cannot render the card. */
  fallbackText: string;
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
  [key: string]: unknown;
}

type CardElement = Record<string, unknown> & { type: string };

/** A Universal Action: the press arrives as an `adaptiveCard/action` invoke carrying `verb` and `data`. */
export interface CardAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: { value: string };
  style?: 'positive' | 'destructive';
}

/**
 * Renders a message as an Adaptive Card 1.5: the title and summary, each section (facts and ranked
 * rows as FactSets, "… and N more"), the context lines in small print and the actions as
 * `Action.Execute` buttons whose `verb` is the action id. Stays within `ADAPTIVE_CARD_LIMITS` by
 * construction: long text is cut, and sections that would break the size budget are left out
 * with a note.
 */
export function renderAdaptiveCard(view: MessageView): AdaptiveCard {
  const head: CardElement[] = [];
  const title = plain(view.title).trim();
  if (title !== '') head.push(text(title, { size: 'Large', weight: 'Bolder' }));
  if (view.summary.trim() !== '') head.push(text(plain(view.summary)));
  const sections = view.sections.map(sectionElements);
  const context = view.context.filter((line) => line.trim() !== '').map(plain);
  const tail = context.length === 0 ? [] : [text(context.join('\n\n'), { isSubtle: true, size: 'Small' })];
  const actions = (view.actions ?? []).slice(0, LIMITS.actions).map(cardAction);
  const fallbackText = cardFallbackText(view);
  const card = (body: CardElement[]): AdaptiveCard => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: LIMITS.version,
    fallbackText,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  });
  const full = card([...head, ...sections.flat(), ...tail]);
  if (JSON.stringify(full).length <= LIMITS.cardJsonChars) return full;
  const note = (left: number) =>
    text(`… and ${left.toLocaleString('en-US')} more parts left out to fit one message`, { isSubtle: true });
  // Sizes add up (plus a comma per element), so the sections that fit are found in one pass.
  let used = JSON.stringify(card([...head, note(sections.length), ...tail])).length;
  let kept = 0;
  for (const section of sections) {
    const size = section.reduce((sum, element) => sum + JSON.stringify(element).length + 1, 0);
    if (used + size > LIMITS.cardJsonChars) break;
    used += size;
    kept += 1;
  }
  return card([...head, ...sections.slice(0, kept).flat(), note(sections.length - kept), ...tail]);
}

/** The plain text that goes with a card: notifications, screen readers and clients without cards. */
export function cardFallbackText(view: MessageView): string {
  const full = renderText(view).replace(SLACK_MENTION, '@$1').trim();
  if (full === '') return 'ai-spend';
  return full.length <= LIMITS.fallbackText ? full : `${full.slice(0, LIMITS.fallbackText - 1)}…`;
}

function sectionElements(section: MessageSection): CardElement[] {
  const elements: CardElement[] = [];
  if (section.title) elements.push(text(plain(section.title), { weight: 'Bolder', spacing: 'Medium' }));
  const facts = [
    ...(section.facts ?? []).map((fact) => ({ title: plain(fact.label), value: plain(fact.value) })),
    ...(section.rows ?? []).map((row) => ({
      title: plain(row.label),
      value: row.share === undefined ? plain(row.value) : `${plain(row.value)} · ${percent(row.share)}`,
    })),
  ].map((fact) => ({ title: cut(fact.title, 200), value: cut(fact.value, 500) }));
  for (let start = 0; start < facts.length; start += LIMITS.facts) {
    elements.push({ type: 'FactSet', facts: facts.slice(start, start + LIMITS.facts) });
  }
  if (section.text) elements.push(text(plain(section.text)));
  if (section.more) {
    elements.push(text(`… and ${section.more.toLocaleString('en-US')} more`, { isSubtle: true }));
  }
  return elements;
}

function cardAction(action: MessageAction): CardAction {
  return {
    type: 'Action.Execute',
    title: cut(plain(action.label), 60),
    verb: action.id,
    data: { value: action.value },
    ...(action.style === 'primary' ? { style: 'positive' as const } : {}),
    ...(action.style === 'danger' ? { style: 'destructive' as const } : {}),
  };
}

function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: cut(value, LIMITS.textBlockChars), wrap: true, ...options };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(Math.abs(share) < 0.1 ? 1 : 0)}%`;
}

function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  let kept = value.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}

const SLACK_MENTION = /<(?:@|!subteam\^)([A-Z0-9]+)>/g;

/** Slack-style emphasis marks mean nothing on a card, and Slack mentions become plain `@id`s. */
function plain(value: string): string {
  return value.replace(/[*`]/g, '').replace(SLACK_MENTION, '@$1');
}

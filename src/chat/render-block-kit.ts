import type { types } from '@slack/bolt';
import type { MessageAction, MessageSection, MessageView } from '../core/views/message-view.js';
import { BLOCK_KIT_LIMITS as LIMITS } from './block-kit-limits.js';
import { renderText, shareBar } from './render-text.js';

/** A Slack message: the blocks, and the plain `text` notifications and screen readers use. */
export interface BlockKitMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Buttons beyond this many are dropped: four actions blocks of 25. */
const MAX_BUTTONS = 4 * LIMITS.actionsElements;
/** The fallback stays well under Slack's advice of about 4,000 characters. */
const FALLBACK_CHARS = 3000;

/**
 * Renders a message as Block Kit: a header, the summary, each section (facts as fields, ranked
 * rows as a list with share bars, "… and N more"), the context lines and the actions as buttons.
 * Every Block Kit limit holds by construction: long text is cut with "…", long lists are split
 * over several blocks, and past 50 blocks the rest is said to be left out.
 */
export function renderBlockKit(view: MessageView): BlockKitMessage {
  const head: types.KnownBlock[] = [];
  const title = plain(view.title).trim();
  if (title !== '') {
    head.push({
      type: 'header',
      text: { type: 'plain_text', text: cut(title, LIMITS.headerText), emoji: true },
    });
  }
  if (view.summary.trim() !== '') head.push(mrkdwnSection(escapeMrkdwn(view.summary)));
  const body = view.sections.flatMap(sectionBlocks);
  const tail = [...contextBlocks(view.context), ...actionsBlocks(view.actions ?? [])];
  return { text: fallbackText(view), blocks: capBlocks(head, body, tail) };
}

/** Escapes the three characters Slack reads as markup in text (`<!channel>` must not ping anyone). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function capBlocks(
  head: types.KnownBlock[],
  body: types.KnownBlock[],
  tail: types.KnownBlock[],
): types.KnownBlock[] {
  const room = LIMITS.messageBlocks - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  const kept = body.slice(0, room - 1);
  const note = mrkdwnSection(`_… and ${body.length - kept.length} more parts left out to fit one message_`);
  return [...head, ...kept, note, ...tail];
}

function sectionBlocks(section: MessageSection): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  let title = section.title ? `*${escapeMrkdwn(plain(section.title))}*` : undefined;
  const facts = section.facts ?? [];
  for (let start = 0; start < facts.length; start += LIMITS.sectionFields) {
    const fields = facts.slice(start, start + LIMITS.sectionFields).map(
      (fact): types.MrkdwnElement => ({
        type: 'mrkdwn',
        text: cut(`*${escapeMrkdwn(plain(fact.label))}*\n${escapeMrkdwn(fact.value)}`, LIMITS.fieldText),
      }),
    );
    blocks.push({
      type: 'section',
      ...(title ? { text: mrkdwn(cut(title, LIMITS.sectionText)) } : {}),
      fields,
    });
    title = undefined;
  }
  const lines = [
    ...(title ? [title] : []),
    ...(section.rows ?? []).map(rowLine),
    ...(section.text ? escapeMrkdwn(section.text).split('\n') : []),
    ...(section.more ? [`_… and ${section.more.toLocaleString('en-US')} more_`] : []),
  ];
  for (const chunk of packLines(lines, LIMITS.sectionText)) blocks.push(mrkdwnSection(chunk));
  return blocks;
}

function rowLine(row: { label: string; value: string; share?: number }): string {
  const label = escapeMrkdwn(row.label);
  const value = escapeMrkdwn(row.value);
  if (row.share === undefined) return `• ${label} — ${value}`;
  return `\`${shareBar(row.share)} ${percent(row.share)}\` ${label} — ${value}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(Math.abs(share) < 0.1 ? 1 : 0)}%`.padStart(5);
}

function contextBlocks(context: readonly string[]): types.KnownBlock[] {
  const lines = context.filter((line) => line.trim() !== '').map(escapeMrkdwn);
  if (lines.length === 0) return [];
  const shown = lines.slice(0, LIMITS.contextElements - 1);
  const rest = lines.slice(shown.length);
  if (rest.length > 0) shown.push(rest.join('\n'));
  return [{ type: 'context', elements: shown.map((line) => mrkdwn(cut(line, LIMITS.contextText))) }];
}

/** Buttons, at most 25 per actions block and never two with the same action_id in one block. */
function actionsBlocks(actions: readonly MessageAction[]): types.ActionsBlock[] {
  const blocks: types.Button[][] = [];
  for (const action of actions.slice(0, MAX_BUTTONS)) {
    const button: types.Button = {
      type: 'button',
      action_id: action.id,
      value: action.value,
      text: { type: 'plain_text', text: cut(plain(action.label), LIMITS.buttonText), emoji: true },
      ...(action.style ? { style: action.style } : {}),
    };
    const home = blocks.find(
      (buttons) =>
        buttons.length < LIMITS.actionsElements && buttons.every((other) => other.action_id !== action.id),
    );
    if (home) home.push(button);
    else blocks.push([button]);
  }
  return blocks.map((elements) => ({ type: 'actions', elements }));
}

function fallbackText(view: MessageView): string {
  const lines = escapeMrkdwn(renderText(view)).split('\n');
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > FALLBACK_CHARS - 2) {
      kept.push(kept.length === 0 ? cut(line, FALLBACK_CHARS) : '…');
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  const text = kept.join('\n').trim();
  return text === '' ? 'ai-spend' : text;
}

/** Groups lines into texts of at most `max` characters; a single longer line is cut. */
function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.map((text) => cut(text, max))) {
    if (current !== '' && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
    }
  }
  if (current.trim() !== '') chunks.push(current);
  return chunks;
}

function mrkdwnSection(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(cut(text, LIMITS.sectionText)) };
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/**
 * Cuts text to `max` characters ending in "…", without splitting a surrogate pair or one of the
 * `&amp;`-style escapes (every `&` left in escaped text starts one).
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  kept = kept.replace(/&[a-z]{0,3}$/, '');
  return `${kept}…`;
}

function plain(text: string): string {
  return text.replace(/[*`]/g, '');
}

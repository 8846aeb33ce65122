import type { types } from '@slack/bolt';

/**
 * Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks), in characters
 * (measured as UTF-16 code units, which is never less than what Slack counts) or items.
 */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  blockId: 255,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  /** Slack truncates beyond 40,000; notifications and screen readers want far less. */
  fallbackText: 4000,
} as const;

/** A message as sent to Slack: the fallback `text` and the blocks. */
export interface SlackMessage {
  text?: string;
  blocks?: ReadonlyArray<types.KnownBlock | types.Block>;
}

/**
 * Every Block Kit limit the message breaks, one line each naming the block ("blocks[3] (section):
 * text is 3,214 chars, over 3,000"); empty when Slack will accept it. `surface: 'view'` checks a
 * Home tab or modal (100 blocks, no fallback text).
 */
export function blockKitProblems(
  message: SlackMessage,
  { surface = 'message' }: { surface?: 'message' | 'view' } = {},
): string[] {
  const problems: string[] = [];
  const blocks = message.blocks ?? [];
  const maxBlocks = surface === 'message' ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
  if (surface === 'message') {
    const text = message.text ?? '';
    if (text.trim() === '') problems.push('text: the fallback text is empty');
    tooLong(problems, 'text', 'the fallback text', text, BLOCK_KIT_LIMITS.fallbackText);
  }
  if (blocks.length > maxBlocks) problems.push(`blocks: ${count(blocks.length)} blocks, over ${maxBlocks}`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${block.type})`;
    if (block.block_id !== undefined) {
      tooLong(problems, where, 'block_id', block.block_id, BLOCK_KIT_LIMITS.blockId);
      if (blockIds.has(block.block_id)) problems.push(`${where}: block_id "${block.block_id}" is repeated`);
      blockIds.add(block.block_id);
    }
    problems.push(...blockProblems(block, where));
  });
  return problems;
}

function blockProblems(block: types.KnownBlock | types.Block, where: string): string[] {
  const problems: string[] = [];
  switch (block.type) {
    case 'header': {
      const { text } = block as types.HeaderBlock;
      if (text?.type !== 'plain_text') problems.push(`${where}: text must be plain_text`);
      requiredText(problems, where, 'text', text?.text, BLOCK_KIT_LIMITS.headerText);
      break;
    }
    case 'section': {
      const { text, fields, accessory } = block as types.SectionBlock;
      if (text === undefined && (fields === undefined || fields.length === 0)) {
        problems.push(`${where}: needs text or fields`);
      }
      if (text !== undefined) requiredText(problems, where, 'text', text.text, BLOCK_KIT_LIMITS.sectionText);
      if (fields !== undefined) {
        if (fields.length > BLOCK_KIT_LIMITS.sectionFields) {
          problems.push(`${where}: ${fields.length} fields, over ${BLOCK_KIT_LIMITS.sectionFields}`);
        }
        fields.forEach((field, i) => {
          requiredText(problems, where, `fields[${i}]`, field.text, BLOCK_KIT_LIMITS.fieldText);
        });
      }
      if (accessory?.type === 'button') problems.push(...buttonProblems(accessory, `${where} accessory`));
      break;
    }
    case 'context': {
      const { elements } = block as types.ContextBlock;
      if (elements.length === 0 || elements.length > BLOCK_KIT_LIMITS.contextElements) {
        problems.push(
          `${where}: ${elements.length} elements, allowed 1 to ${BLOCK_KIT_LIMITS.contextElements}`,
        );
      }
      elements.forEach((element, i) => {
        if (element.type === 'mrkdwn' || element.type === 'plain_text') {
          requiredText(problems, where, `elements[${i}]`, element.text, BLOCK_KIT_LIMITS.contextText);
        }
      });
      break;
    }
    case 'actions': {
      const { elements } = block as types.ActionsBlock;
      if (elements.length === 0 || elements.length > BLOCK_KIT_LIMITS.actionsElements) {
        problems.push(
          `${where}: ${elements.length} elements, allowed 1 to ${BLOCK_KIT_LIMITS.actionsElements}`,
        );
      }
      const actionIds = new Set<string>();
      elements.forEach((element, i) => {
        const at = `${where} elements[${i}]`;
        if (element.action_id !== undefined) {
          if (actionIds.has(element.action_id)) {
            problems.push(`${at}: action_id "${element.action_id}" is repeated in this block`);
          }
          actionIds.add(element.action_id);
        }
        if (element.type === 'button') problems.push(...buttonProblems(element, at));
      });
      break;
    }
    case 'divider':
      break;
    default:
      problems.push(`${where}: block type "${block.type}" is not checked here`);
  }
  return problems;
}

function buttonProblems(button: types.Button, where: string): string[] {
  const problems: string[] = [];
  if (button.text.type !== 'plain_text') problems.push(`${where}: button text must be plain_text`);
  requiredText(problems, where, 'button text', button.text.text, BLOCK_KIT_LIMITS.buttonText);
  if (button.action_id !== undefined) {
    requiredText(problems, where, 'action_id', button.action_id, BLOCK_KIT_LIMITS.actionId);
  }
  if (button.value !== undefined)
    tooLong(problems, where, 'value', button.value, BLOCK_KIT_LIMITS.buttonValue);
  if (button.url !== undefined) tooLong(problems, where, 'url', button.url, BLOCK_KIT_LIMITS.buttonUrl);
  if (button.style !== undefined && button.style !== 'primary' && button.style !== 'danger') {
    problems.push(`${where}: style "${String(button.style)}" is neither primary nor danger`);
  }
  return problems;
}

function requiredText(
  problems: string[],
  where: string,
  what: string,
  text: string | undefined,
  max: number,
): void {
  if (text === undefined || text.length === 0) problems.push(`${where}: ${what} is empty`);
  else tooLong(problems, where, what, text, max);
}

function tooLong(problems: string[], where: string, what: string, text: string, max: number): void {
  if (text.length > max)
    problems.push(`${where}: ${what} is ${count(text.length)} chars, over ${count(max)}`);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

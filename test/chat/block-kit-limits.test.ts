import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { BLOCK_KIT_LIMITS, blockKitProblems } from '../../src/chat/block-kit-limits.js';

const text = (length: number, type: 'mrkdwn' | 'plain_text' = 'mrkdwn') =>
  ({ type, text: 'x'.repeat(length) }) as types.MrkdwnElement;
const button = (overrides: Partial<types.Button> = {}): types.Button => ({
  type: 'button',
  action_id: 'alert.acknowledge',
  value: '42',
  text: { type: 'plain_text', text: 'Acknowledge' },
  ...overrides,
});

describe('blockKitProblems', () => {
  it('finds nothing wrong with a message at every limit exactly', () => {
    const blocks: types.KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
      { type: 'section', text: text(3000), fields: Array.from({ length: 10 }, () => text(2000)) },
      { type: 'context', elements: Array.from({ length: 10 }, () => text(3000)) },
      {
        type: 'actions',
        elements: Array.from({ length: 25 }, (_, i) =>
          button({
            action_id: `a${i}`.padEnd(255, 'x'),
            value: 'v'.repeat(2000),
            text: text(75, 'plain_text') as never,
          }),
        ),
      },
      ...Array.from({ length: 46 }, (): types.KnownBlock => ({ type: 'divider' })),
    ];
    expect(blocks).toHaveLength(BLOCK_KIT_LIMITS.messageBlocks);
    expect(blockKitProblems({ text: 'f'.repeat(4000), blocks })).toEqual([]);
  });

  it('reports every limit a handcrafted message breaks, naming the block', () => {
    const blocks: types.KnownBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      { type: 'header', text: text(10) as unknown as types.PlainTextElement },
      {
        type: 'section',
        block_id: 'b',
        text: text(3001),
        fields: Array.from({ length: 11 }, () => text(2001)),
      },
      { type: 'section', block_id: 'b' },
      { type: 'section', text: text(0) },
      { type: 'context', elements: Array.from({ length: 11 }, () => text(3)) },
      {
        type: 'actions',
        elements: [
          button({ text: { type: 'plain_text', text: 'L'.repeat(76) } }),
          button({ action_id: 'x'.repeat(256), value: 'v'.repeat(2001) }),
          button({ style: 'secondary' as never }),
        ],
      },
      { type: 'actions', elements: [] },
      { type: 'image', image_url: 'https://example.com/chart.png', alt_text: 'chart' },
      ...Array.from({ length: 42 }, (): types.KnownBlock => ({ type: 'divider' })),
    ];
    expect(blockKitProblems({ text: ' ', blocks })).toEqual([
      'text: the fallback text is empty',
      'blocks: 51 blocks, over 50',
      'blocks[0] (header): text is 151 chars, over 150',
      'blocks[1] (header): text must be plain_text',
      'blocks[2] (section): text is 3,001 chars, over 3,000',
      'blocks[2] (section): 11 fields, over 10',
      ...Array.from({ length: 11 }, (_, i) => `blocks[2] (section): fields[${i}] is 2,001 chars, over 2,000`),
      'blocks[3] (section): block_id "b" is repeated',
      'blocks[3] (section): needs text or fields',
      'blocks[4] (section): text is empty',
      'blocks[5] (context): 11 elements, allowed 1 to 10',
      'blocks[6] (actions) elements[0]: button text is 76 chars, over 75',
      'blocks[6] (actions) elements[1]: action_id is 256 chars, over 255',
      'blocks[6] (actions) elements[1]: value is 2,001 chars, over 2,000',
      'blocks[6] (actions) elements[2]: action_id "alert.acknowledge" is repeated in this block',
      'blocks[6] (actions) elements[2]: style "secondary" is neither primary nor danger',
      'blocks[7] (actions): 0 elements, allowed 1 to 25',
      'blocks[8] (image): block type "image" is not checked here',
    ]);
  });

  it('allows 100 blocks and no fallback text on a Home tab view, and reports 101', () => {
    const blocks = Array.from({ length: 100 }, (): types.KnownBlock => ({ type: 'divider' }));
    expect(blockKitProblems({ blocks }, { surface: 'view' })).toEqual([]);
    expect(blockKitProblems({ blocks: [...blocks, { type: 'divider' }] }, { surface: 'view' })).toEqual([
      'blocks: 101 blocks, over 100',
    ]);
  });

  it('reports a fallback text of 4,001 chars', () => {
    expect(blockKitProblems({ text: 'f'.repeat(4001), blocks: [] })).toEqual([
      'text: the fallback text is 4,001 chars, over 4,000',
    ]);
  });
});

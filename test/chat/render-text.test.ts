import { describe, expect, it } from 'vitest';
import { renderText, shareBar } from '../../src/chat/render-text.js';

describe('renderText', () => {
  it('renders facts, ranked rows with bars, "and N more" and the context, without markup', () => {
    const text = renderText({
      title: 'search · 7d · $10.00',
      summary: 'Team *search* spent `$10.00`.',
      sections: [
        { facts: [{ label: 'Total', value: '$10.00' }] },
        {
          title: 'By model',
          rows: [
            { label: 'a', value: '$7.50', share: 0.75 },
            { label: 'bb', value: '$2.50', share: 0.25 },
          ],
          more: 2,
        },
      ],
      context: ['usage through 2026-11-29 13:00 UTC'],
    });
    expect(text.split('\n')).toEqual([
      'search · 7d · $10.00',
      'Team search spent $10.00.',
      '',
      '  Total: $10.00',
      '',
      'By model',
      `  a   $7.50  ${'█'.repeat(15)}${' '.repeat(5)}   75%`,
      `  bb  $2.50  ${'█'.repeat(5)}${' '.repeat(15)}   25%`,
      '  … and 2 more',
      '',
      'usage through 2026-11-29 13:00 UTC',
    ]);
  });

  it.each([
    [0, ''],
    [1, '█'.repeat(20)],
    [0.5 / 20, '▌'],
    [-0.3, ''],
    [1.7, '█'.repeat(20)],
  ])('draws a share of %d as a 20-character bar', (share, bar) => {
    expect(shareBar(share)).toBe(bar.padEnd(20, ' '));
  });
});

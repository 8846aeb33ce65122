import type { MessageView } from '../core/views/message-view.js';

const BAR_WIDTH = 20;

/** Plain text for terminals and chat fallbacks. Markdown-ish marks are dropped. */
export function renderText(view: MessageView): string {
  const lines = [plain(view.title), plain(view.summary)];
  for (const section of view.sections) {
    lines.push('');
    if (section.title) lines.push(plain(section.title));
    for (const fact of section.facts ?? []) lines.push(`  ${fact.label}: ${plain(fact.value)}`);
    const labelWidth = Math.max(0, ...(section.rows ?? []).map((row) => plain(row.label).length));
    const valueWidth = Math.max(0, ...(section.rows ?? []).map((row) => row.value.length));
    for (const row of section.rows ?? []) {
      const bar = row.share === undefined ? '' : `  ${shareBar(row.share)} ${percent(row.share)}`;
      lines.push(`  ${plain(row.label).padEnd(labelWidth)}  ${plain(row.value).padStart(valueWidth)}${bar}`);
    }
    if (section.text)
      lines.push(
        ...plain(section.text)
          .split('\n')
          .map((line) => `  ${line}`),
      );
    if (section.more) lines.push(`  … and ${section.more} more`);
  }
  if (view.context.length > 0) lines.push('', ...view.context.map((line) => plain(line)));
  return lines.join('\n');
}

/** A fixed-width bar for a share in [0, 1] (negative shares, i.e. credits, show empty). */
export function shareBar(share: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, share)) * BAR_WIDTH * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const blocks = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  return `${'█'.repeat(full)}${blocks[partial] ?? ''}`.padEnd(BAR_WIDTH, ' ');
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`.padStart(5);
}

function plain(text: string): string {
  return text.replace(/[*`]/g, '');
}

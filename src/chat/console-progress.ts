import type { CollectProgress } from '../collectors/collector.js';
import { shareBar } from './render-text.js';

/**
 * Progress of long work (backfills) on a terminal: one line per stream, redrawn in place. Prints
 * nothing when the stream is not a TTY, so logs and CI stay clean.
 */
export function createConsoleProgress(stream: NodeJS.WriteStream = process.stderr) {
  const interactive = stream.isTTY === true;
  let lastLabel = '';
  let lastDrawn = 0;
  return {
    collect(progress: CollectProgress): void {
      if (!interactive) return;
      const label = `${progress.source} ${progress.stream}`;
      const share = progress.total > 0 ? progress.done / progress.total : 1;
      const nowMs = performance.now();
      if (label === lastLabel && share < 1 && nowMs - lastDrawn < 100) return;
      if (label !== lastLabel && lastLabel !== '') stream.write('\n');
      lastLabel = label;
      lastDrawn = nowMs;
      stream.write(`\r  ${label.padEnd(18)} ${shareBar(share)} ${Math.round(share * 100)}%`);
    },
    rebuild(progress: { done: number; total: number }): void {
      if (!interactive) return;
      this.collect({
        source: 'rollups' as never,
        stream: 'rebuild',
        done: progress.done,
        total: progress.total,
      });
    },
    finish(): void {
      if (interactive && lastLabel !== '') stream.write('\n');
      lastLabel = '';
    },
  };
}

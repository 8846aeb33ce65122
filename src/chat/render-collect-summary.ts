import type { CollectSummary } from '../jobs/collect.js';

/** What `ai-spend collect` prints: one line per source, and for a failure the setting to fix. */
export function renderCollectSummary(summary: CollectSummary): string[] {
  const lines: string[] = [];
  for (const result of summary.results) {
    const streams = result.streams.map(
      (stream) => `${stream.stream} ${stream.facts} facts in ${stream.pages} pages`,
    );
    if (result.ok) {
      lines.push(`✓ ${result.source}: ${streams.join(', ') || 'nothing new'}`);
    } else {
      lines.push(`✗ ${result.source}: ${result.message} [${result.code}]`);
      if (result.hint) lines.push(`  → ${result.hint}`);
      if (streams.length > 0) lines.push(`  stored before the failure: ${streams.join(', ')}`);
    }
  }
  if (summary.results.length === 0) {
    lines.push(
      'No source is enabled: set ANTHROPIC_ADMIN_API_KEY or OPENAI_ADMIN_KEY, or add sources: to ai-spend.yml.',
    );
  }
  lines.push(`rollups rebuilt for ${summary.rebuiltDays} source-days`);
  return lines;
}

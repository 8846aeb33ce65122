import { describe, expect, it } from 'vitest';
import { noDataRule, staleSources } from '../../../src/core/rules/no-data-rule.js';

const NOW = Date.UTC(2026, 10, 24, 15, 0) / 1000;
const HOUR = 3_600;

describe('noDataRule', () => {
  const sources = [
    { source: 'anthropic', usageThrough: NOW - 2 * HOUR },
    { source: 'openai', usageThrough: NOW - 7 * HOUR },
    { source: 'bedrock', usageThrough: NOW - 30 * HOUR },
    { source: 'vertex', usageThrough: null },
  ];

  it('reports sources silent past 6 h (openai 7 h, bedrock 30 h), not fresh or never-collected ones', () => {
    const candidates = noDataRule({ sources, now: NOW, afterMinutes: 360 });
    expect(
      candidates.map((candidate) => [candidate.fingerprint, candidate.severity, candidate.team]),
    ).toEqual([
      ['no_data|openai', 'warning', 'unallocated'],
      ['no_data|bedrock', 'critical', 'unallocated'],
    ]);
    expect(candidates[0]?.title).toBe('openai has reported no usage for 7 h');
    expect(candidates[0]?.summary).toContain('through 2026-11-24 08:00 UTC');
    expect(candidates[0]?.summary).toContain('unknown (not $0)');
    expect(candidates[0]?.view?.next).toContain('ai-spend collect --source openai');
  });

  it('draws the line at exactly the threshold: 360 min silent is still fine, 361 is not', () => {
    const at = (minutes: number) =>
      staleSources([{ source: 'openai', usageThrough: NOW - minutes * 60 }], NOW, 360);
    expect(at(360)).toEqual([]);
    expect(at(361)).toEqual([{ source: 'openai', usageThrough: NOW - 361 * 60 }]);
  });
});

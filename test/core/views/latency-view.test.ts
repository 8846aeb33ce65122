import { describe, expect, it } from 'vitest';
import { buildLatencyView, latencyMessage, median } from '../../../src/core/views/latency-view.js';

const window = { start: Date.UTC(2026, 10, 23) / 1000, end: Date.UTC(2026, 10, 24) / 1000 };
const baseline = { start: window.start - 7 * 86_400, end: window.start };

describe('latency view', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('puts a TTFT step from 450 to 1,100 ms first, as ×2.44, robust to one outlier', () => {
    const view = buildLatencyView({
      window,
      baseline,
      metricsThrough: window.end,
      inputs: [
        {
          region: 'us-east-1',
          model: 'steady',
          recent: { p50: [400, 410], p90: [800] },
          baseline: { p50: [400], p90: [800] },
          teams: ['search'],
        },
        {
          region: 'us-east-1',
          model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          recent: { p50: [1_100, 1_090, 1_110], p90: [2_400] },
          baseline: { p50: [450, 440, 460, 9_000, 450], p90: [900] },
          teams: ['platform'],
        },
        {
          region: 'us-east-1',
          model: 'non-streaming',
          recent: { p50: [], p90: [] },
          baseline: { p50: [], p90: [] },
          teams: [],
        },
      ],
    });
    expect(view.models.map((row) => row.model)).toEqual([
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'steady',
    ]);
    expect(view.models[0]).toMatchObject({
      p50_ms: 1_100,
      baseline_p50_ms: 450,
      p50_ratio: 2.44,
      p90_ratio: 2.67,
    });
    expect(latencyMessage(view).summary).toBe(
      'Slower than usual: us.anthropic.claude-sonnet-4-5-20250929-v1:0 in us-east-1 (p50 ×2.44).',
    );
  });
});

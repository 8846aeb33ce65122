import { describe, expect, it } from 'vitest';
import { buildLatencyView, findShift, latencyMessage, median } from '../../../src/core/views/latency-view.js';

const DAY = 86_400;
const day0 = Date.UTC(2026, 10, 15) / 1000;
const series = (values: number[]) => values.map((value, index) => ({ day: day0 + index * DAY, value }));

describe('latency view', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('finds the step from ~450 to ~1,100 ms on day 4, not one day early, despite a mixed day and an outlier', () => {
    const shift = findShift(series([450, 440, 9_000, 455, 700, 1_100, 1_090, 1_120, 1_100, 1_095]));
    expect(shift).toMatchObject({ index: 5, before: 455, after: 1_100 });
  });

  it('sees no shift in noise under ×1.5', () => {
    expect(findShift(series([450, 520, 430, 600, 480, 500, 440, 560]))).toBeUndefined();
  });

  it('reports the shift, the baseline before it and the last 24 h, shifted models first', () => {
    const period = { label: '14d', start: day0, end: day0 + 10 * DAY };
    const steady = series([400, 410, 405, 400, 395, 400, 410, 400, 405, 400]);
    const stepped = series([450, 445, 460, 455, 450, 1_100, 1_090, 1_110, 1_105, 1_100]);
    const view = buildLatencyView({
      period,
      metricsThrough: period.end,
      inputs: [
        {
          region: 'us-east-1',
          model: 'steady',
          days: steady.map(({ day, value }) => ({ day, p50: value, p90: value * 2 })),
          recent: { p50: [400], p90: [800] },
          teams: ['search'],
        },
        {
          region: 'us-east-1',
          model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
          days: stepped.map(({ day, value }) => ({ day, p50: value, p90: value * 2 })),
          recent: { p50: [1_100, 1_090, 1_110], p90: [2_400] },
          teams: ['platform'],
        },
        { region: 'us-east-1', model: 'non-streaming', days: [], recent: { p50: [], p90: [] }, teams: [] },
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
      shift: { at: '2026-11-20', from_ms: 450, to_ms: 1_100, ratio: 2.44 },
    });
    expect(view.models[1]?.shift).toBeUndefined();
    expect(latencyMessage(view).summary).toBe(
      'Shifted: us.anthropic.claude-sonnet-4-5-20250929-v1:0 in us-east-1 on 2026-11-20 (p50 450 ms → 1,100 ms, ×2.44).',
    );
  });
});

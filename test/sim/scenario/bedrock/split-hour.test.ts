import { describe, expect, it } from 'vitest';
import { burstMinuteShare, splitInteger } from '../../../../src/sim/scenario/bedrock/split-hour.js';

describe('splitInteger', () => {
  it.each([
    [10, [1, 1, 1], [4, 3, 3]],
    [7, [2, 1, 0, 1], [3, 2, 0, 2]],
    [1, [1, 3, 1], [0, 1, 0]],
    [0, [1, 2], [0, 0]],
    [5, [0, 0], [3, 2]],
  ])('splits %i by %j into %j', (total, weights, parts) => {
    expect(splitInteger(total, weights)).toEqual(parts);
  });

  it('sums exactly to 123,456,789 over 60 uneven weights and gives zero weights nothing', () => {
    const weights = Array.from({ length: 60 }, (_, i) => (i % 7 === 0 ? 0 : 1 + ((i * 37) % 11) / 10));
    const parts = splitInteger(123_456_789, weights);
    expect(parts.reduce((sum, n) => sum + n, 0)).toBe(123_456_789);
    expect(parts.filter((_, i) => i % 7 === 0).every((n) => n === 0)).toBe(true);
    expect(parts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
  });
});

describe('burstMinuteShare', () => {
  it('puts about 3.3% of a bursty hour in each of its 6 burst minutes (2.2 ordinary minutes)', () => {
    expect(burstMinuteShare()).toBeCloseTo(2.2 / 67.2, 10);
  });
});

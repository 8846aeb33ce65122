import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../../src/core/digest/nice-ticks.js';

describe('niceTicks', () => {
  it.each([
    [0, 5_010, [0, 2_000, 4_000, 6_000]],
    [0, 4_900, [0, 1_000, 2_000, 3_000, 4_000, 5_000]],
    [0, 0.7, [0, 0.2, 0.4, 0.6, 0.8]],
    [0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-25, 1_200, [-250, 0, 250, 500, 750, 1_000, 1_250]],
    [0, 120, [0, 25, 50, 75, 100, 125]],
  ])('covers [%d, %d] with %j', (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });
});

import { describe, expect, it } from 'vitest';
import { allocateProportionally } from '../../src/core/allocate-proportionally.js';

describe('allocateProportionally', () => {
  it('splits 100 µ$ over 1:1:1 as 34/33/33, earlier index first on ties', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('splits a -1,000,001 µ$ credit 1:3 keeping the sign and the exact sum', () => {
    const parts = allocateProportionally(-1_000_001, [1, 3]);
    expect(parts).toEqual([-250_000, -750_001]);
  });

  it('splits evenly when every weight is zero', () => {
    expect(allocateProportionally(10, [0, 0, 0])).toEqual([4, 3, 3]);
  });

  it('gives a zero-weight row nothing', () => {
    expect(allocateProportionally(999, [0, 5, 0])).toEqual([0, 999, 0]);
  });

  it('stays exact for $9 billion over weights above 2^53', () => {
    const amount = 9_000_000_000_000_000;
    const parts = allocateProportionally(amount, [2 ** 53, 2 ** 53 + 2, 3]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
  });

  it.each([
    [7, [3, 5, 11, 13]],
    [1_000_003, [1, 2, 3, 4, 5, 6, 7]],
    [1, [10, 10]],
    [0, [1, 2]],
  ])('parts of %i always add up exactly', (amount, weights) => {
    const parts = allocateProportionally(amount, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
    expect(parts.every((part) => Number.isInteger(part))).toBe(true);
  });
});

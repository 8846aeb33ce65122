import { describe, expect, it } from 'vitest';
import { microsToCents } from '../../../src/sim/anthropic/micros-to-cents.js';

describe('microsToCents', () => {
  it.each([
    [12_345_678, '1234.5678'],
    [12_345_600, '1234.56'],
    [2_500_000, '250'],
    [1, '0.0001'],
    [-1, '-0.0001'],
    [0, '0'],
    [-2_500_000, '-250'],
    [1_234_567_890_123_400, '123456789012.34'],
  ])('renders %i micro-dollars as %s cents', (amount, cents) => {
    expect(microsToCents(amount)).toBe(cents);
  });

  it('refuses 1.5 micro-dollars', () => {
    expect(() => microsToCents(1.5)).toThrow(RangeError);
  });
});

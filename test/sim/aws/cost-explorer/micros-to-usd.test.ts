import { describe, expect, it } from 'vitest';
import { microsToUsd } from '../../../../src/sim/aws/cost-explorer/micros-to-usd.js';

describe('microsToUsd', () => {
  it.each([
    [12_345_678, '12.345678'],
    [1_500_000, '1.5'],
    [1, '0.000001'],
    [0, '0'],
    [-250_000, '-0.25'],
    [9_007_199_254_740_991, '9007199254.740991'],
  ])('renders %i micro-dollars as "%s"', (micros, text) => {
    expect(microsToUsd(micros)).toBe(text);
  });
});

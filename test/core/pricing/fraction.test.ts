import { describe, expect, it } from 'vitest';
import {
  fractionAfterPercentOff,
  fractionFromDecimal,
  multiplyFractions,
} from '../../../src/core/pricing/fraction.js';

describe('fractionFromDecimal', () => {
  it.each([
    ['2', 2n, 1n],
    ['1.1', 11n, 10n],
    ['0.5', 1n, 2n],
    ['1.80', 9n, 5n],
    ['.25', 1n, 4n],
    ['0', 0n, 1n],
  ])('reads %j as %i/%i', (text, numerator, denominator) => {
    expect(fractionFromDecimal(text)).toEqual({ numerator, denominator });
  });

  it.each(['', '.', '-1', '1e3', 'abc', '1,5'])('refuses %j', (text) => {
    expect(fractionFromDecimal(text)).toBeNull();
  });
});

describe('fractionAfterPercentOff', () => {
  it.each([
    ['10', 9n, 10n],
    ['12', 22n, 25n],
    ['12.5', 7n, 8n],
    ['0', 1n, 1n],
    ['100', 0n, 1n],
  ])('turns %j%% off into %i/%i', (percent, numerator, denominator) => {
    expect(fractionAfterPercentOff(percent)).toEqual({ numerator, denominator });
  });

  it('refuses 100.5% off', () => {
    expect(fractionAfterPercentOff('100.5')).toBeNull();
  });
});

describe('multiplyFractions', () => {
  it('multiplies batch 1/2 by 10% off 9/10 into 9/20', () => {
    expect(
      multiplyFractions({ numerator: 1n, denominator: 2n }, { numerator: 9n, denominator: 10n }),
    ).toEqual({
      numerator: 9n,
      denominator: 20n,
    });
  });
});

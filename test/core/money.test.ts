import { describe, expect, it } from 'vitest';
import { formatUsd, parseDecimalMicros, usdNumberToMicros } from '../../src/core/money.js';

describe('parseDecimalMicros', () => {
  it.each([
    ['1234.56', 'cents', 12_345_600],
    ['0.0001', 'cents', 1],
    ['0.00005', 'cents', 0],
    ['0.00015', 'cents', 2],
    ['-250', 'cents', -2_500_000],
    ['0.123456789', 'cents', 1_235],
    ['123456789012.34', 'cents', 1_234_567_890_123_400],
    ['12.34', 'usd', 12_340_000],
    ['0.0000005', 'usd', 0],
    ['0.0000015', 'usd', 2],
    ['-5.5', 'usd', -5_500_000],
    ['1e-6', 'usd', 1],
    ['1.5E3', 'usd', 1_500_000_000],
    ['  7 ', 'usd', 7_000_000],
    ['.5', 'usd', 500_000],
    ['5.', 'usd', 5_000_000],
    ['+3', 'usd', 3_000_000],
    ['000123.450', 'usd', 123_450_000],
  ] as const)('%s %s → %i µ$', (text, unit, expected) => {
    expect(parseDecimalMicros(text, unit)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', '1,5', '$3', 'NaN', '.', '-'])('rejects %j with input_invalid', (text) => {
    expect(() => parseDecimalMicros(text)).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });

  it('rejects an amount past the exact safe-integer range', () => {
    expect(() => parseDecimalMicros('99999999999999999999', 'cents')).toThrow(/too large/);
  });
});

describe('usdNumberToMicros', () => {
  it.each([
    [12.34, 12_340_000],
    [0.000001, 1],
    [1e-7, 0],
    [-5.5, -5_500_000],
    [123456789.123456, 123_456_789_123_456],
    [0.1 + 0.2, 300_000],
    [0, 0],
  ])('%d dollars → %i µ$', (value, expected) => {
    expect(usdNumberToMicros(value)).toBe(expected);
  });

  it('rejects Infinity', () => {
    expect(() => usdNumberToMicros(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [12_345_600, '$12.35'],
    [1_234_567_890_000, '$1,234,567.89'],
    [4_999, '<$0.01'],
    [-2_500_000, '-$2.50'],
  ])('%i µ$ reads %s', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });
});

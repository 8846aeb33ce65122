import { describe, expect, it } from 'vitest';
import { decimalSchema } from '../../src/config/decimal-schema.js';

describe('decimalSchema', () => {
  it.each([
    [25000, '25000'],
    ['0.125', '0.125'],
    [0.1, '0.1'],
    ['12500.50', '12500.50'],
    [0, '0'],
  ])('turns %j into the decimal string %j', (input, expected) => {
    expect(decimalSchema().parse(input)).toBe(expected);
  });

  it.each([
    ['-1', 'expected a non-negative decimal such as "25000" or "0.125", got "-1"'],
    [-1, 'expected a non-negative decimal, got -1'],
    ['1e3', 'expected a non-negative decimal such as "25000" or "0.125", got "1e3"'],
    [1e-7, 'expected a plain decimal, got 1e-7; write it as a string such as "0.0000001"'],
    [true, 'expected a decimal amount (a number or a string such as "25000" or "0.125"), got boolean true'],
  ])('rejects %j', (input, message) => {
    const result = decimalSchema().safeParse(input);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('bounds percentages at 100 inclusive', () => {
    expect(decimalSchema({ max: 100 }).parse('100')).toBe('100');
    expect(decimalSchema({ max: 100 }).safeParse('100.01').error?.issues[0]?.message).toBe(
      'expected at most 100, got "100.01"',
    );
  });
});

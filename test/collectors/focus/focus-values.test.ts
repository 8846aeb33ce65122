import { describe, expect, it } from 'vitest';
import { cellText, DecimalSum, parseFocusTime } from '../../../src/collectors/focus/focus-values.js';

const MAY_1 = Date.UTC(2025, 4, 1) / 1000;

describe('parseFocusTime', () => {
  it.each([
    ['2025-05-01T00:00:00Z', MAY_1],
    ['2025-05-01T00:00:00.000Z', MAY_1],
    ['2025-05-01 00:00:00', MAY_1],
    ['2025-05-01', MAY_1],
    ['2025-05-01T02:00:00+02:00', MAY_1],
    ['2025-04-30T19:30:00-04:30', MAY_1],
    ['2024-09-18 22:00:00', Date.UTC(2024, 8, 18, 22) / 1000],
  ])('reads %s as UTC epoch %i', (text, expected) => {
    expect(parseFocusTime(text)).toBe(expected);
  });

  it.each([
    '2025-05-32T00:00:00Z',
    '2025-02-30',
    '2025-13-01',
    'yesterday',
    '1714521600',
    '2025-05-01T25:00:00Z',
  ])('refuses %s', (text) => {
    expect(parseFocusTime(text)).toBeUndefined();
  });
});

describe('cellText', () => {
  it.each([
    ['', undefined],
    ['NULL', undefined],
    ['  acct-1 ', 'acct-1'],
    [undefined, undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(cellText(text)).toBe(expected);
  });
});

describe('DecimalSum', () => {
  it('adds ten 0.0000001 rows to exactly 1 micro-dollar, where rounding each row would give 0', () => {
    const sum = new DecimalSum();
    for (let row = 0; row < 10; row += 1) sum.add('0.0000001');
    expect(sum.toString()).toBe('0.0000010');
    expect(sum.micros()).toBe(1);
  });

  it('adds 0.0000001 and 12345.678901 to 12345.6789011, i.e. 12,345,678,901 micro-dollars', () => {
    const sum = new DecimalSum();
    sum.add('0.0000001');
    sum.add('12345.678901');
    expect(sum.toString()).toBe('12345.6789011');
    expect(sum.micros()).toBe(12_345_678_901);
  });

  it.each([
    [['0.0000005'], 0],
    [['0.0000015'], 2],
    [['-0.0000025'], -2],
    [['1.5E-5'], 15],
    [['-0.14900000000', '0.005'], -144_000],
    [['+3', '-0.5', '2e2'], 202_500_000],
  ])('rounds the exact sum of %j half to even: %i micro-dollars', (amounts, expected) => {
    const sum = new DecimalSum();
    for (const amount of amounts) sum.add(amount);
    expect(sum.micros()).toBe(expected);
  });
});

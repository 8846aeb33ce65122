import { describe, expect, it } from 'vitest';
import { cronProblem, isTimeZone, scheduleSchema } from '../../src/config/schedule-schema.js';

describe('cronProblem', () => {
  it.each([
    '*/5 * * * *',
    '0 9 * * MON',
    '0 9 * * mon-fri',
    '30 */2 1,15 JAN-JUN *',
    '*/30 * * * * *',
    '0 0 1 * sunday',
  ])('accepts %j', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each([
    [
      '*/5 * * *',
      'expected a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first), got 4 in "*/5 * * *"',
    ],
    [
      '0 0 0 0 0 0 0',
      'expected a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first), got 7 in "0 0 0 0 0 0 0"',
    ],
    [
      '',
      'expected a cron expression with 5 fields (minute hour day month weekday) or 6 (seconds first), got 0 in ""',
    ],
    ['0 9 * * MON;', 'cron field "MON;" may only contain digits, names, "*", ",", "-" and "/"'],
    ['0 9 * * FUNDAY', 'cron field "FUNDAY": "FUNDAY" is not a month or weekday name (JAN..DEC, SUN..SAT)'],
  ])('rejects %j', (expression, problem) => {
    expect(cronProblem(expression)).toBe(problem);
  });
});

describe('isTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/Los_Angeles', true],
    ['Mars/Olympus', false],
    ['GMT+25', false],
  ])('%s → %s', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });
});

describe('scheduleSchema', () => {
  it('fills "*/5 * * * *", "0 9 * * MON" and UTC', () => {
    expect(scheduleSchema.parse({})).toEqual({
      collect: '*/5 * * * *',
      digest: '0 9 * * MON',
      timezone: 'UTC',
    });
  });
});

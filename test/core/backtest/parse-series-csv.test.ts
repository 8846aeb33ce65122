import { describe, expect, it } from 'vitest';
import { parseSeriesCsv, parseTimestamp } from '../../../src/core/backtest/parse-series-csv.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('parseSeriesCsv', () => {
  it('reads ISO 8601 and YYYY-MM-DD HH:MM:SS timestamps as UTC, irregularly spaced, sorted by time', () => {
    const { points, problems } = parseSeriesCsv(
      [
        'timestamp,value',
        '2026-11-24 10:07:00,12.5',
        '2026-11-24T10:00:00Z,10',
        '2026-11-24T10:01:30,11',
        '2026-11-24T11:00:00+01:00,9',
        '2026-11-24T12:45:00.000Z,1e2',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    // 11:00+01:00 is 10:00 UTC again: the later line wins.
    expect(points).toEqual([
      { at: at('2026-11-24T10:00:00Z'), value: 9 },
      { at: at('2026-11-24T10:01:30Z'), value: 11 },
      { at: at('2026-11-24T10:07:00Z'), value: 12.5 },
      { at: at('2026-11-24T12:45:00Z'), value: 100 },
    ]);
  });

  it('reports malformed lines by number and uses the other 2 (CRLF, blank lines, quotes)', () => {
    const { points, problems } = parseSeriesCsv(
      [
        'timestamp,value',
        '2026-11-24 10:00:00,1',
        'not a line',
        '',
        '2026-02-30 10:00:00,2',
        '2026-11-24 10:05:00,abc',
        '2026-11-24 10:10:00,3,4',
        '"2026-11-24 10:15:00","4"',
        '24/11/2026 10:20,5',
      ].join('\r\n'),
    );
    expect(points.map((point) => point.value)).toEqual([1, 4]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 5, 6, 7, 9]);
    expect(problems[0]?.message).toContain('2 fields');
    expect(problems[1]?.message).toContain('not a timestamp');
    expect(problems[2]?.message).toContain('"abc" is not a number');
  });

  it('says on line 1 when the header is not timestamp,value, and still reads the rows', () => {
    const { points, problems } = parseSeriesCsv('time,spend\n2026-11-24 10:00:00,7\n');
    expect(problems).toEqual([
      { line: 1, message: 'expected the header "timestamp,value", found "time,spend"' },
    ]);
    expect(points).toEqual([{ at: at('2026-11-24T10:00:00Z'), value: 7 }]);
  });

  it('keeps the last value of a repeated timestamp', () => {
    const { points } = parseSeriesCsv('timestamp,value\n2026-11-24 10:00:00,1\n2026-11-24T10:00:00Z,2\n');
    expect(points).toEqual([{ at: at('2026-11-24T10:00:00Z'), value: 2 }]);
  });

  it.each([
    ['2026-11-24T10:00Z', at('2026-11-24T10:00:00Z')],
    ['2026-11-24T10:00:00-0500', at('2026-11-24T15:00:00Z')],
    ['2026-11-24 23:59:59', at('2026-11-24T23:59:59Z')],
    ['2026-11-24 24:00:00', undefined],
    ['2026-11-31T00:00:00Z', undefined],
    ['2026-11-24', undefined],
    ['1764000000', undefined],
  ])('parses %s as %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { readMetricRecords } from '../../src/chat/read-metric-records.js';

describe('readMetricRecords', () => {
  it('reads 2 CSV rows by header name, in any column order, numbering rows from 1', () => {
    const csv =
      'day,team,unit,value,feature\n2026-11-27,support,tickets,80,bot\n\n2026-11-28,support,tickets,90,bot\n';
    expect(readMetricRecords(csv)).toEqual({
      records: [
        {
          row: 1,
          record: { day: '2026-11-27', team: 'support', unit: 'tickets', value: '80', feature: 'bot' },
        },
        {
          row: 2,
          record: { day: '2026-11-28', team: 'support', unit: 'tickets', value: '90', feature: 'bot' },
        },
      ],
    });
  });

  it('reads JSON as an array or as { rows: [...] }', () => {
    const rows = [{ team: 'a' }, { team: 'b' }];
    expect(readMetricRecords(JSON.stringify(rows))).toEqual(
      readMetricRecords(JSON.stringify({ rows }), 'json'),
    );
    expect(readMetricRecords(JSON.stringify(rows))).toEqual({
      records: [
        { row: 1, record: { team: 'a' } },
        { row: 2, record: { team: 'b' } },
      ],
    });
  });

  it.each([
    ['', undefined, 'no rows: the input is empty'],
    ['team,day\nsupport,2026-11-28', undefined, 'the CSV header lacks unit, value'],
    ['{"team": 1', 'json', 'not valid JSON'],
    ['{"team": 1}', 'json', 'JSON must be an array of rows'],
    ['team,unit,day,value\n"open', 'csv', 'not valid CSV'],
  ] as const)('explains unreadable input %j', (text, format, error) => {
    const read = readMetricRecords(text, format);
    expect('error' in read ? read.error : '').toContain(error);
  });
});

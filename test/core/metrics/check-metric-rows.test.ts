import { describe, expect, it } from 'vitest';
import { checkMetricRows } from '../../../src/core/metrics/check-metric-rows.js';

const NOW = Date.UTC(2026, 10, 29, 12) / 1000;
const NOV_28 = Date.UTC(2026, 10, 28) / 1000;
const knownTeams = ['search', 'support'];
const check = (...records: unknown[]) =>
  checkMetricRows(
    records.map((record, index) => ({ row: index + 1, record })),
    { knownTeams, now: NOW },
  );
const row = {
  team: 'support',
  feature: 'support-bot',
  unit: 'tickets_resolved',
  day: '2026-11-28',
  value: 120,
};

describe('checkMetricRows', () => {
  it('accepts a row of 120 tickets on 2026-11-28 as that UTC midnight', () => {
    expect(check(row)).toEqual({
      accepted: [
        { team: 'support', feature: 'support-bot', unit: 'tickets_resolved', day: NOV_28, value: 120 },
      ],
      rejected: [],
    });
  });

  it.each([
    [
      { ...row, team: 'suport' },
      'unknown team "suport"; did you mean "support"? (teams come from ai-spend.yml)',
    ],
    [{ ...row, team: 'marketing' }, 'unknown team "marketing" (teams come from ai-spend.yml)'],
    [{ ...row, value: -3 }, 'value -3 is negative'],
    [{ ...row, value: '-3' }, 'value -3 is negative'],
    [{ ...row, value: 1.5 }, 'value 1.5 is not a whole number of units'],
    [{ ...row, value: 'many' }, 'value many is not a whole number of units'],
    [{ ...row, day: '2026-02-30' }, 'day "2026-02-30" is not a date as YYYY-MM-DD (UTC)'],
    [{ ...row, day: '28/11/2026' }, 'day "28/11/2026" is not a date as YYYY-MM-DD (UTC)'],
    [{ ...row, day: '2026-11-30' }, 'day 2026-11-30 is in the future'],
    [
      { ...row, unit: 'tickets resolved' },
      'unit "tickets resolved" is not a slug such as tickets_resolved (a-z, 0-9, _ . -)',
    ],
    [{ team: 'support', day: '2026-11-28' }, 'missing unit, value'],
    [[1, 2], 'not an object with team, feature, unit, day and value'],
  ])('rejects %j: %s', (record, reason) => {
    expect(check(record)).toEqual({ accepted: [], rejected: [{ row: 1, reason }] });
  });

  it('accepts the 2 good rows of 3 and names row 2 as the bad one', () => {
    const result = check(row, { ...row, value: -1 }, { ...row, day: '2026-11-27', value: '80' });
    expect(result.accepted.map((entry) => entry.value)).toEqual([120, 80]);
    expect(result.rejected).toEqual([{ row: 2, reason: 'value -1 is negative' }]);
  });

  it('treats an empty or missing feature as the team-level feature *', () => {
    const result = check({ ...row, feature: '' }, { ...row, feature: undefined, day: '2026-11-27' });
    expect(result.accepted.map((entry) => entry.feature)).toEqual(['*', '*']);
  });

  it('keeps the later of 2 rows for the same team, feature, unit and day (150, not 120)', () => {
    expect(check(row, { ...row, value: 150 }).accepted).toEqual([{ ...check(row).accepted[0], value: 150 }]);
  });

  it('lowercases the team and unit: SUPPORT / Tickets_Resolved', () => {
    const [accepted] = check({ ...row, team: 'SUPPORT', unit: 'Tickets_Resolved' }).accepted;
    expect([accepted?.team, accepted?.unit]).toEqual(['support', 'tickets_resolved']);
  });
});

import { describe, expect, it } from 'vitest';
import { budgetStatus } from '../../../src/core/digest/budget-status.js';

const DAY = 86_400;
const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const DEC_1 = Date.UTC(2026, 11, 1) / 1000;
const usd = (dollars: number) => dollars * 1e6;

describe('budgetStatus', () => {
  it.each([
    // 14 of 30 days gone: projection = month to date + 16 days at this week's daily rate.
    { spent: 4_000, week: 2_100, budget: 10_000, projected: 8_800, status: 'on_track' },
    { spent: 4_000, week: 3_500, budget: 10_000, projected: 12_000, status: 'at_risk' },
    { spent: 10_500, week: 3_500, budget: 10_000, projected: 18_500, status: 'over' },
    { spent: 4_000, week: 2_625, budget: 10_000, projected: 10_000, status: 'on_track' },
    { spent: 0, week: 0, budget: 10_000, projected: 0, status: 'on_track' },
  ])(
    '$spent USD spent by Nov 14, $week USD this week, budget $budget USD: projected $projected USD, $status',
    ({ spent, week, budget, projected, status }) => {
      const result = budgetStatus({
        team: 'search',
        budgetMicros: usd(budget),
        monthToDateMicros: usd(spent),
        weekMicros: usd(week),
        monthStart: NOV_1,
        monthEnd: DEC_1,
        asOf: NOV_1 + 14 * DAY,
      });
      expect(result).toEqual({
        team: 'search',
        month: '2026-11',
        budget_micros: usd(budget),
        month_to_date_micros: usd(spent),
        through: '2026-11-14',
        projected_micros: usd(projected),
        days_elapsed: 14,
        days_in_month: 30,
        status,
      });
    },
  );

  it('at the month end the projection is what was spent: $9,999 of $10,000 is on track', () => {
    const result = budgetStatus({
      team: 'search',
      budgetMicros: usd(10_000),
      monthToDateMicros: usd(9_999),
      weekMicros: usd(7_000),
      monthStart: NOV_1,
      monthEnd: DEC_1,
      asOf: DEC_1,
    });
    expect(result).toMatchObject({ projected_micros: usd(9_999), through: '2026-11-30', status: 'on_track' });
  });
});

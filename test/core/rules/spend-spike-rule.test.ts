import { describe, expect, it } from 'vitest';
import { spendSpikeRule } from '../../../src/core/rules/spend-spike-rule.js';

const DAY = 86_400;
/** Wednesday 2026-11-25 10:00 UTC: the latest complete day is Tuesday 2026-11-24. */
const TODAY = Date.UTC(2026, 10, 25, 10, 0) / 1000;
const TUESDAY = Date.UTC(2026, 10, 24) / 1000;
const USD = 1_000_000;
const RULE = { today: TODAY, minMicros: 50 * USD, minRatio: 1.5 };

/** `days` days of spend for `team` ending with the latest complete day, from `dollarsOn(day)`. */
function history(team: string, days: number, dollarsOn: (day: number) => number) {
  return Array.from({ length: days }, (_, index) => {
    const day = TUESDAY - (days - 1 - index) * DAY;
    return { team, day, micros: Math.round(dollarsOn(day) * USD) };
  });
}

/** $500 on Tuesdays, $100 on other days, `latest` dollars on the latest Tuesday. */
const weekly = (team: string, latest: number) =>
  history(team, 29, (day) => (day === TUESDAY ? latest : (day - TUESDAY) % (7 * DAY) === 0 ? 500 : 100));

describe('spendSpikeRule ($50 and 1.5× both required)', () => {
  it('flags a team whose Tuesday is 2.4× the median of its last 4 Tuesdays', () => {
    const [candidate, ...rest] = spendSpikeRule({ days: weekly('search', 1_200), ...RULE });
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: 'spend_spike|search|2026-11-24',
      rule: 'spend_spike',
      team: 'search',
      severity: 'warning',
      title: 'search spent 2.4× its usual on Tuesday 2026-11-24',
      observedAt: TUESDAY,
      details: {
        day: '2026-11-24',
        spendMicros: 1_200 * USD,
        baselineMicros: 500 * USD,
        baselineBasis: 'same_weekday',
        increaseMicros: 700 * USD,
        ratio: 2.4,
      },
    });
    expect(candidate?.summary).toBe(
      'Team search spent $1,200.00 on Tuesday 2026-11-24, $700.00 more than its usual $500.00 (the median of the 4 Tuesdays before).',
    );
  });

  it('knows Tuesdays are busy: $600 against Tuesdays of $500 is no spike, though 6× the other days', () => {
    expect(spendSpikeRule({ days: weekly('search', 600), ...RULE })).toEqual([]);
  });

  it.each([
    ['4× but only $30 more', 10, 40],
    ['$2,000 more but only 1.2×', 10_000, 12_000],
  ])('needs both thresholds: %s is no spike', (_, usual, latest) => {
    const days = history('data', 29, (day) => (day === TUESDAY ? latest : usual));
    expect(spendSpikeRule({ days, ...RULE })).toEqual([]);
  });

  it('flags exactly at the thresholds: $100 → $150 is $50 and 1.5×', () => {
    const days = history('data', 29, (day) => (day === TUESDAY ? 150 : 100));
    expect(spendSpikeRule({ days, ...RULE }).map((candidate) => candidate.fingerprint)).toEqual([
      'spend_spike|data|2026-11-24',
    ]);
  });

  it('falls back to the median of the previous 7 days with fewer than 4 weeks of history', () => {
    const days = history('mobile', 10, (day) => (day === TUESDAY ? 400 : 100));
    const [candidate] = spendSpikeRule({ days, ...RULE });
    expect(candidate?.details).toMatchObject({
      baselineBasis: 'previous_days',
      baselineMicros: 100 * USD,
      ratio: 4,
    });
  });

  it('counts days missing inside the history as $0, so a team that starts spending spikes', () => {
    const days = [
      ...history('growth', 29, () => 0).filter((entry) => entry.day !== TUESDAY),
      { team: 'growth', day: TUESDAY, micros: 80 * USD },
    ].filter((entry) => entry.micros > 0);
    const started = [...weekly('search', 500), ...days];
    const [candidate] = spendSpikeRule({ days: started, ...RULE });
    expect(candidate).toMatchObject({ team: 'growth', title: 'growth spent $80.00 on Tuesday 2026-11-24' });
    expect(candidate?.details).not.toHaveProperty('ratio');
  });

  it('raises nothing without 3 known days of history or without the latest day', () => {
    expect(spendSpikeRule({ days: history('data', 3, () => 1_000), ...RULE })).toEqual([]);
    expect(spendSpikeRule({ days: [], ...RULE })).toEqual([]);
    const stale = history('data', 20, () => 100).map((entry) => ({ ...entry, day: entry.day - 3 * DAY }));
    expect(spendSpikeRule({ days: stale, ...RULE })).toEqual([]);
  });
});

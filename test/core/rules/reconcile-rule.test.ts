import { describe, expect, it } from 'vitest';
import { computeDrift, type DriftInput } from '../../../src/core/reconcile/compute-drift.js';
import { isSettled, reconcileRule } from '../../../src/core/rules/reconcile-rule.js';

const DAY = 86_400;
/** 2026-11-24 15:00 UTC. */
const NOW = Date.UTC(2026, 10, 24, 15) / 1000;
const TODAY = NOW - (NOW % DAY);
const thresholds = { minPercent: 5, minMicrosPerDay: 50_000_000 };
const drift = (day: number, billedMicros: number, changes: Partial<DriftInput> = {}) =>
  computeDrift({
    source: 'openai',
    day,
    scope: 'openai|org|proj_search',
    estimatedMicros: 1_000_000_000,
    billedMicros,
    creditMicros: 0,
    final: false,
    totalTokens: 1_000,
    unpricedTokens: 0,
    cacheTokens: 0,
    batchTokens: 0,
    priorityTokens: 0,
    ...changes,
  });

describe('reconcileRule', () => {
  it('raises one alert per provider and scope naming its worst settled day: +$200 on 2026-11-20', () => {
    const candidates = reconcileRule({
      drifts: [
        drift(TODAY - 4 * DAY, 1_200_000_000, { unpricedTokens: 10 }),
        drift(TODAY - 3 * DAY, 1_100_000_000),
        drift(TODAY - 5 * DAY, 1_010_000_000), // within 1%: not counted
      ],
      now: NOW,
      thresholds,
    });
    expect(candidates).toHaveLength(1);
    const [alert] = candidates;
    expect(alert?.fingerprint).toBe('reconcile_drift|openai|openai|org|proj_search');
    expect(alert?.team).toBe('unallocated');
    expect(alert?.title).toBe('openai bill above estimate by $200.00 on 2026-11-20');
    expect(alert?.summary).toContain('Likely cause: an unpriced model');
    expect(alert?.details).toMatchObject({
      driftMicros: 200_000_000,
      driftPercent: 16.7,
      daysOverThreshold: 2,
    });
    expect(alert?.magnitude).toBe(200);
  });

  it('waits for the bill to settle: yesterday (not final, <2 days over) never alerts; a final one does', () => {
    const yesterday = TODAY - DAY;
    expect(isSettled({ day: yesterday, final: false }, NOW)).toBe(false);
    expect(isSettled({ day: TODAY - 3 * DAY, final: false }, NOW)).toBe(true);
    expect(reconcileRule({ drifts: [drift(yesterday, 2_000_000_000)], now: NOW, thresholds })).toEqual([]);
    expect(
      reconcileRule({ drifts: [drift(yesterday, 2_000_000_000, { final: true })], now: NOW, thresholds }),
    ).toHaveLength(1);
  });

  it('keeps firing for 7 days after a drifting day, then stops (day 8 is out)', () => {
    const at = (days: number) =>
      reconcileRule({ drifts: [drift(TODAY - days * DAY, 2_000_000_000)], now: NOW, thresholds });
    expect(at(7)).toHaveLength(1);
    expect(at(8)).toEqual([]);
  });

  it('is critical at 10× the dollar threshold ($500+), else a warning', () => {
    const [big] = reconcileRule({ drifts: [drift(TODAY - 3 * DAY, 1_500_000_000)], now: NOW, thresholds });
    const [small] = reconcileRule({ drifts: [drift(TODAY - 3 * DAY, 1_100_000_000)], now: NOW, thresholds });
    expect([big?.severity, small?.severity]).toEqual(['critical', 'warning']);
  });
});

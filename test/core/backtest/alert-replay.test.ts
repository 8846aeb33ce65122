import { describe, expect, it } from 'vitest';
import type { AlertCandidate } from '../../../src/core/alerts/alert.js';
import { createAlertReplay } from '../../../src/core/backtest/alert-replay.js';
import { mulberry32 } from '../../../src/sim/scenario/rng.js';
import { createAlertStore } from '../../../src/store/alert-store.js';
import { openDatabase } from '../../../src/store/open-database.js';

const candidate = (fingerprint: string, implies?: string[]): AlertCandidate => ({
  fingerprint,
  rule: 'quota',
  team: 'search',
  severity: 'warning',
  title: fingerprint,
  summary: fingerprint,
  details: {},
  observedAt: 0,
  ...(implies ? { implies } : {}),
});

describe('createAlertReplay', () => {
  it('opens and reopens exactly what the alert store does over 400 passes of flapping conditions', () => {
    const random = mulberry32(42);
    const store = createAlertStore(openDatabase({ path: ':memory:' }));
    const replay = createAlertReplay({ resolveAfterMinutes: 15 });
    let raisedByStore = 0;
    for (let pass = 0; pass < 400; pass += 1) {
      const now = 1_800_000_000 + pass * 300;
      const firing: AlertCandidate[] = [];
      if (random() < 0.4) firing.push(candidate('quota|a|80'));
      // 95% implies 80%: while it fires, the 80% alert stays open.
      else if (random() < 0.3) firing.push(candidate('quota|a|95', ['quota|a|80']));
      if (random() < 0.15) firing.push(candidate('quota|b|80'));
      const fromStore = store.record(firing, now, { resolveAfterMinutes: 15, rules: ['quota'] });
      const expected = [...fromStore.opened, ...fromStore.reopened].map((alert) => alert.fingerprint).sort();
      raisedByStore += expected.length;
      expect(
        replay
          .step(firing, now)
          .map((entry) => entry.fingerprint)
          .sort(),
      ).toEqual(expected);
    }
    expect(raisedByStore).toBeGreaterThan(20);
  });

  it('keeps one alert through a 10-minute gap and raises it again after a 25-minute one', () => {
    const replay = createAlertReplay({ resolveAfterMinutes: 15 });
    const quiet = new Set([300, 1_500, 2_100]);
    const raised = [0, 300, 900, 1_200, 1_500, 2_100, 2_700].map(
      (now) => replay.step(quiet.has(now) ? [] : [candidate('x')], now).length,
    );
    // Quiet at 300 (5 min since it fired at 0, less than 15): the same alert. Last fired at 1,200:
    // the quiet pass at 2,100 (15 min later) resolves it, so it fires anew at 2,700.
    expect(raised).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });
});

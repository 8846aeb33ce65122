import { describe, expect, it } from 'vitest';
import type { AlertCandidate } from '../../../src/core/alerts/alert.js';
import { isMateriallyWorse, notified } from '../../../src/core/alerts/material-change.js';
import { sampleAlert } from './sample-alert.js';

const candidate = (overrides: Partial<AlertCandidate>): AlertCandidate => ({
  fingerprint: 'f',
  rule: 'cost_anomaly',
  team: 'search',
  severity: 'warning',
  title: 't',
  summary: 's',
  details: {},
  observedAt: 0,
  ...overrides,
});

describe('isMateriallyWorse', () => {
  const told = sampleAlert({ severity: 'warning', notifiedSeverity: 'warning', notifiedMagnitude: 400 });

  it.each<[string, Partial<AlertCandidate>, boolean]>([
    ['$590 after $400 told: not yet', { magnitude: 590 }, false],
    ['$600 after $400 told: 1.5×, news', { magnitude: 600 }, true],
    ['turning critical at the same size: news', { magnitude: 400, severity: 'critical' }, true],
    ['no magnitude and the same severity: nothing to compare', {}, false],
  ])('%s', (_, overrides, expected) => {
    expect(isMateriallyWorse(told, candidate(overrides))).toBe(expected);
  });

  it('never re-notifies alerts people snoozed or marked expected', () => {
    for (const state of ['snoozed', 'expected'] as const) {
      expect(
        isMateriallyWorse({ ...told, state }, candidate({ magnitude: 10_000, severity: 'critical' })),
      ).toBe(false);
    }
  });

  it('records what was told: the severity, and the magnitude when there is one', () => {
    expect(notified(candidate({ magnitude: 12, severity: 'critical' }))).toEqual({
      notifiedSeverity: 'critical',
      notifiedMagnitude: 12,
    });
    expect(notified(candidate({}))).toEqual({ notifiedSeverity: 'warning' });
  });
});

import type { Alert } from '../../../src/core/alerts/alert.js';

/** 2026-11-24 15:00 UTC, a Tuesday. */
export const OPENED = Date.UTC(2026, 10, 24, 15, 0) / 1000;

/** An open 80% quota alert of team data, opened at `OPENED`. */
export function sampleAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 42,
    fingerprint:
      'quota|us-east-1|Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5|80',
    rule: 'quota',
    team: 'data',
    severity: 'warning',
    state: 'open',
    title: 'Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1',
    summary: 'Peaked at 88% of 2,000,000 tokens per minute in the last 15 min (now 84.5%).',
    details: {
      region: 'us-east-1',
      quota: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
      shortName: 'Claude Haiku 4.5 (cross-region) TPM',
      limit: 2_000_000,
      threshold: 80,
      nowPercent: 84.5,
      nowAt: '2026-11-24T14:59:00Z',
      peakPercent: 88,
      peakAt: '2026-11-24T14:52:00Z',
      teams: [
        { team: 'data', share: 0.7 },
        { team: 'search', share: 0.3 },
      ],
      minutesToExhaustion: 12,
    },
    observedAt: OPENED - 60,
    openedAt: OPENED,
    openSince: OPENED,
    updatedAt: OPENED,
    lastFiringAt: OPENED,
    ...overrides,
  };
}

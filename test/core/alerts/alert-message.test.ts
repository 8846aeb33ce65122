import { describe, expect, it } from 'vitest';
import { alertMentions, alertMessage } from '../../../src/core/alerts/alert-message.js';
import { OPENED, sampleAlert } from './sample-alert.js';

const FRESHNESS = 'signals through 2026-11-24 15:00 UTC';

describe('alertMessage', () => {
  it('says what and how bad, with now, peak, limit, team shares and the time to exhaustion', () => {
    const view = alertMessage(sampleAlert(), { freshness: FRESHNESS });
    expect(view.title).toBe('Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1');
    expect(view.summary).toBe('Peaked at 88% of 2,000,000 tokens per minute in the last 15 min (now 84.5%).');
    expect(view.sections).toEqual([
      {
        facts: [
          { label: 'Now', value: '84.5%' },
          { label: 'Peak', value: '88% at 14:52 UTC' },
          { label: 'Limit', value: '2,000,000 tokens/min' },
          { label: 'Owning team', value: 'data 70%' },
          { label: 'Other teams', value: 'search 30%' },
          { label: 'Runs out in', value: 'about 12 min at this rate' },
        ],
      },
    ]);
    expect(view.context).toEqual([FRESHNESS, 'Open since 15:00 UTC · warning']);
  });

  it('offers Acknowledge (primary), Snooze 24h and Expected, each carrying the alert id', () => {
    expect(alertMessage(sampleAlert(), { freshness: FRESHNESS }).actions).toEqual([
      { id: 'alert.acknowledge', label: 'Acknowledge', value: '42', style: 'primary' },
      { id: 'alert.snooze', label: 'Snooze 24h', value: '42' },
      { id: 'alert.expected', label: 'Expected', value: '42' },
    ]);
  });

  it.each([
    [
      'acknowledged',
      { state: 'acknowledged' as const, acknowledgedBy: 'U123', acknowledgedAt: OPENED + 300 },
      'Acknowledged by <@U123> at 15:05 UTC · warning',
      ['alert.snooze', 'alert.expected'],
    ],
    [
      'snoozed',
      { state: 'snoozed' as const, snoozedUntil: OPENED + 86_400 },
      'Snoozed until 2026-11-25 15:00 UTC · warning',
      ['alert.acknowledge', 'alert.snooze', 'alert.expected'],
    ],
    [
      'expected',
      { state: 'expected' as const, expectedReason: 'load test', expectedBy: 'U0BOB' },
      'Expected: load test (<@U0BOB>) · warning',
      ['alert.acknowledge', 'alert.snooze'],
    ],
    [
      'resolved',
      { state: 'resolved' as const, resolvedAt: OPENED + 1_200 },
      'Resolved at 15:20 UTC · warning',
      [],
    ],
  ])('a %s alert says so in its context line', (_, overrides, line, actionIds) => {
    const view = alertMessage(sampleAlert(overrides), { freshness: FRESHNESS });
    expect(view.context).toEqual([FRESHNESS, line]);
    expect((view.actions ?? []).map((action) => action.id)).toEqual(actionIds);
  });

  it('has no buttons once resolved', () => {
    const view = alertMessage(sampleAlert({ state: 'resolved', resolvedAt: OPENED }), {
      freshness: FRESHNESS,
    });
    expect(view.actions).toBeUndefined();
  });

  it('uses the shares it is given instead of the stored ones', () => {
    const view = alertMessage(sampleAlert(), {
      freshness: FRESHNESS,
      teamShares: [{ team: 'data', share: 1 }],
    });
    expect(view.sections[0]?.facts).toContainEqual({ label: 'Owning team', value: 'data 100%' });
    expect(view.sections[0]?.facts?.map((fact) => fact.label)).not.toContain('Other teams');
  });

  it('escalates by mentioning the on-call user group after 30 minutes', () => {
    const view = alertMessage(sampleAlert(), {
      freshness: FRESHNESS,
      escalation: { oncall: 'S0DATAONCALL', afterMinutes: 30 },
    });
    expect(view.title).toBe('Escalated: Claude Haiku 4.5 (cross-region) TPM quota past 80% in us-east-1');
    expect(view.summary).toMatch(
      /^<!subteam\^S0DATAONCALL> Nobody has acknowledged this in 30 min\. Peaked at 88%/,
    );
    expect(view.actions).toHaveLength(3);
  });

  it('shows a spend spike as spend, usual and increase', () => {
    const view = alertMessage(
      sampleAlert({
        rule: 'spend_spike',
        title: 'search spent 3.2× its usual on Tuesday 2026-11-24',
        details: {
          day: '2026-11-24',
          spendMicros: 1_600_000_000,
          baselineMicros: 500_000_000,
          baselineBasis: 'same_weekday',
          increaseMicros: 1_100_000_000,
          ratio: 3.2,
        },
      }),
      { freshness: 'daily spend as of 2026-11-25 10:00 UTC' },
    );
    expect(view.sections[0]?.facts).toEqual([
      { label: 'Spend on 2026-11-24', value: '$1,600.00' },
      { label: 'Usual', value: '$500.00 (same weekday, 4 weeks)' },
      { label: 'Increase', value: '$1,100.00 (3.2×)' },
    ]);
  });
});

describe('alertMentions', () => {
  it('names the Slack ids the message mentions on purpose, and nothing that is not an id', () => {
    const alert = sampleAlert({ acknowledgedBy: 'U123', expectedBy: 'cli' });
    expect(alertMentions(alert, { oncall: 'S0DATAONCALL' })).toEqual(['U123', 'S0DATAONCALL']);
    expect(alertMentions(sampleAlert())).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { alertBatchMessage, alertMentions, alertMessage } from '../../../src/core/alerts/alert-message.js';
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

  it("shows a rule's facts, its top 5 contributors and the next step, from its stored view", () => {
    const rows = Array.from({ length: 7 }, (_, index) => ({
      label: `feature f${index}`,
      value: `+$${100 - index}`,
    }));
    const view = alertMessage(
      sampleAlert({
        rule: 'cost_anomaly',
        title: 'search spent 3.2× its usual',
        details: {
          view: {
            facts: [{ label: 'Actual', value: '$1,600.00' }],
            contributors: { title: 'Where it came from', rows },
            next: 'Ask `team search 7d`.',
          },
        },
      }),
      { freshness: 'usage through 2026-11-25 10:00 UTC' },
    );
    expect(view.sections).toEqual([
      { facts: [{ label: 'Actual', value: '$1,600.00' }] },
      { title: 'Where it came from', rows: rows.slice(0, 5) },
      { text: 'Next: Ask `team search 7d`.' },
    ]);
  });

  it('says Worse: when a condition grew since people were told', () => {
    const view = alertMessage(sampleAlert({ title: 'quota past 80%' }), { freshness: 'f', worse: true });
    expect(view.title).toBe('Worse: quota past 80%');
  });
});

describe('alertBatchMessage', () => {
  it('lists several alerts of one team in one message with buttons acting on all of them', () => {
    const alerts = [
      sampleAlert({
        id: 4,
        team: 'search',
        rule: 'cost_anomaly',
        title: 'A',
        summary: 'a.',
        severity: 'critical',
      }),
      sampleAlert({
        id: 7,
        team: 'search',
        rule: 'migration',
        title: 'B',
        summary: 'b.',
        details: { view: { next: 'Look.' } },
      }),
    ];
    const view = alertBatchMessage(alerts, { freshness: 'usage through 10:00 UTC' });
    expect(view.title).toBe('2 new alerts for search');
    expect(view.summary).toBe('2 conditions need a look, 1 critical.');
    expect(view.sections).toEqual([
      { title: '🔴 A', text: 'a.' },
      { title: '🟠 B', text: 'b. Next: Look.' },
    ]);
    expect(view.actions?.map((action) => [action.id, action.value])).toEqual([
      ['alert.acknowledge', '4,7'],
      ['alert.snooze', '4,7'],
    ]);
    expect(view.context).toEqual(['usage through 10:00 UTC', '2 open']);
  });
});

describe('alertMentions', () => {
  it('names the Slack ids the message mentions on purpose, and nothing that is not an id', () => {
    const alert = sampleAlert({ acknowledgedBy: 'U123', expectedBy: 'cli' });
    expect(alertMentions(alert, { oncall: 'S0DATAONCALL' })).toEqual(['U123', 'S0DATAONCALL']);
    expect(alertMentions(sampleAlert())).toEqual([]);
  });
});

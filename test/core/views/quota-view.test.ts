import { describe, expect, it } from 'vitest';
import { buildQuotaView, quotaMessage } from '../../../src/core/views/quota-view.js';

const NOW = Date.UTC(2026, 10, 24, 15, 0) / 1000;
const minute = (offset: number) => NOW - offset * 60;

const quota = {
  region: 'us-east-1',
  name: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
  inferenceType: 'cross_region',
  limit: 2_000_000,
  models: [
    'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    'arn:aws:bedrock:us-east-1:1:application-inference-profile/abc',
  ],
  minutes: [
    { minute: minute(120), used: 1_000_000 },
    { minute: minute(60), used: 1_840_000 },
    { minute: minute(59), used: 1_700_000 },
    { minute: minute(5), used: 1_240_000 },
  ],
  usedByModel: new Map([
    ['arn:aws:bedrock:us-east-1:1:application-inference-profile/abc', 3_000_000],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 1_000_000],
    ['some.other-model', 9_000_000],
  ]),
  owners: new Map([['arn:aws:bedrock:us-east-1:1:application-inference-profile/abc', 'data']]),
  throttles: 3,
};
const period = { label: '7d', start: NOW - 7 * 86_400, end: NOW + 3_600 };

describe('quota view', () => {
  it('reports 62% now, a 92% peak, 2 minutes over 80% and the owning teams 75/25', () => {
    const view = buildQuotaView({
      period,
      quotas: [quota],
      thresholdPercent: 80,
      now: NOW,
      metricsThrough: NOW,
    });
    expect(view.quotas[0]).toMatchObject({
      now_percent: 62,
      peak_percent: 92,
      peak_at: '2026-11-24T14:00:00Z',
      minutes_over_threshold: 2,
      throttles: 3,
      teams: [
        { team: 'data', share: 0.75 },
        { team: 'unallocated', share: 0.25 },
      ],
    });
    expect(quotaMessage(view).summary).toBe(
      '1 of 1 quotas reached 80% of their tokens per minute: Anthropic Claude Haiku 4.5 (cross-region) in us-east-1 (peak 92%).',
    );
  });

  it('says "no data" for now when the latest minute is older than 15 minutes, never 0%', () => {
    const stale = { ...quota, minutes: quota.minutes.slice(0, 2) };
    const view = buildQuotaView({
      period,
      quotas: [stale],
      thresholdPercent: 80,
      now: NOW,
      metricsThrough: NOW,
    });
    expect(view.quotas[0]?.now_percent).toBeNull();
    expect(quotaMessage(view).sections[0]?.rows?.[0]?.value).toBe('no data in the last 15 min');
  });

  it('explains where quotas come from when none is known', () => {
    const view = buildQuotaView({ period, quotas: [], thresholdPercent: 80, now: NOW, metricsThrough: null });
    expect(quotaMessage(view).summary).toMatch(/No token-per-minute quota is known yet/);
  });
});

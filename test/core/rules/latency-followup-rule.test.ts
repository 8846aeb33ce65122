import { describe, expect, it } from 'vitest';
import {
  type LatencyFollowupInput,
  latencyFollowupRule,
} from '../../../src/core/rules/latency-followup-rule.js';

const DAY = 86_400;
const USD = 1_000_000;
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
/** Tuesday 2026-11-17 16:00 UTC. */
const SHIFT = Date.UTC(2026, 10, 17, 16) / 1000;
const SHIFT_DAY = Date.UTC(2026, 10, 17) / 1000;
/** The 7 days after the shift's day (Nov 18–24) are complete from Wednesday Nov 25. */
const DUE = SHIFT_DAY + 8 * DAY;
const FINGERPRINT = `latency_shift|us-east-1|${MODEL}|p50|${SHIFT}|search`;
const SHIFTS: LatencyFollowupInput['shifts'] = [
  {
    fingerprint: FINGERPRINT,
    region: 'us-east-1',
    model: MODEL,
    label: 'claude-sonnet-4-5',
    stat: 'p50',
    shiftAt: SHIFT,
    beforeMs: 450,
    afterMs: 1_100,
    ratio: 2.44,
    team: 'search',
    teamShare: 0.62,
  },
];

type Row = LatencyFollowupInput['spend'][number];
const bedrock = (team: string, day: number, millionTokens: number, dollars: number): Row => ({
  team,
  day,
  provider: 'bedrock',
  model: MODEL,
  modelFamily: 'claude-sonnet-4-5',
  tokens: millionTokens * 1_000_000,
  micros: dollars * USD,
});
const anthropic = (team: string, day: number, millionTokens: number, dollars: number): Row => ({
  ...bedrock(team, day, millionTokens, dollars),
  provider: 'anthropic',
  model: 'claude-sonnet-4-5-20250929',
});
const days = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index * DAY);

/** Before: 10M tokens and $1,500 a day on Bedrock; after: `after(day)` rows. */
function spend(after: (day: number) => Row[]): Row[] {
  return [
    ...days(SHIFT_DAY - 7 * DAY, 7).map((day) => bedrock('search', day, 10, 1_500)),
    bedrock('search', SHIFT_DAY, 30, 9_000),
    ...days(SHIFT_DAY + DAY, 7).flatMap(after),
    ...days(SHIFT_DAY - 7 * DAY, 15).map((day) => bedrock('support', day, 1, day > SHIFT ? 900 : 100)),
  ];
}

/** 40% of search's tokens move to direct Anthropic: $10,500 → $14,000 a week. */
const moved = spend((day) => [bedrock('search', day, 6, 900), anthropic('search', day, 4, 1_100)]);

describe('latencyFollowupRule (10 points of share or 10%, and $50 a week)', () => {
  it('tells search it moved 40% of its tokens to direct Anthropic: +$3,500/week', () => {
    const [candidate, ...rest] = latencyFollowupRule({ shifts: SHIFTS, spend: moved, now: DUE });
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({
      fingerprint: `latency_followup|${FINGERPRINT}`,
      rule: 'latency_followup',
      team: 'search',
      severity: 'warning',
      title: 'search a week after the claude-sonnet-4-5 latency shift: +$3,500.00/week',
      observedAt: SHIFT_DAY + 7 * DAY,
      magnitude: 3_500,
      details: {
        before: { from: '2026-11-10', to: '2026-11-16' },
        after: { from: '2026-11-18', to: '2026-11-24' },
        beforeMicros: 10_500 * USD,
        afterMicros: 14_000 * USD,
        changeMicros: 3_500 * USD,
        ratio: 1.33,
        beforeTokens: 70_000_000,
        afterTokens: 70_000_000,
        shareMoved: 0.4,
      },
    });
    expect(candidate?.summary).toBe(
      'After the first-token latency shift of claude-sonnet-4-5 in us-east-1 on 2026-11-17, search moved 40% of its tokens from Bedrock claude-sonnet-4-5 to direct Anthropic claude-sonnet-4-5: +$3,500.00/week ($10,500.00 → $14,000.00 a week, +33%).',
    );
    expect(candidate?.view?.contributors?.rows).toEqual([
      {
        label: 'direct Anthropic claude-sonnet-4-5',
        value: '+$7,700.00/week (0% → 40% of tokens)',
        share: 0.647,
      },
      { label: 'Bedrock claude-sonnet-4-5', value: '-$4,200.00/week (100% → 60% of tokens)', share: 0.353 },
    ]);
  });

  it.each([
    ['before the 7 days after the shift day are complete', DUE - 1],
    ['14 days after the shift', SHIFT + 14 * DAY],
  ])('is quiet %s', (_, now) => {
    expect(latencyFollowupRule({ shifts: SHIFTS, spend: moved, now })).toEqual([]);
  });

  it('keeps the same figures on every day of its week', () => {
    const first = latencyFollowupRule({ shifts: SHIFTS, spend: moved, now: DUE });
    const later = latencyFollowupRule({ shifts: SHIFTS, spend: moved, now: SHIFT + 14 * DAY - 1 });
    expect(later).toEqual(first);
  });

  it('says so when the mix held but spend rose 20% (retries): +$2,100/week', () => {
    const retries = spend((day) => [bedrock('search', day, 12, 1_800)]);
    const [candidate] = latencyFollowupRule({ shifts: SHIFTS, spend: retries, now: DUE });
    expect(candidate?.summary).toBe(
      'After the first-token latency shift of claude-sonnet-4-5 in us-east-1 on 2026-11-17, search kept its token mix (0% moved) and used 20% more tokens: +$2,100.00/week ($10,500.00 → $12,600.00 a week, +20%).',
    );
  });

  it.each([
    [
      '5 points moved and +5%',
      (day: number) => [bedrock('search', day, 9.5, 1_470), anthropic('search', day, 0.5, 105)],
    ],
    ['nothing changed', (day: number) => [bedrock('search', day, 10, 1_500)]],
  ])('stays quiet when nothing material changed: %s', (_, after) => {
    expect(latencyFollowupRule({ shifts: SHIFTS, spend: spend(after), now: DUE })).toEqual([]);
  });

  it('stays quiet for a team spending under $50 a week, and without a week before the shift', () => {
    const small = spend(() => []).map((row) => ({ ...row, micros: row.micros / 1_000 }));
    const tiny = [
      ...small.filter((row) => row.day < SHIFT_DAY),
      ...days(SHIFT_DAY + DAY, 7).map((day) => anthropic('search', day, 10, 0.002)),
    ];
    expect(latencyFollowupRule({ shifts: SHIFTS, spend: tiny, now: DUE })).toEqual([]);
    const noBefore = moved.filter((row) => row.day > SHIFT_DAY);
    expect(latencyFollowupRule({ shifts: SHIFTS, spend: noBefore, now: DUE })).toEqual([]);
  });

  it('reads only its own team: support, 9× on the same days, is not search', () => {
    const supportShift = [
      { ...SHIFTS[0], fingerprint: `${FINGERPRINT}-support`, team: 'support' },
    ] as LatencyFollowupInput['shifts'];
    const [candidate] = latencyFollowupRule({ shifts: supportShift, spend: moved, now: DUE });
    expect(candidate).toMatchObject({
      team: 'support',
      details: { beforeMicros: 700 * USD, afterMicros: 6_300 * USD },
    });
  });
});

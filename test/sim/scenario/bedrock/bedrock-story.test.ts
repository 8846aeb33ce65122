import { describe, expect, it } from 'vitest';
import { generateBedrockScenario } from '../../../../src/sim/scenario/bedrock/generate-bedrock-scenario.js';
import { DAY, demoStory, HOUR, utcWeekday } from '../../../../src/sim/scenario/demo-story.js';
import type { BedrockScenario } from '../../../../src/sim/scenario-types.js';

// Sunday 2026-11-29 14:00 UTC.
const END = Date.UTC(2026, 10, 29, 14) / 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Per-minute Sum of EstimatedTPMQuotaUsage over the quota's series, as a share of the quota. */
function quotaMinutes(scenario: BedrockScenario, end: number, day: number) {
  const story = demoStory(end).bedrock;
  const series = scenario.series.filter(
    (s) => s.region === story.quotaRegion && story.quotaModelIds.includes(s.modelId),
  );
  return Array.from({ length: 1_440 }, (_, i) => {
    const stats = series.map((s) => scenario.minute(s, day + i * 60));
    return {
      utilisation: stats.reduce((sum, m) => sum + (m?.estimatedTpmQuotaUsage ?? 0), 0) / story.quotaValue,
      throttles: stats.reduce((sum, m) => sum + (m?.throttles ?? 0), 0),
    };
  });
}

describe('the Bedrock story: TTFT step on us. Claude Sonnet 4.5 in us-east-1', () => {
  const scenario = generateBedrockScenario({ start: END - 30 * DAY, end: END });
  const story = demoStory(END).bedrock;
  const hourly = (modelId: string, from: number, to: number) => {
    const series = scenario.series.find((s) => s.region === story.ttftRegion && s.modelId === modelId)!;
    const hours = [];
    for (let hourStart = from; hourStart < to; hourStart += HOUR) {
      const stats = scenario.hour(series, hourStart);
      if (stats) hours.push(stats);
    }
    return hours;
  };

  it('shifts hourly TTFT p50 from ~450 ms to ~1,100 ms and p90 from ~900 to ~2,400 ms at ttftShiftAt', () => {
    const before = hourly(story.ttftModelId, story.ttftShiftAt - 3 * DAY, story.ttftShiftAt);
    const after = hourly(story.ttftModelId, story.ttftShiftAt, story.ttftShiftAt + 3 * DAY);
    expect(before.length).toBe(72);
    expect(after.length).toBe(72);
    const p50Before = median(before.map((h) => h.ttftP50Ms!));
    const p50After = median(after.map((h) => h.ttftP50Ms!));
    expect(p50After).toBeGreaterThanOrEqual(2 * p50Before);
    expect(p50Before).toBeGreaterThan(400);
    expect(p50Before).toBeLessThan(500);
    expect(p50After).toBeGreaterThan(1_000);
    expect(p50After).toBeLessThan(1_200);
    const p90Before = median(before.map((h) => h.ttftP90Ms!));
    const p90After = median(after.map((h) => h.ttftP90Ms!));
    expect(p90After).toBeGreaterThanOrEqual(2 * p90Before);
    expect(p90After).toBeGreaterThan(2_200);
  });

  it('stays slow to the end, while the global profile behind code-review keeps its TTFT', () => {
    const lastDay = hourly(story.ttftModelId, END - DAY, END);
    expect(median(lastDay.map((h) => h.ttftP50Ms!))).toBeGreaterThan(1_000);
    const codeReview = scenario.profiles.find((p) => p.tags.feature === 'code-review')!;
    const ratio =
      median(hourly(codeReview.arn, story.ttftShiftAt, END).map((h) => h.ttftP50Ms!)) /
      median(
        hourly(codeReview.arn, story.ttftShiftAt - 10 * DAY, story.ttftShiftAt).map((h) => h.ttftP50Ms!),
      );
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  });
});

describe('the Bedrock story: doc-summarizer pushes the Claude Haiku 4.5 cross-Region TPM quota', () => {
  it.each([
    [END, 42],
    [Date.UTC(2026, 10, 24, 1) / 1000, 42],
    [Date.UTC(2026, 11, 3, 23) / 1000, 7],
    [Date.UTC(2027, 0, 13, 12) / 1000, 99],
  ])(
    'uses 80-100%% in the Tuesday peak minutes and < 60%% on each day of the week before (end %i, seed %i)',
    (end, seed) => {
      const story = demoStory(end).bedrock;
      expect(utcWeekday(story.quotaTuesday)).toBe(2);
      const scenario = generateBedrockScenario({ start: story.quotaTuesday - 8 * DAY, end, seed });
      const peak = (day: number) => Math.max(...quotaMinutes(scenario, end, day).map((m) => m.utilisation));
      const tuesdayPeak = peak(story.quotaTuesday);
      expect(tuesdayPeak).toBeGreaterThanOrEqual(0.8);
      expect(tuesdayPeak).toBeLessThan(1);
      for (let day = story.quotaTuesday - 7 * DAY; day < story.quotaTuesday; day += DAY) {
        expect(peak(day)).toBeLessThan(0.6);
      }
    },
  );

  it('throttles a few calls, only in minutes at ≥ 75% of the quota, from the Tuesday on', () => {
    const story = demoStory(END).bedrock;
    const scenario = generateBedrockScenario({ start: story.quotaTuesday - 7 * DAY, end: END });
    const tuesday = quotaMinutes(scenario, END, story.quotaTuesday);
    const throttled = tuesday.filter((m) => m.throttles > 0);
    const total = throttled.reduce((sum, m) => sum + m.throttles, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(60);
    for (const minute of throttled) expect(minute.utilisation).toBeGreaterThanOrEqual(0.75);
    for (let day = story.quotaTuesday - 7 * DAY; day < story.quotaTuesday; day += DAY) {
      expect(quotaMinutes(scenario, END, day).every((m) => m.throttles === 0)).toBe(true);
    }
  });

  it('names the quota as Service Quotas lists it: 2,000,000 tokens per minute, applied, in us-east-1', () => {
    const story = demoStory(END).bedrock;
    const scenario = generateBedrockScenario({ start: END - DAY, end: END });
    expect(
      scenario.quotas.filter((q) => q.quotaName === story.quotaName && q.region === story.quotaRegion),
    ).toEqual([expect.objectContaining({ value: story.quotaValue, applied: true })]);
    expect(story.quotaValue).toBe(2_000_000);
    const hot = scenario.profiles.find((p) => p.arn === story.hotProfileArn)!;
    expect(hot).toMatchObject({
      region: story.quotaRegion,
      copyFrom: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      tags: { team: story.hotTeam, feature: story.hotFeature },
    });
    expect(story.quotaModelIds).toEqual([story.hotProfileArn]);
  });
});

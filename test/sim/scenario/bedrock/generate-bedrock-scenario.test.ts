import { describe, expect, it } from 'vitest';
import { generateBedrockScenario } from '../../../../src/sim/scenario/bedrock/generate-bedrock-scenario.js';
import { DAY, HOUR } from '../../../../src/sim/scenario/demo-story.js';
import { SCENARIO_TEAMS } from '../../../../src/sim/scenario/world.js';
import type {
  BedrockPeriodStats,
  BedrockScenario,
  BedrockSeries,
} from '../../../../src/sim/scenario-types.js';

// Sunday 2026-11-29 14:00 UTC.
const END = Date.UTC(2026, 10, 29, 14) / 1000;
const START = END - 90 * DAY;
const FRIDAY = Date.UTC(2026, 10, 27) / 1000;
const timed = performance.now();
const scenario = generateBedrockScenario({ start: START, end: END });
console.log(`generateBedrockScenario: 90 days in ${(performance.now() - timed).toFixed(0)} ms`);

const SUMMED = [
  'invocations',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'throttles',
  'clientErrors',
  'serverErrors',
  'estimatedTpmQuotaUsage',
] as const;

function seriesOf(s: BedrockScenario, modelId: string): BedrockSeries {
  const series = s.series.find((candidate) => candidate.modelId === modelId);
  if (!series) throw new Error(`no series ${modelId}`);
  return series;
}

function minutesOf(
  s: BedrockScenario,
  series: BedrockSeries,
  hourStart: number,
): (BedrockPeriodStats | null)[] {
  return Array.from({ length: 60 }, (_, minute) => s.minute(series, hourStart + minute * 60));
}

/** A spread of hours: every 7th hour of the last 30 days, so all times of day and weekdays appear. */
const SAMPLED_HOURS = Array.from({ length: 103 }, (_, i) => END - 30 * DAY + i * 7 * HOUR);

describe('generateBedrockScenario', () => {
  it('describes account 123456789012 in us-east-1 and us-west-2 with 7 series, one on the Tokens spelling', () => {
    expect(scenario.accountId).toBe('123456789012');
    expect(scenario.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(scenario.series.length).toBe(7);
    expect(scenario.series.filter((s) => s.cacheMetricSpelling === 'Tokens').length).toBe(1);
    expect(new Set(scenario.series.map((s) => `${s.region}|${s.modelId}`)).size).toBe(7);
    const ids = scenario.series.map((s) => s.modelId);
    expect(ids).toContain('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(ids).toContain('anthropic.claude-3-haiku-20240307-v1:0');
    expect(ids).toContain('meta.llama3-3-70b-instruct-v1:0');
  });

  it('lists 4 application profiles with ARN ids, team and feature tags of demo teams, copying a model id', () => {
    expect(scenario.profiles.length).toBe(4);
    for (const profile of scenario.profiles) {
      expect(profile.arn).toMatch(
        new RegExp(
          `^arn:aws:bedrock:${profile.region}:123456789012:application-inference-profile/[a-z0-9]{12}$`,
        ),
      );
      expect(SCENARIO_TEAMS as readonly string[]).toContain(profile.tags.team);
      expect(profile.tags.feature).toMatch(/^[a-z-]+$/);
      expect(profile.copyFrom).toMatch(/^(us\.|global\.)?(anthropic|amazon|meta)\./);
      expect(scenario.series).toContainEqual(
        expect.objectContaining({ region: profile.region, modelId: profile.arn }),
      );
    }
    expect(scenario.profiles.map((p) => p.copyFrom).sort()).toEqual([
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.amazon.nova-pro-v1:0',
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    ]);
  });

  it('returns the same records and datapoints for seed 42 twice, and other datapoints for seed 43', () => {
    const again = generateBedrockScenario({ start: START, end: END });
    const other = generateBedrockScenario({ start: START, end: END, seed: 43 });
    const { hour: _h, minute: _m, ...records } = scenario;
    const { hour: _h2, minute: _m2, ...againRecords } = again;
    expect(againRecords).toEqual(records);
    const series = scenario.series[0]!;
    const noon = FRIDAY + 17 * HOUR;
    expect(again.hour(series, noon)).toEqual(scenario.hour(series, noon));
    expect(again.minute(series, noon + 17 * 60)).toEqual(scenario.minute(series, noon + 17 * 60));
    expect(other.hour(series, noon)).not.toEqual(scenario.hour(series, noon));
    expect(other.costs).not.toEqual(scenario.costs);
  });

  it('serves the same datapoints for the last 30 days whether 30 or 90 days are generated', () => {
    const short = generateBedrockScenario({ start: END - 30 * DAY, end: END });
    for (const series of scenario.series) {
      for (const hourStart of SAMPLED_HOURS.slice(0, 20)) {
        expect(short.hour(series, hourStart)).toEqual(scenario.hour(series, hourStart));
      }
    }
  });

  it('sums the 60 minutes of 103 sampled hours of each of the 7 series exactly to the hour', () => {
    let compared = 0;
    for (const series of scenario.series) {
      for (const hourStart of SAMPLED_HOURS) {
        const hour = scenario.hour(series, hourStart);
        const minutes = minutesOf(scenario, series, hourStart);
        if (!hour) {
          expect(minutes.every((m) => m === null)).toBe(true);
          continue;
        }
        for (const field of SUMMED) {
          expect(
            minutes.reduce((sum, m) => sum + (m?.[field] ?? 0), 0),
            `${series.modelId} ${field}`,
          ).toBe(hour[field]);
        }
        const weightedLatency =
          minutes.reduce((sum, m) => sum + (m ? m.latencyAvgMs * m.invocations : 0), 0) / hour.invocations;
        expect(weightedLatency).toBeCloseTo(hour.latencyAvgMs, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('weighs output 5× in EstimatedTPMQuotaUsage for Claude 4.x and 1× for Claude 3 Haiku, Nova and Llama', () => {
    const hourStart = FRIDAY + 17 * HOUR;
    const weights: Record<string, number> = {
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0': 5,
      'anthropic.claude-3-haiku-20240307-v1:0': 1,
      'meta.llama3-3-70b-instruct-v1:0': 1,
    };
    for (const profile of scenario.profiles)
      weights[profile.arn] = profile.copyFrom.includes('claude') ? 5 : 1;
    for (const series of scenario.series) {
      const hour = scenario.hour(series, hourStart)!;
      expect(hour.estimatedTpmQuotaUsage).toBe(
        hour.inputTokens + hour.cacheWriteTokens + hour.outputTokens * weights[series.modelId]!,
      );
    }
  });

  it('returns null outside [start, end) and for times off the minute or hour grid', () => {
    for (const series of scenario.series) {
      expect(scenario.hour(series, END)).toBeNull();
      expect(scenario.hour(series, START - HOUR)).toBeNull();
      expect(scenario.minute(series, END)).toBeNull();
      expect(scenario.minute(series, START - 60)).toBeNull();
      expect(scenario.hour(series, END - 3 * DAY + 30 * 60)).toBeNull();
      expect(scenario.minute(series, END - 3 * DAY + 30)).toBeNull();
    }
    const llama = seriesOf(scenario, 'meta.llama3-3-70b-instruct-v1:0');
    expect(scenario.hour(llama, END - HOUR)).not.toBeNull();
    expect(scenario.minute(llama, END - 60)).not.toBeNull();
    expect(scenario.hour(llama, START)).not.toBeNull();
    expect(scenario.hour({ ...llama, region: 'eu-west-1' }, END - HOUR)).toBeNull();
  });

  it('has quiet night minutes without datapoints on Claude 3 Haiku, and none on the busy Llama series', () => {
    const night = FRIDAY + 7 * HOUR; // the quietest US hour
    const haiku = minutesOf(scenario, seriesOf(scenario, 'anthropic.claude-3-haiku-20240307-v1:0'), night);
    expect(haiku.filter((m) => m === null).length).toBeGreaterThan(10);
    expect(haiku.filter((m) => m !== null).length).toBeGreaterThan(10);
    const llama = minutesOf(scenario, seriesOf(scenario, 'meta.llama3-3-70b-instruct-v1:0'), night);
    expect(llama.every((m) => m !== null)).toBe(true);
  });

  it('reports TTFT only for streaming series: null on the Claude 3 Haiku and Llama base models', () => {
    const hourStart = FRIDAY + 16 * HOUR;
    for (const series of scenario.series) {
      const hour = scenario.hour(series, hourStart)!;
      const minute = minutesOf(scenario, series, hourStart).find((m) => m !== null)!;
      const streaming = ![
        'anthropic.claude-3-haiku-20240307-v1:0',
        'meta.llama3-3-70b-instruct-v1:0',
      ].includes(series.modelId);
      for (const stats of [hour, minute]) {
        expect(stats.ttftP50Ms === null, series.modelId).toBe(!streaming);
        expect(stats.ttftP90Ms === null, series.modelId).toBe(!streaming);
        if (stats.ttftP50Ms !== null) expect(stats.ttftP90Ms).toBeGreaterThan(stats.ttftP50Ms);
        expect(stats.latencyP90Ms).toBeGreaterThan(stats.latencyAvgMs);
      }
    }
  });

  it("averages 500 to 20,000 tokens per request and under 20% of Friday's calls on a Saturday for code-review", () => {
    const codeReview = scenario.profiles.find((p) => p.tags.feature === 'code-review')!;
    const series = seriesOf(scenario, codeReview.arn);
    const dayTotal = (day: number) =>
      Array.from({ length: 24 }, (_, h) => scenario.hour(series, day + h * HOUR)?.invocations ?? 0).reduce(
        (sum, n) => sum + n,
        0,
      );
    expect(dayTotal(FRIDAY + DAY)).toBeLessThan(0.2 * dayTotal(FRIDAY));
    for (const s of scenario.series) {
      const hour = scenario.hour(s, FRIDAY + 17 * HOUR)!;
      const perRequest =
        (hour.inputTokens + hour.outputTokens + hour.cacheReadTokens + hour.cacheWriteTokens) /
        hour.invocations;
      expect(perRequest, s.modelId).toBeGreaterThanOrEqual(500);
      expect(perRequest, s.modelId).toBeLessThanOrEqual(20_000);
    }
  });
});

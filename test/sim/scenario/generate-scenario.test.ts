import { describe, expect, it } from 'vitest';
import { DAY, demoStory, HOUR, utcDay, utcWeekday } from '../../../src/sim/scenario/demo-story.js';
import { generateScenario } from '../../../src/sim/scenario/generate-scenario.js';
import type { AnthropicUsageRecord, OpenAiUsageRecord, Scenario } from '../../../src/sim/scenario-types.js';

// Sunday 2026-11-29 14:30 UTC: the scenario aligns it down to 14:00.
const END = Date.UTC(2026, 10, 29, 14, 30) / 1000;
const timed = performance.now();
const scenario = generateScenario({ end: END });
console.log(`generateScenario: 90 days in ${(performance.now() - timed).toFixed(0)} ms`);
const story = demoStory(END);

function anthropicTokens(row: AnthropicUsageRecord): number {
  return (
    row.uncachedInputTokens +
    row.cacheReadInputTokens +
    row.cacheCreation5mTokens +
    row.cacheCreation1hTokens +
    row.outputTokens
  );
}

function openAiTokens(row: OpenAiUsageRecord): number {
  return row.inputTokens + row.outputTokens;
}

function sumWhere<T>(rows: readonly T[], keep: (row: T) => boolean, value: (row: T) => number): number {
  return rows.reduce((sum, row) => (keep(row) ? sum + value(row) : sum), 0);
}

function dailyTotals(s: Scenario): Map<number, number> {
  const totals = new Map<number, number>();
  for (const cost of [...s.anthropic.costs, ...s.openai.costs]) {
    totals.set(cost.day, (totals.get(cost.day) ?? 0) + cost.amountMicros);
  }
  return totals;
}

describe('generateScenario', () => {
  it('returns deep-equal output for the same seed and different output for seed 43', () => {
    // Bedrock's datapoints are functions (fresh closures each time): compare their records here.
    const records = ({ bedrock, ...rest }: Scenario) => ({
      ...rest,
      bedrock: bedrock && { ...bedrock, hour: undefined, minute: undefined },
    });
    const again = generateScenario({ end: END, days: 14 });
    expect(records(generateScenario({ end: END, days: 14 }))).toEqual(records(again));
    const other = generateScenario({ end: END, days: 14, seed: 43 });
    expect(other.anthropic.usage).not.toEqual(again.anthropic.usage);
    expect(other.openai.costs).not.toEqual(again.openai.costs);
  });

  it('aligns end down to the hour and starts 90 days earlier', () => {
    expect(scenario.end).toBe(Date.UTC(2026, 10, 29, 14) / 1000);
    expect(scenario.start).toBe(scenario.end - 90 * DAY);
  });

  it('produces between 10,000 and 40,000 usage rows and 1,000 to 10,000 cost lines for 90 days', () => {
    const usageRows = scenario.anthropic.usage.length + scenario.openai.usage.length;
    const costLines = scenario.anthropic.costs.length + scenario.openai.costs.length;
    console.log(`usage rows: ${usageRows}, cost lines: ${costLines}`);
    expect(usageRows).toBeGreaterThanOrEqual(10_000);
    expect(usageRows).toBeLessThanOrEqual(40_000);
    expect(costLines).toBeGreaterThanOrEqual(1_000);
    expect(costLines).toBeLessThanOrEqual(10_000);
  });

  it('keeps usage hours inside [start, end) and cost days on the UTC days that overlap it, sorted by time', () => {
    const hours = [...scenario.anthropic.usage, ...scenario.openai.usage].map((row) => row.hourStart);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(scenario.start);
    expect(Math.max(...hours)).toBeLessThan(scenario.end);
    expect(hours.every((hour) => hour % HOUR === 0)).toBe(true);
    for (const rows of [scenario.anthropic.usage, scenario.openai.usage]) {
      expect(rows.every((row, i) => i === 0 || rows[i - 1]!.hourStart <= row.hourStart)).toBe(true);
    }
    for (const costs of [scenario.anthropic.costs, scenario.openai.costs]) {
      expect(costs.every((cost) => cost.day % DAY === 0)).toBe(true);
      expect(costs.every((cost) => cost.day >= utcDay(scenario.start) && cost.day < scenario.end)).toBe(true);
      expect(costs.every((cost, i) => i === 0 || costs[i - 1]!.day <= cost.day)).toBe(true);
    }
  });

  it('emits each usage row once per hour and dimension set', () => {
    const anthropicKeys = scenario.anthropic.usage.map((r) =>
      [r.hourStart, r.workspaceId, r.apiKeyId, r.model, r.serviceTier, r.contextWindow, r.inferenceGeo].join(
        '|',
      ),
    );
    const openAiKeys = scenario.openai.usage.map((r) =>
      [r.hourStart, r.projectId, r.apiKeyId, r.userId, r.model, r.batch, r.serviceTier].join('|'),
    );
    expect(new Set(anthropicKeys).size).toBe(anthropicKeys.length);
    expect(new Set(openAiKeys).size).toBe(openAiKeys.length);
  });

  it('generates the last 30 days identically whether 30 or 90 days are asked for', () => {
    const short = generateScenario({ end: END, days: 30 });
    expect(short.anthropic.usage).toEqual(scenario.anthropic.usage.filter((r) => r.hourStart >= short.start));
    expect(short.openai.usage).toEqual(scenario.openai.usage.filter((r) => r.hourStart >= short.start));
  });

  it('spends $2,000 to $6,000 on every whole weekday and less than half of that on weekends', () => {
    const totals = dailyTotals(scenario);
    const wholeDays = [...totals.keys()].filter((day) => day >= scenario.start && day + DAY <= scenario.end);
    const weekdays = wholeDays.filter((day) => utcWeekday(day) >= 1 && utcWeekday(day) <= 5);
    expect(weekdays.length).toBeGreaterThanOrEqual(60);
    for (const day of weekdays) {
      expect(totals.get(day)).toBeGreaterThanOrEqual(2_000_000_000);
      expect(totals.get(day)).toBeLessThanOrEqual(6_000_000_000);
    }
    const average = (days: number[]) => days.reduce((sum, day) => sum + totals.get(day)!, 0) / days.length;
    const weekends = wholeDays.filter((day) => utcWeekday(day) === 0 || utcWeekday(day) === 6);
    expect(average(weekdays) / average(weekends)).toBeGreaterThanOrEqual(2);
  });

  it('has Console usage (no workspace, no key), Anthropic and OpenAI batch rows and long-context rows', () => {
    const console = scenario.anthropic.usage.filter((r) => r.workspaceId === null);
    expect(console.length).toBeGreaterThan(0);
    expect(console.every((r) => r.apiKeyId === null)).toBe(true);
    expect(scenario.anthropic.usage.filter((r) => r.serviceTier === 'batch').length).toBeGreaterThan(100);
    expect(scenario.anthropic.usage.filter((r) => r.contextWindow === '200k-1M').length).toBeGreaterThan(20);
    expect(scenario.openai.usage.filter((r) => r.batch).length).toBeGreaterThan(100);
    expect(scenario.anthropic.usage.filter((r) => r.cacheCreation1hTokens > 0).length).toBeGreaterThan(100);
  });
});

describe('the demo story in the data', () => {
  it('doubles search tokens: the hours since the ask-docs launch carry ≥ 1.8× the same hours a week earlier', () => {
    const search = scenario.anthropic.usage.filter((r) => r.workspaceId === 'wrkspc_search');
    // The same hours of the week before and after the launch, up to seven days.
    const afterEnd = Math.min(scenario.end, story.askDocsLaunch + 7 * DAY);
    const tokensIn = (from: number, to: number) =>
      sumWhere(search, (r) => r.hourStart >= from && r.hourStart < to, anthropicTokens);
    const after = tokensIn(story.askDocsLaunch, afterEnd);
    const before = tokensIn(story.askDocsLaunch - 7 * DAY, afterEnd - 7 * DAY);
    expect(after / before).toBeGreaterThanOrEqual(1.8);
    expect(after / before).toBeLessThanOrEqual(2.3);
    expect(
      search.some((r) => r.apiKeyId?.startsWith('apikey_ask_docs') && r.hourStart < story.askDocsLaunch),
    ).toBe(false);
  });

  it('bills the orphan key key_orphan_7f3a in proj_sandbox $100 to $300 on every whole day', () => {
    const totals = new Map<number, number>();
    for (const cost of scenario.openai.costs) {
      if (cost.apiKeyId !== story.orphanKey) continue;
      expect(cost.projectId).toBe(story.orphanProject);
      totals.set(cost.day, (totals.get(cost.day) ?? 0) + cost.amountMicros);
    }
    const wholeDays = [...totals.keys()].filter((day) => day >= scenario.start && day + DAY <= scenario.end);
    expect(wholeDays.length).toBe(89);
    for (const day of wholeDays) {
      expect(totals.get(day)).toBeGreaterThanOrEqual(100_000_000);
      expect(totals.get(day)).toBeLessThanOrEqual(300_000_000);
    }
  });

  it('shows support-bot in trouble the week before the switch: ≥ 1.5× output and ≤ 0.6× cache-read share', () => {
    const bot = scenario.anthropic.usage.filter((r) => r.apiKeyId === 'apikey_support_bot');
    const week = (from: number) => bot.filter((r) => r.hourStart >= from && r.hourStart < from + 7 * DAY);
    const outputShare = (rows: AnthropicUsageRecord[]) =>
      sumWhere(
        rows,
        () => true,
        (r) => r.outputTokens,
      ) / sumWhere(rows, () => true, anthropicTokens);
    const cacheShare = (rows: AnthropicUsageRecord[]) =>
      sumWhere(
        rows,
        () => true,
        (r) => r.cacheReadInputTokens,
      ) / sumWhere(rows, () => true, anthropicTokens);
    const normal = week(story.troubleWeekStart - 7 * DAY);
    const troubled = week(story.troubleWeekStart);
    expect(
      sumWhere(
        troubled,
        () => true,
        (r) => r.outputTokens,
      ),
    ).toBeGreaterThanOrEqual(
      1.5 *
        sumWhere(
          normal,
          () => true,
          (r) => r.outputTokens,
        ),
    );
    expect(outputShare(troubled)).toBeGreaterThan(outputShare(normal));
    expect(cacheShare(troubled)).toBeLessThanOrEqual(0.6 * cacheShare(normal));
  });

  it('moves support-bot to gpt-5.4 on the switch day: support holds ≥ 70% of OpenAI tokens after it', () => {
    const afterSwitch = scenario.openai.usage.filter((r) => r.hourStart >= story.switchDay);
    const support = sumWhere(afterSwitch, (r) => r.projectId === 'proj_support', openAiTokens);
    expect(support / sumWhere(afterSwitch, () => true, openAiTokens)).toBeGreaterThanOrEqual(0.7);
    const onGpt = scenario.openai.usage.filter((r) => r.apiKeyId === 'key_support_bot');
    expect(onGpt.every((r) => r.model === story.switchTo && r.hourStart >= story.switchDay)).toBe(true);
    const botTokens = (from: number, provider: 'anthropic' | 'openai') =>
      provider === 'anthropic'
        ? sumWhere(
            scenario.anthropic.usage,
            (r) => r.apiKeyId === 'apikey_support_bot' && r.hourStart >= from && r.hourStart < from + 7 * DAY,
            anthropicTokens,
          )
        : sumWhere(onGpt, (r) => r.hourStart >= from && r.hourStart < from + 7 * DAY, openAiTokens);
    const gptShare =
      botTokens(story.switchDay, 'openai') /
      (botTokens(story.switchDay, 'openai') + botTokens(story.switchDay, 'anthropic'));
    expect(gptShare).toBeGreaterThanOrEqual(0.75);
    expect(gptShare).toBeLessThanOrEqual(0.85);
  });
});

import { describe, expect, it } from 'vitest';
import { DAY, demoStory, utcWeekday } from '../../../src/sim/scenario/demo-story.js';

// Monday 2026-11-23 09:00 UTC, then one end per day for a week.
const MONDAY = Date.UTC(2026, 10, 23, 9) / 1000;

describe('demoStory', () => {
  it.each([0, 1, 2, 3, 4, 5, 6])(
    'launches ask-docs on a Tuesday 3 to 9 days before an end %i days after Monday',
    (offset) => {
      const end = MONDAY + offset * DAY;
      const story = demoStory(end);
      expect(utcWeekday(story.askDocsLaunch)).toBe(2);
      expect(story.askDocsLaunch % DAY).toBe(0);
      expect(end - story.askDocsLaunch).toBeGreaterThanOrEqual(3 * DAY);
      expect(end - story.askDocsLaunch).toBeLessThan(10 * DAY);
    },
  );

  it('dates the Monday 2026-11-23 09:00 story: launch 2026-11-17, switch 2026-10-26, trouble from 2026-10-19', () => {
    const story = demoStory(MONDAY);
    expect(story.askDocsLaunchDate).toBe('2026-11-17');
    expect(story.askDocsLaunch).toBe(Date.UTC(2026, 10, 17) / 1000);
    expect(story.switchDate).toBe('2026-10-26');
    expect(story.troubleWeekStart).toBe(Date.UTC(2026, 9, 19) / 1000);
    expect(story).toMatchObject({
      orphanKey: 'key_orphan_7f3a',
      orphanProject: 'proj_sandbox',
      switchFrom: 'claude-sonnet-4-5-20250929',
      switchTo: 'gpt-5.4',
    });
  });

  it.each([0, 1, 2, 3, 4, 5, 6])(
    'puts the Bedrock quota Tuesday 2 to 9 days and the TTFT shift 9 to 11 days before an end %i days after Monday',
    (offset) => {
      const end = MONDAY + offset * DAY;
      const { bedrock } = demoStory(end);
      expect(utcWeekday(bedrock.quotaTuesday)).toBe(2);
      expect(bedrock.quotaTuesday % DAY).toBe(0);
      expect(end - bedrock.quotaTuesday).toBeGreaterThanOrEqual(2 * DAY);
      expect(end - bedrock.quotaTuesday).toBeLessThan(9 * DAY);
      expect(bedrock.ttftShiftAt % 3_600).toBe(0);
      expect(end - bedrock.ttftShiftAt).toBeGreaterThanOrEqual(9 * DAY);
      expect(end - bedrock.ttftShiftAt).toBeLessThanOrEqual(11 * DAY);
    },
  );

  it('dates the Monday 2026-11-23 09:00 Bedrock story: TTFT shift 2026-11-13 16:00, quota Tuesday 2026-11-17', () => {
    const { bedrock } = demoStory(MONDAY);
    expect(bedrock.ttftShiftAt).toBe(Date.UTC(2026, 10, 13, 16) / 1000);
    expect(bedrock.quotaTuesday).toBe(Date.UTC(2026, 10, 17) / 1000);
    expect(bedrock).toMatchObject({
      accountId: '123456789012',
      quotaTuesdayDate: '2026-11-17',
      ttftModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ttftRegion: 'us-east-1',
      ttftBeforeMs: { p50: 450, p90: 900 },
      ttftAfterMs: { p50: 1_100, p90: 2_400 },
      quotaRegion: 'us-east-1',
      quotaValue: 2_000_000,
      hotTeam: 'data',
      hotFeature: 'doc-summarizer',
    });
    expect(bedrock.quotaModelIds).toEqual([bedrock.hotProfileArn]);
    expect(bedrock.untaggedModelIds).toContain(bedrock.ttftModelId);
  });

  it('gives the same story for any end within the same hour', () => {
    expect(demoStory(MONDAY + 3599)).toEqual(demoStory(MONDAY));
  });
});

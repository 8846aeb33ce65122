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

  it('gives the same story for any end within the same hour', () => {
    expect(demoStory(MONDAY + 3599)).toEqual(demoStory(MONDAY));
  });
});

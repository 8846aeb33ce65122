/** Seconds in one UTC day. */
export const DAY = 86_400;
/** Seconds in one hour. */
export const HOUR = 3_600;

/** UTC midnight at or before `t` (epoch seconds). */
export function utcDay(t: number): number {
  return t - (((t % DAY) + DAY) % DAY);
}

/** Day of the week of `t` in UTC: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function utcWeekday(t: number): number {
  return (((Math.floor(t / DAY) + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD` of the UTC day holding `t`. */
export function isoDate(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/**
 * The facts the demo tells and its tests check, all derived from the scenario's `end`
 * (UTC epoch seconds). Days are UTC midnights.
 */
export interface DemoStory {
  /** Team `search` ships feature `ask-docs` on this Tuesday; from then on search's tokens double. */
  askDocsLaunch: number;
  askDocsLaunchDate: string;
  askDocsTeam: 'search';
  askDocsFeature: 'ask-docs';
  /** An OpenAI key no attribution rule claims: its spend stays unallocated for the whole period. */
  orphanKey: 'key_orphan_7f3a';
  orphanProject: 'proj_sandbox';
  /** First day of the week in which `support-bot` on Claude Sonnet 4.5 shows trouble. */
  troubleWeekStart: number;
  /** From this day `support-bot` sends about 80% of its tokens to OpenAI. */
  switchDay: number;
  switchDate: string;
  switchTeam: 'support';
  switchFeature: 'support-bot';
  switchFrom: 'claude-sonnet-4-5-20250929';
  switchTo: 'gpt-5.4';
  /** Share of `support-bot` requests moved to `switchTo` on `switchDay`. */
  switchShare: number;
}

const TUESDAY = 2;

/** The story for a scenario ending at `end`, aligned down to the hour like the scenario itself. */
export function demoStory(end: number): DemoStory {
  const alignedEnd = end - (((end % HOUR) + HOUR) % HOUR);
  // The seven UTC midnights in (end − 10 days, end − 3 days] hold exactly one Tuesday.
  let askDocsLaunch = utcDay(alignedEnd - 3 * DAY);
  while (utcWeekday(askDocsLaunch) !== TUESDAY) askDocsLaunch -= DAY;
  const switchDay = utcDay(alignedEnd - 28 * DAY);
  return {
    askDocsLaunch,
    askDocsLaunchDate: isoDate(askDocsLaunch),
    askDocsTeam: 'search',
    askDocsFeature: 'ask-docs',
    orphanKey: 'key_orphan_7f3a',
    orphanProject: 'proj_sandbox',
    troubleWeekStart: switchDay - 7 * DAY,
    switchDay,
    switchDate: isoDate(switchDay),
    switchTeam: 'support',
    switchFeature: 'support-bot',
    switchFrom: 'claude-sonnet-4-5-20250929',
    switchTo: 'gpt-5.4',
    switchShare: 0.8,
  };
}

import { BEDROCK_ACCOUNT_ID, BEDROCK_MODEL_IDS, BEDROCK_PROFILE_ARNS } from './bedrock/bedrock-ids.js';

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
  bedrock: BedrockStory;
}

/** What happens on Amazon Bedrock (account 123456789012, us-east-1 and us-west-2). */
export interface BedrockStory {
  accountId: typeof BEDROCK_ACCOUNT_ID;
  /** From this hour on, the first token of `ttftModelId` in `ttftRegion` comes about 2.4× later, for good. */
  ttftShiftAt: number;
  ttftModelId: typeof BEDROCK_MODEL_IDS.SONNET_US;
  ttftRegion: 'us-east-1';
  /** Typical TimeToFirstToken p50/p90 (ms) of `ttftModelId` before and after the shift. */
  ttftBeforeMs: { p50: number; p90: number };
  ttftAfterMs: { p50: number; p90: number };
  /**
   * From this Tuesday (UTC midnight) `hotFeature` of `hotTeam` sends 1.75× its traffic: its peak
   * minutes use 80-95% of `quotaName` in `quotaRegion` (below 60% before) and see a few throttles.
   */
  quotaTuesday: number;
  quotaTuesdayDate: string;
  quotaRegion: 'us-east-1';
  quotaName: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5';
  /** The quota's applied value, tokens per minute. */
  quotaValue: number;
  /** The CloudWatch `ModelId`s whose `EstimatedTPMQuotaUsage` counts against the quota. */
  quotaModelIds: readonly string[];
  hotTeam: 'data';
  hotFeature: 'doc-summarizer';
  hotProfileArn: string;
  /** Called without an application profile: their spend carries no `team` tag and stays unallocated. */
  untaggedModelIds: readonly string[];
}

const TUESDAY = 2;

/** The story for a scenario ending at `end`, aligned down to the hour like the scenario itself. */
export function demoStory(end: number): DemoStory {
  const alignedEnd = end - (((end % HOUR) + HOUR) % HOUR);
  // The seven UTC midnights in (end − 10 days, end − 3 days] hold exactly one Tuesday.
  let askDocsLaunch = utcDay(alignedEnd - 3 * DAY);
  while (utcWeekday(askDocsLaunch) !== TUESDAY) askDocsLaunch -= DAY;
  const switchDay = utcDay(alignedEnd - 28 * DAY);
  // The most recent Tuesday whose whole day ends at least a day before `end`.
  let quotaTuesday = utcDay(alignedEnd - 2 * DAY);
  while (utcWeekday(quotaTuesday) !== TUESDAY) quotaTuesday -= DAY;
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
    bedrock: {
      accountId: BEDROCK_ACCOUNT_ID,
      ttftShiftAt: utcDay(alignedEnd - 10 * DAY) + 16 * HOUR,
      ttftModelId: BEDROCK_MODEL_IDS.SONNET_US,
      ttftRegion: 'us-east-1',
      ttftBeforeMs: { p50: 450, p90: 900 },
      ttftAfterMs: { p50: 1_100, p90: 2_400 },
      quotaTuesday,
      quotaTuesdayDate: isoDate(quotaTuesday),
      quotaRegion: 'us-east-1',
      quotaName: 'Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5',
      quotaValue: 2_000_000,
      quotaModelIds: [BEDROCK_PROFILE_ARNS.docSummarizer],
      hotTeam: 'data',
      hotFeature: 'doc-summarizer',
      hotProfileArn: BEDROCK_PROFILE_ARNS.docSummarizer,
      untaggedModelIds: [
        BEDROCK_MODEL_IDS.SONNET_US,
        BEDROCK_MODEL_IDS.CLAUDE_3_HAIKU,
        BEDROCK_MODEL_IDS.LLAMA_70B,
      ],
    },
  };
}

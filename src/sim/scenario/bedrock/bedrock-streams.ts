import { demoStory } from '../demo-story.js';
import { BEDROCK_MODEL_IDS, BEDROCK_PROFILE_ARNS } from './bedrock-ids.js';
import { bedrockModel } from './bedrock-models.js';
import type { BedrockStream } from './bedrock-stream.js';
import { burstMinuteShare } from './split-hour.js';
import { peakHourShare, quotaTokens } from './stream-hour.js';

const { SONNET_GLOBAL, HAIKU_US, CLAUDE_3_HAIKU, NOVA_PRO_US, LLAMA_70B } = BEDROCK_MODEL_IDS;

/** Peak-minute use of the hot quota once doc-summarizer has grown, as a share of the quota. */
const HOT_PEAK_UTILISATION = 0.86;
/** doc-summarizer's traffic from the quota Tuesday on, relative to before. */
const HOT_GROWTH = 1.75;

type StreamSpec = Pick<
  BedrockStream,
  'id' | 'region' | 'modelId' | 'weekdayRequests' | 'tokens' | 'latency'
> &
  Partial<BedrockStream>;

function stream(spec: StreamSpec): BedrockStream {
  return {
    sourceId: spec.modelId,
    profile: null,
    cacheMetricSpelling: 'TokenCount',
    shape: 'customers',
    weekendFactor: 0.5,
    noise: { day: 0.1, hour: 0.12, tokens: 0.05 },
    minutePattern: 'steady',
    throttleQuota: null,
    ...spec,
  };
}

function profile(arn: string, name: string, team: string, feature: string, sourceId: string) {
  return { modelId: arn, sourceId, profile: { name, tags: { team, feature } } };
}

/**
 * The demo company on Bedrock: four features behind tagged application inference profiles and
 * three untagged direct callers, with the story of `demoStory(end).bedrock` in their adjustments.
 */
export function buildBedrockStreams(end: number): BedrockStream[] {
  const story = demoStory(end).bedrock;
  const docTokens = { input: 3_000, cacheRead: 6_000, cacheWrite: 100, output: 350 };
  // Sized so that after the Tuesday the busiest minutes land near HOT_PEAK_UTILISATION of the quota.
  const peakHourQuotaTokens = (HOT_PEAK_UTILISATION * story.quotaValue) / burstMinuteShare();
  const docRequests =
    peakHourQuotaTokens /
    quotaTokens(docTokens, bedrockModel(HAIKU_US).outputBurndown) /
    peakHourShare('office');
  const slowSonnet = {
    avgMs: 5_850,
    p90Ms: 10_500,
    ttftP50Ms: story.ttftAfterMs.p50,
    ttftP90Ms: story.ttftAfterMs.p90,
  };
  return [
    stream({
      id: 'doc-summarizer',
      region: 'us-east-1',
      ...profile(story.hotProfileArn, 'doc-summarizer-prod', story.hotTeam, story.hotFeature, HAIKU_US),
      shape: 'office',
      weekendFactor: 0.15,
      weekdayRequests: docRequests,
      tokens: docTokens,
      latency: { avgMs: 2_600, p90Ms: 4_200, ttftP50Ms: 280, ttftP90Ms: 520 },
      noise: { day: 0.02, hour: 0.03, tokens: 0.02 },
      minutePattern: 'bursty',
      throttleQuota: story.quotaValue,
      adjust: (hourStart) => ({ volume: hourStart >= story.quotaTuesday ? 1 : 1 / HOT_GROWTH }),
    }),
    stream({
      id: 'code-review',
      region: 'us-east-1',
      ...profile(BEDROCK_PROFILE_ARNS.codeReview, 'code-review', 'platform', 'code-review', SONNET_GLOBAL),
      shape: 'office',
      weekendFactor: 0.08,
      weekdayRequests: 6_000,
      tokens: { input: 3_000, cacheRead: 9_000, cacheWrite: 1_200, output: 900 },
      latency: { avgMs: 9_000, p90Ms: 16_000, ttftP50Ms: 520, ttftP90Ms: 1_000 },
    }),
    stream({
      id: 'voice-notes',
      region: 'us-east-1',
      ...profile(BEDROCK_PROFILE_ARNS.voiceNotes, 'voice-notes', 'mobile', 'voice-notes', NOVA_PRO_US),
      weekendFactor: 0.7,
      weekdayRequests: 30_000,
      tokens: { input: 1_800, cacheRead: 600, cacheWrite: 0, output: 250 },
      latency: { avgMs: 1_800, p90Ms: 3_000, ttftP50Ms: 240, ttftP90Ms: 430 },
    }),
    stream({
      id: 'sonnet-direct',
      region: story.ttftRegion,
      modelId: story.ttftModelId,
      weekendFactor: 0.8,
      weekdayRequests: 14_000,
      tokens: { input: 2_500, cacheRead: 3_000, cacheWrite: 300, output: 450 },
      latency: {
        avgMs: 5_200,
        p90Ms: 9_000,
        ttftP50Ms: story.ttftBeforeMs.p50,
        ttftP90Ms: story.ttftBeforeMs.p90,
      },
      adjust: (hourStart) =>
        hourStart >= story.ttftShiftAt ? { volume: 1, latency: slowSonnet } : { volume: 1 },
    }),
    stream({
      // A legacy tool on InvokeModel without streaming: no TTFT, and quiet nights with empty minutes.
      id: 'claude-3-haiku-direct',
      region: 'us-east-1',
      modelId: CLAUDE_3_HAIKU,
      weekdayRequests: 3_000,
      tokens: { input: 4_000, cacheRead: 0, cacheWrite: 0, output: 600 },
      latency: { avgMs: 2_100, p90Ms: 3_600, ttftP50Ms: null, ttftP90Ms: null },
    }),
    stream({
      id: 'ticket-summaries',
      region: 'us-west-2',
      ...profile(
        BEDROCK_PROFILE_ARNS.ticketSummaries,
        'ticket-summaries',
        'support',
        'ticket-summaries',
        HAIKU_US,
      ),
      cacheMetricSpelling: 'Tokens',
      weekendFactor: 0.4,
      weekdayRequests: 18_000,
      tokens: { input: 1_500, cacheRead: 2_500, cacheWrite: 200, output: 300 },
      latency: { avgMs: 2_300, p90Ms: 3_900, ttftP50Ms: 300, ttftP90Ms: 560 },
    }),
    stream({
      id: 'llama-direct',
      region: 'us-west-2',
      modelId: LLAMA_70B,
      shape: 'flat',
      weekendFactor: 1,
      weekdayRequests: 60_000,
      tokens: { input: 1_500, cacheRead: 0, cacheWrite: 0, output: 300 },
      latency: { avgMs: 2_900, p90Ms: 4_800, ttftP50Ms: null, ttftP90Ms: null },
    }),
  ];
}

import { demoStory } from './demo-story.js';
import { searchWorkloads, supportWorkloads } from './story-workloads.js';
import { MODELS, mix, type Workload, workload } from './workload.js';

const { SONNET, HAIKU, OPUS, GPT_5_4, GPT_5_MINI, GPT_4_1 } = MODELS;

/** The teams of the demo company, largest spender first. */
export const SCENARIO_TEAMS = ['support', 'platform', 'search', 'data', 'mobile', 'growth'] as const;

/**
 * The demo company's traffic: six teams, fifteen features, the orphan key and Console use, with
 * the story of `demoStory(end)` written into the workloads' adjustments.
 */
export function buildWorld(end: number): Workload[] {
  const story = demoStory(end);
  return [...searchWorkloads(story.askDocsLaunch), ...supportWorkloads(story), ...otherWorkloads()];
}

function otherWorkloads(): Workload[] {
  const anthropic = (team: string, feature: string) =>
    ({
      team,
      feature,
      provider: 'anthropic',
      scopeId: `wrkspc_${team}`,
      apiKeyId: `apikey_${feature.replaceAll('-', '_')}`,
    }) as const;
  const openai = (team: string, feature: string) =>
    ({
      team,
      feature,
      provider: 'openai',
      scopeId: `proj_${team}`,
      apiKeyId: `key_${feature.replaceAll('-', '_')}`,
    }) as const;
  const office = { shape: 'office', weekendFactor: 0.08 } as const;
  return [
    workload({
      ...anthropic('growth', 'ab-copy'),
      ...office,
      id: 'ab-copy',
      model: SONNET,
      weekdayRequests: 4_000,
      webSearchPerRequest: 0.4,
      tokens: mix({ uncachedInput: 3_000, cacheRead: 1_000, cacheWrite5m: 500, output: 900 }),
    }),
    workload({
      ...anthropic('growth', 'seo-briefs'),
      ...office,
      id: 'seo-briefs',
      model: HAIKU,
      weekdayRequests: 6_000,
      tokens: mix({ uncachedInput: 2_500, output: 1_200 }),
    }),
    workload({
      ...openai('growth', 'email-personalizer'),
      id: 'email-personalizer-batch',
      model: GPT_5_MINI,
      batch: true,
      shape: 'nightly',
      nightlyHours: [5],
      weekendFactor: 1,
      weekdayRequests: 10_000,
      tokens: mix({ uncachedInput: 1_500, cacheRead: 500, output: 400 }),
    }),
    workload({
      ...anthropic('platform', 'eval-harness'),
      ...office,
      id: 'eval-harness',
      model: OPUS,
      weekdayRequests: 500,
      tokens: mix({ uncachedInput: 4_000, output: 800 }),
    }),
    workload({
      ...anthropic('platform', 'eval-harness'),
      id: 'eval-harness-batch',
      model: OPUS,
      batch: true,
      shape: 'nightly',
      nightlyHours: [1, 2, 3, 4],
      weekendFactor: 0,
      weekdayRequests: 6_000,
      tokens: mix({ uncachedInput: 6_000, output: 1_500 }),
    }),
    workload({
      ...anthropic('platform', 'code-review'),
      ...office,
      id: 'code-review',
      model: SONNET,
      weekdayRequests: 8_000,
      tokens: mix({ uncachedInput: 4_000, cacheRead: 12_000, cacheWrite1h: 2_000, output: 1_500 }),
    }),
    workload({
      ...anthropic('platform', 'code-review'),
      ...office,
      id: 'code-review-long-context',
      model: SONNET,
      longContext: true,
      hourProbability: 0.3,
      weekdayRequests: 60,
      tokens: mix({ uncachedInput: 30_000, cacheRead: 200_000, cacheWrite1h: 10_000, output: 3_000 }),
    }),
    workload({
      ...anthropic('data', 'etl-summarizer'),
      id: 'etl-summarizer-batch',
      model: HAIKU,
      batch: true,
      shape: 'nightly',
      nightlyHours: [2, 3, 4, 5],
      weekendFactor: 1,
      weekdayRequests: 50_000,
      tokens: mix({ uncachedInput: 3_000, output: 300 }),
    }),
    workload({
      ...openai('data', 'classifier'),
      ...office,
      id: 'classifier',
      model: GPT_4_1,
      weekdayRequests: 10_000,
      tokens: mix({ uncachedInput: 800, cacheRead: 400, output: 20 }),
    }),
    workload({
      ...openai('data', 'classifier'),
      id: 'classifier-batch',
      model: GPT_4_1,
      batch: true,
      shape: 'nightly',
      nightlyHours: [0, 1],
      weekendFactor: 1,
      weekdayRequests: 20_000,
      tokens: mix({ uncachedInput: 900, output: 20 }),
    }),
    workload({
      ...openai('data', 'sql-assistant'),
      ...office,
      id: 'sql-assistant',
      model: GPT_4_1,
      weekdayRequests: 3_000,
      tokens: mix({ uncachedInput: 2_500, cacheRead: 1_500, output: 400 }),
    }),
    workload({
      ...anthropic('mobile', 'voice-notes'),
      id: 'voice-notes',
      model: HAIKU,
      weekendFactor: 0.6,
      weekdayRequests: 20_000,
      tokens: mix({ uncachedInput: 2_500, output: 400 }),
    }),
    workload({
      ...openai('mobile', 'smart-reply'),
      id: 'smart-reply',
      model: GPT_5_MINI,
      weekendFactor: 0.6,
      weekdayRequests: 40_000,
      tokens: mix({ uncachedInput: 400, cacheRead: 300, output: 60 }),
    }),
    workload({
      id: 'orphan',
      team: null,
      feature: null,
      provider: 'openai',
      scopeId: 'proj_sandbox',
      apiKeyId: 'key_orphan_7f3a',
      model: GPT_5_4,
      shape: 'flat',
      weekendFactor: 1,
      weekdayRequests: 14_800,
      tokens: mix({ uncachedInput: 1_200, output: 700 }),
    }),
    workload({
      id: 'console-sonnet',
      team: null,
      feature: null,
      provider: 'anthropic',
      scopeId: null,
      apiKeyId: null,
      model: SONNET,
      ...office,
      weekdayRequests: 300,
      tokens: mix({ uncachedInput: 3_000, output: 800 }),
    }),
    workload({
      id: 'console-opus',
      team: null,
      feature: null,
      provider: 'anthropic',
      scopeId: null,
      apiKeyId: null,
      model: OPUS,
      ...office,
      hourProbability: 0.25,
      weekdayRequests: 40,
      tokens: mix({ uncachedInput: 3_000, output: 1_000 }),
    }),
  ];
}

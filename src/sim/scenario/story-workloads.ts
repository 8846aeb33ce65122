import { type DemoStory, HOUR } from './demo-story.js';
import { MODELS, mix, tokensPerRequestTotal, type Workload, workload } from './workload.js';

/** Team search; ask-docs launches on `launch` and carries as many tokens as the rest of search. */
export function searchWorkloads(launch: number): Workload[] {
  const search = { team: 'search', provider: 'anthropic', scopeId: 'wrkspc_search' } as const;
  const semanticSearch = workload({
    ...search,
    id: 'semantic-search',
    feature: 'semantic-search',
    apiKeyId: 'apikey_semantic_search',
    model: MODELS.HAIKU,
    weekdayRequests: 60_000,
    tokens: mix({ uncachedInput: 900, cacheRead: 2_000, cacheWrite5m: 100, output: 150 }),
  });
  const queryRewrite = workload({
    ...search,
    id: 'query-rewrite',
    feature: 'query-rewrite',
    apiKeyId: 'apikey_query_rewrite',
    model: MODELS.HAIKU,
    weekdayRequests: 90_000,
    tokens: mix({ uncachedInput: 500, cacheRead: 300, output: 80 }),
  });
  // ask-docs is sized to carry as many tokens as the rest of search, so the launch doubles them.
  const askDocsTokens = mix({ uncachedInput: 1_500, cacheRead: 6_000, cacheWrite5m: 400, output: 600 });
  const restOfSearch = [semanticSearch, queryRewrite].reduce(
    (sum, w) => sum + w.weekdayRequests * tokensPerRequestTotal(w.tokens),
    0,
  );
  const askDocsRequests = restOfSearch / tokensPerRequestTotal(askDocsTokens);
  // Rolled out in the morning of launch day.
  const launched = (hourStart: number) => ({ volume: hourStart >= launch + 7 * HOUR ? 1 : 0 });
  const askDocs = (key: 'prod' | 'canary', share: number) =>
    workload({
      ...search,
      id: `ask-docs-${key}`,
      feature: 'ask-docs',
      apiKeyId: `apikey_ask_docs_${key}`,
      model: MODELS.SONNET,
      weekdayRequests: askDocsRequests * share,
      tokens: askDocsTokens,
      adjust: launched,
    });
  return [semanticSearch, queryRewrite, askDocs('prod', 0.9), askDocs('canary', 0.1)];
}

/** Team support; support-bot has a slow week on Sonnet 4.5, then moves most traffic to gpt-5.4. */
export function supportWorkloads(story: DemoStory): Workload[] {
  const supportBotRequests = 90_000;
  const normal = mix({ uncachedInput: 1_800, cacheRead: 4_500, cacheWrite5m: 300, output: 500 });
  // The slow week: retries, cache misses and rambling answers on the old model.
  const troubled = mix({ uncachedInput: 4_050, cacheRead: 2_250, cacheWrite5m: 300, output: 900 });
  const onSonnet = (hourStart: number) => {
    if (hourStart >= story.switchDay) return { volume: 1 - story.switchShare };
    if (hourStart >= story.troubleWeekStart) return { volume: 1.2, tokens: troubled };
    return { volume: 1 };
  };
  const onGpt = (hourStart: number) => ({ volume: hourStart >= story.switchDay ? story.switchShare : 0 });
  return [
    workload({
      id: 'support-bot-anthropic',
      team: 'support',
      feature: 'support-bot',
      provider: 'anthropic',
      scopeId: 'wrkspc_support',
      apiKeyId: 'apikey_support_bot',
      model: story.switchFrom,
      weekdayRequests: supportBotRequests,
      tokens: normal,
      adjust: onSonnet,
    }),
    workload({
      id: 'support-bot-openai',
      team: 'support',
      feature: 'support-bot',
      provider: 'openai',
      scopeId: 'proj_support',
      apiKeyId: 'key_support_bot',
      model: story.switchTo,
      weekdayRequests: supportBotRequests,
      tokens: mix({ uncachedInput: 1_800, cacheRead: 4_800, output: 500 }),
      adjust: onGpt,
    }),
    workload({
      id: 'ticket-triage',
      team: 'support',
      feature: 'ticket-triage',
      provider: 'openai',
      scopeId: 'proj_support',
      apiKeyId: 'key_ticket_triage',
      model: MODELS.GPT_5_MINI,
      shape: 'office',
      weekendFactor: 0.15,
      weekdayRequests: 30_000,
      tokens: mix({ uncachedInput: 1_200, cacheRead: 800, output: 150 }),
    }),
  ];
}

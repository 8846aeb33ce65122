import type { DigestInput } from '../../../src/core/digest/digest-view.js';
import { digestWeeks } from '../../../src/core/digest/digest-weeks.js';
import type { DigestRow } from '../../../src/core/digest/top-movers.js';
import type { QuotaRow } from '../../../src/core/views/quota-view.js';

export const NOW = Date.UTC(2026, 10, 30, 9) / 1000;
export const WEEKS = digestWeeks(NOW);
const DAY = 86_400;

export function row(
  team: string,
  feature: string,
  source: string,
  model: string,
  dollars: number,
  millions: number,
  { estimated = false }: { estimated?: boolean } = {},
): DigestRow {
  const micros = Math.round(dollars * 1e6);
  return {
    team,
    feature,
    source,
    model,
    micros,
    billedMicros: estimated ? 0 : micros,
    estimatedMicros: estimated ? micros : 0,
    unpricedTokens: 0,
    tokens: millions * 1e6,
    firstDay: WEEKS.start + DAY,
  };
}

export function quota(name: string, peak: number | null, teams: QuotaRow['teams']): QuotaRow {
  return {
    region: 'us-east-1',
    name,
    inference_type: 'cross_region',
    limit_tpm: 2_000_000,
    models: ['profile'],
    now_percent: null,
    now_at: null,
    peak_percent: peak,
    peak_at: peak === null ? null : '2026-11-26T15:20:00Z',
    minutes_over_threshold: 0,
    throttles: 0,
    teams,
  };
}

/** An organisation week: search ships ask-docs, support moves support-bot to OpenAI. */
export function orgInput(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    team: 'all',
    weeks: WEEKS,
    previous: [
      row('search', 'semantic-search', 'anthropic', 'claude-haiku-4-5', 700, 1_000),
      row('support', 'support-bot', 'anthropic', 'claude-sonnet-4-5', 16_000, 4_500),
      row('growth', 'seo-briefs', 'openai', 'gpt-5-mini', 80, 60),
      row('unallocated', '(none)', 'openai', 'gpt-5-mini', 300, 200),
    ],
    current: [
      row('search', 'semantic-search', 'anthropic', 'claude-haiku-4-5', 720, 1_030),
      row('search', 'ask-docs', 'anthropic', 'claude-sonnet-4-5', 2_400, 1_250, { estimated: true }),
      row('support', 'support-bot', 'anthropic', 'claude-sonnet-4-5', 1_500, 700),
      row('support', 'support-bot', 'openai', 'gpt-5.4', 5_300, 2_800),
      row('unallocated', '(none)', 'openai', 'gpt-5-mini', 330, 220),
    ],
    orgWeek: { totalMicros: 10_250e6, unallocatedMicros: 330e6 },
    daily: [
      { day: WEEKS.previousStart, source: 'anthropic', micros: 2_000e6 },
      { day: WEEKS.start, source: 'anthropic', micros: 500e6 },
      { day: WEEKS.start, source: 'openai', micros: 800e6 },
      { day: WEEKS.end - DAY, source: 'openai', micros: 700e6 },
    ],
    budgets: [
      { team: 'search', budgetMicros: 10_000e6, monthToDateMicros: 6_000e6, weekMicros: 3_120e6 },
      { team: 'support', budgetMicros: 40_000e6, monthToDateMicros: 30_000e6, weekMicros: 6_800e6 },
    ],
    quotas: [
      quota('Cross-Region InvokeModel tokens per minute for Anthropic Claude Haiku 4.5', 90.3, [
        { team: 'data', share: 1 },
      ]),
      quota('Cross-Region InvokeModel tokens per minute for Anthropic Claude Sonnet 4.5', 41.5, [
        { team: 'search', share: 0.7 },
        { team: 'unallocated', share: 0.3 },
      ]),
      quota('On-demand InvokeModel tokens per minute for Meta Llama 3.3 70B', null, []),
    ],
    alerts: { open: 2, acknowledged: 1 },
    freshness: [
      { source: 'anthropic', usageThrough: NOW, billedThrough: WEEKS.end - 2 * DAY },
      { source: 'openai', usageThrough: NOW - 3_600, billedThrough: WEEKS.end - DAY },
    ],
    ...overrides,
  };
}

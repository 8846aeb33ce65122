import { AiSpendError } from '../../core/errors.js';
import { roundHalfEven } from '../../core/money.js';

/**
 * List prices the scenario bills at, in integer micro-USD per million tokens (so $3/MTok is
 * 3_000_000). They match the public list prices; batch is half of each rate.
 */
export interface AnthropicRates {
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
}

export interface AnthropicModelPrice {
  /** How the cost report names the model in a line description ("Claude Sonnet 4.5"). */
  displayName: string;
  standard: AnthropicRates;
  /** Rates for requests over 200k input tokens (`context_window: 200k-1M`), where they differ. */
  longContext?: AnthropicRates;
}

export const ANTHROPIC_LIST_PRICES: Readonly<Record<string, AnthropicModelPrice>> = {
  'claude-sonnet-4-5-20250929': {
    displayName: 'Claude Sonnet 4.5',
    standard: {
      input: 3_000_000,
      cacheWrite5m: 3_750_000,
      cacheWrite1h: 6_000_000,
      cacheRead: 300_000,
      output: 15_000_000,
    },
    longContext: {
      input: 6_000_000,
      cacheWrite5m: 7_500_000,
      cacheWrite1h: 12_000_000,
      cacheRead: 600_000,
      output: 22_500_000,
    },
  },
  'claude-haiku-4-5-20251001': {
    displayName: 'Claude Haiku 4.5',
    standard: {
      input: 1_000_000,
      cacheWrite5m: 1_250_000,
      cacheWrite1h: 2_000_000,
      cacheRead: 100_000,
      output: 5_000_000,
    },
  },
  'claude-opus-4-1-20250805': {
    displayName: 'Claude Opus 4.1',
    standard: {
      input: 15_000_000,
      cacheWrite5m: 18_750_000,
      cacheWrite1h: 30_000_000,
      cacheRead: 1_500_000,
      output: 75_000_000,
    },
  },
};

export interface OpenAiRates {
  input: number;
  cachedInput: number;
  output: number;
}

export const OPENAI_LIST_PRICES: Readonly<Record<string, OpenAiRates>> = {
  'gpt-5.4': { input: 2_500_000, cachedInput: 250_000, output: 15_000_000 },
  'gpt-5-mini': { input: 250_000, cachedInput: 25_000, output: 2_000_000 },
  'gpt-4.1-2025-04-14': { input: 2_000_000, cachedInput: 500_000, output: 8_000_000 },
};

/** The Anthropic rates for one usage row's model, tier and context window. */
export function anthropicRates(
  model: string,
  { batch, longContext }: { batch: boolean; longContext: boolean },
): AnthropicRates {
  const price = ANTHROPIC_LIST_PRICES[model];
  if (!price) throw new AiSpendError('input_invalid', `no scenario list price for ${model}`);
  const rates = longContext && price.longContext ? price.longContext : price.standard;
  if (!batch) return rates;
  return {
    input: rates.input / 2,
    cacheWrite5m: rates.cacheWrite5m / 2,
    cacheWrite1h: rates.cacheWrite1h / 2,
    cacheRead: rates.cacheRead / 2,
    output: rates.output / 2,
  };
}

/** The OpenAI rates for one model, halved for the Batch API. */
export function openAiRates(model: string, { batch }: { batch: boolean }): OpenAiRates {
  const rates = OPENAI_LIST_PRICES[model];
  if (!rates) throw new AiSpendError('input_invalid', `no scenario list price for ${model}`);
  if (!batch) return rates;
  return { input: rates.input / 2, cachedInput: rates.cachedInput / 2, output: rates.output / 2 };
}

/** `tokens` × `microsPerMTok` / 1,000,000, rounded half to even: one cost line in micro-USD. */
export function lineCostMicros(tokens: number, microsPerMTok: number): number {
  return Number(roundHalfEven(BigInt(tokens) * BigInt(microsPerMTok), 1_000_000n));
}

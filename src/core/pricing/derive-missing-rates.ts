import type { NullableRates } from './nullable-rates.js';
import { scaleRate } from './rate-from-decimal.js';

/** Whose caching rules a model follows; decides which missing rates may be derived. */
export type ModelFamily = 'claude' | 'openai' | 'other';

const OPENAI_MODEL = /^(gpt-|o\d|chatgpt|codex|computer-use|text-embedding)/i;

/** Claude on any platform follows Anthropic's cache rules; OpenAI models (also on Azure) OpenAI's. */
export function modelFamily(owner: string, modelId: string): ModelFamily {
  if (/claude/i.test(modelId)) return 'claude';
  if (owner === 'openai' || (owner === 'azure' && OPENAI_MODEL.test(modelId))) return 'openai';
  return 'other';
}

/**
 * Fills rates a price list leaves out where the provider documents the rule, naming each rule in
 * `derived`. Cache reads are never derived: their ratio differs per model (0.1×, 0.05×, 0.025×), so
 * a missing read rate stays `null` and such tokens leave the estimate partially priced.
 */
export function deriveMissingRates(
  rates: NullableRates,
  family: ModelFamily,
): { rates: NullableRates; derived: string[] } {
  const input = rates.uncachedInput;
  const filled = { ...rates };
  const derived: string[] = [];
  if (input === null) return { rates: filled, derived };
  if (family === 'claude') {
    // Anthropic prompt caching: 5-minute writes cost 1.25× base input, 1-hour writes 2×. Bedrock and
    // Vertex list no 1-hour rate for most Claude models although they bill 1-hour writes.
    if (filled.cacheWrite5m === null) {
      filled.cacheWrite5m = scaleRate(input, 5n, 4n);
      derived.push('cache_write_5m=1.25x_input');
    }
    if (filled.cacheWrite1h === null) {
      filled.cacheWrite1h = scaleRate(input, 2n, 1n);
      derived.push('cache_write_1h=2x_input');
    }
  } else if (family === 'openai' && filled.cacheWrite5m === null && filled.cacheRead !== null) {
    // OpenAI models that cache (they list a read rate) but have no cache-write rate bill the prompt
    // tokens that fill the cache as ordinary input.
    filled.cacheWrite5m = input;
    derived.push('cache_write=input');
  }
  return { rates: filled, derived };
}

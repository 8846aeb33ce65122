import { SOURCES, type SourceId } from '../facts.js';
import { modelFamily } from '../model-family.js';

/**
 * How capable a model is, coarsely, so a what-if compares like with like by default:
 * - `frontier`: the largest general models (Claude Opus, GPT-5 / GPT-5.x, Gemini Pro);
 * - `reasoning`: OpenAI's o-series, priced for long hidden reasoning;
 * - `mid`: the workhorses (Claude Sonnet, GPT-4.1 / GPT-4o, Gemini Flash, Nova Pro, Llama 70B+);
 * - `small`: cheap and fast (Claude Haiku, GPT mini / nano, Gemini Flash-Lite, Nova Lite / Micro).
 */
export type CapabilityClass = 'frontier' | 'reasoning' | 'mid' | 'small';

/** A model to re-price on: the provider it is bought from and its id there. */
export interface RepriceTarget {
  source: SourceId;
  model: string;
}

/** First match wins, over the model family (`modelFamily`), so order small before mid before frontier. */
const CLASS_RULES: ReadonlyArray<[RegExp, CapabilityClass]> = [
  [/^o\d(-mini|-pro)?$/, 'reasoning'],
  [/(haiku|-mini|-nano|flash-lite|nova-lite|nova-micro|llama.*-(1|3|8)b)/, 'small'],
  [/(opus|^gpt-5(\.\d+)?(-pro)?$|^gpt-6|gemini-.*-pro)/, 'frontier'],
  [/(sonnet|^gpt-4|gemini-.*-flash|nova-pro|nova-premier|llama.*-\d{2,3}b|mistral-large)/, 'mid'],
];

/** The usual alternatives per class, as catalog ids on their own provider (list prices resolve). */
export const CLASS_ALTERNATIVES: Readonly<Record<CapabilityClass, readonly RepriceTarget[]>> = {
  frontier: [
    { source: 'anthropic', model: 'claude-opus-4-6' },
    { source: 'openai', model: 'gpt-5.4' },
    { source: 'openai', model: 'gpt-5' },
    { source: 'vertex', model: 'gemini-2.5-pro' },
  ],
  reasoning: [
    { source: 'openai', model: 'o3' },
    { source: 'openai', model: 'o4-mini' },
    { source: 'openai', model: 'gpt-5' },
  ],
  mid: [
    { source: 'anthropic', model: 'claude-sonnet-4-5' },
    { source: 'bedrock', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0' },
    { source: 'openai', model: 'gpt-4.1' },
    { source: 'vertex', model: 'gemini-2.5-flash' },
    { source: 'bedrock', model: 'amazon.nova-pro-v1:0' },
  ],
  small: [
    { source: 'anthropic', model: 'claude-haiku-4-5' },
    { source: 'openai', model: 'gpt-5-mini' },
    { source: 'openai', model: 'gpt-4o-mini' },
    { source: 'vertex', model: 'gemini-2.5-flash-lite' },
    { source: 'bedrock', model: 'amazon.nova-lite-v1:0' },
  ],
};

/** The class of a model id as any provider spells it, or `undefined` when the table does not know it. */
export function capabilityClass(model: string): CapabilityClass | undefined {
  const family = modelFamily(model);
  return CLASS_RULES.find(([pattern]) => pattern.test(family))?.[1];
}

/** Every model the table proposes, as `source:model`, for "did you mean" answers. */
export function knownTargets(): string[] {
  return Object.values(CLASS_ALTERNATIVES).flatMap((targets) =>
    targets.map((target) => `${target.source}:${target.model}`),
  );
}

/**
 * Reads a `to <model>` word: `source:model` names the provider (`bedrock:amazon.nova-pro-v1:0`);
 * a bare model goes to its maker's own API (Claude → anthropic, GPT / o-series → openai, Gemini →
 * vertex, other Bedrock ids → bedrock), or `undefined` when that cannot be told.
 */
export function parseTarget(text: string): RepriceTarget | undefined {
  const word = text.trim();
  const colon = word.indexOf(':');
  if (colon > 0) {
    const source = word.slice(0, colon) as SourceId;
    if ((SOURCES as readonly string[]).includes(source) && colon < word.length - 1) {
      return { source, model: word.slice(colon + 1) };
    }
  }
  const family = modelFamily(word);
  if (/^(anthropic\.|(us|eu|apac|jp|au|global)\.|amazon\.|meta\.|mistral\.|arn:)/.test(word)) {
    return { source: 'bedrock', model: word };
  }
  if (family.startsWith('claude')) return { source: 'anthropic', model: word };
  if (/^(gpt-|o\d|chatgpt)/.test(family)) return { source: 'openai', model: word };
  if (family.startsWith('gemini')) return { source: 'vertex', model: word };
  if (/^(nova|llama)/.test(family)) return { source: 'bedrock', model: word };
  return undefined;
}

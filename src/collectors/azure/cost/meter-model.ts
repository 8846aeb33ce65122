const MODEL_FAMILY =
  /^(gpt|o\d|text-embedding|dall-e|whisper|tts|davinci|babbage|phi|llama|mistral|deepseek|grok|claude)/i;

/**
 * The model a Cost Management meter names, without its version: "gpt-4o-mini-0718 Inp glbl Tokens"
 * → `gpt-4o-mini`, "gpt-4.1-2025-04-14 Outp Data Zone Tokens" → `gpt-4.1`. `undefined` when the
 * meter names no model ("Provisioned Managed Global Unit").
 */
export function meterModel(meter: string): string | undefined {
  const [first] = meter.trim().split(/\s+/);
  if (!first || !MODEL_FAMILY.test(first)) return undefined;
  return first
    .replace(/-\d{4}-\d{2}-\d{2}$/, '')
    .replace(/-\d{4}$/, '')
    .toLowerCase();
}

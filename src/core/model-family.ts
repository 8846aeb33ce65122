/**
 * The model family an id belongs to, the same whichever way it was bought or spelled, so billed
 * lines, usage and answers can compare one model across procurement paths:
 * - Claude direct (`claude-sonnet-4-5-20250929`), on Bedrock (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
 *   or a foundation-model ARN) and on Vertex (`claude-sonnet-4-5@20250929`,
 *   `publishers/anthropic/models/claude-sonnet-4-5@20250929`) are all `claude-sonnet-4-5`;
 * - GPT on OpenAI (`gpt-4.1-2025-04-14`) and on Azure (`gpt-4.1`, version apart; `gpt-35-turbo`)
 *   and OpenAI's older `gpt-3.5-turbo-0125` are `gpt-4.1` and `gpt-3.5-turbo`;
 * - Gemini on Vertex (`gemini-2.5-pro`, `gemini-2.0-flash-001`) is `gemini-2.5-pro`, `gemini-2.0-flash`.
 */
export function modelFamily(model: string): string {
  const known = families.get(model);
  if (known !== undefined) return known;
  const family = familyOf(model);
  // Model ids are few; the bound only guards against a flood of odd ids.
  if (families.size >= MAX_REMEMBERED) families.clear();
  families.set(model, family);
  return family;
}

/** Answers already worked out: SQL breakdowns ask for every fact's model, many times a pass. */
const families = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

function familyOf(model: string): string {
  let family = model
    .toLowerCase()
    .trim()
    .replace(/^.*\/publishers\/[^/]+\/models\//, '')
    .replace(/^publishers\/[^/]+\/models\//, '')
    .replace(/^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\//, '')
    .replace(/^(us|eu|apac|jp|au|ca|us-gov|global)\./, '')
    .replace(/^(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|stability)\./, '');
  // Versions and dates trail in any order (`-v2@20241022`, `-20241022-v2:0`): strip until stable.
  for (let previous = ''; previous !== family; ) {
    previous = family;
    family = family
      .replace(/-v\d+(:\d+)?$/, '')
      .replace(/@\d{8}$/, '')
      .replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '')
      .replace(/^(gemini-.*)-\d{3}$/, '$1')
      .replace(/^(gpt-.*)-\d{4}$/, '$1');
  }
  return family.replace(/^gpt-35-/, 'gpt-3.5-');
}

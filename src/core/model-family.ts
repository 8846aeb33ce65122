/**
 * The model family an id belongs to, the same whichever way it was bought or spelled, so billed
 * lines and usage can be matched: `claude-sonnet-4-5-20250929`, `us.anthropic.claude-sonnet-4-5-20250929-v1:0`
 * and `claude-sonnet-4-5@20250929` are all `claude-sonnet-4-5`; `gpt-4.1-2025-04-14` is `gpt-4.1`.
 */
export function modelFamily(model: string): string {
  return model
    .toLowerCase()
    .replace(/^(us|eu|apac|jp|au|ca|us-gov|global)\./, '')
    .replace(/^(anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|stability)\./, '')
    .replace(/-v\d+(:\d+)?$/, '')
    .replace(/@\d{8}$/, '')
    .replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '');
}

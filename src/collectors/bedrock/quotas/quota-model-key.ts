import { modelFamily } from '../../../core/model-family.js';

/** Vendor words that start quota display names but not model ids (after the `vendor.` prefix). */
const VENDORS = new Set([
  'ai21',
  'amazon',
  'anthropic',
  'cohere',
  'deepseek',
  'google',
  'meta',
  'minimax',
  'moonshot',
  'nvidia',
  'openai',
  'qwen',
  'stability',
  'twelvelabs',
  'writer',
]);
const VENDOR_TAILS = new Set(['ai', 'labs']);

/**
 * The key a quota's model display name matches model ids on: `Anthropic Claude 3.5 Haiku` →
 * `claude-3-5-haiku`, `Meta Llama 3.3 70B Instruct` → `llama3-3-70b-instruct`, `Cohere Command R+`
 * → `command-r-plus`. A trailing note in parentheses with words in it is dropped.
 */
export function quotaModelKey(displayName: string): string {
  const words = displayName
    .toLowerCase()
    .replace(/\s*\([^)]*\s[^)]*\)\s*$/, '')
    .replace(/\+/g, ' plus')
    .split(/[^a-z0-9.]+/)
    .filter((word) => word !== '');
  if (words.length > 1 && VENDORS.has(words[0] ?? '')) words.shift();
  if (words.length > 1 && VENDOR_TAILS.has(words[0] ?? '')) words.shift();
  return (
    words
      .join('-')
      .replace(/\./g, '-')
      // Llama ids glue the major version to the name: `llama3-3-70b-instruct`.
      .replace(/^llama-(\d)/, 'llama$1')
      .replace(/-v1$/, '')
  );
}

/**
 * The key a Bedrock model id matches quota display names on: its `modelFamily`, plus `-vN` for a
 * second or later model version (`anthropic.claude-3-5-sonnet-20241022-v2:0` →
 * `claude-3-5-sonnet-v2`, the quota's `Claude 3.5 Sonnet V2`). Takes the resource part of an ARN.
 */
export function modelIdKey(modelId: string): string {
  const id = modelId
    .toLowerCase()
    .replace(/^arn:[^/]*\//, '')
    // Context-window variants such as `…-v1:0:200k` share the base model's quota.
    .replace(/:\d+k$/, '');
  const version = /-v(\d+)(?::\d+)?$/.exec(id);
  // `openai.gpt-oss-120b-1:0` carries its version without a `v`.
  const family = modelFamily(id).replace(/-\d+:\d+$/, '');
  return version && Number(version[1]) >= 2 ? `${family}-v${version[1]}` : family;
}

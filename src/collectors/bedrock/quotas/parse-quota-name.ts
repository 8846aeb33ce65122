import type { InferenceType, QuotaLimit } from '../../../core/facts.js';

/** What a Bedrock per-minute quota's name says: its scope, its unit, and the model display name. */
export interface ParsedQuotaName {
  inferenceType: InferenceType;
  unit: QuotaLimit['unit'];
  /** As written after "for ", e.g. `Anthropic Claude Sonnet 4.5`. */
  modelName: string;
}

// Current wording says "InvokeModel", older accounts say "model inference"; cross-Region has been
// spelled with a capital and a small R.
const QUOTA_NAME =
  /^(global cross-region|cross-region|on-demand)\s+(?:(?:invokemodel|model inference)\s+)?(tokens|requests) per minute for\s+(.+)$/i;

const SCOPES: Readonly<Record<string, InferenceType>> = {
  'on-demand': 'on_demand',
  'cross-region': 'cross_region',
  'global cross-region': 'global',
};

/**
 * Parses a Bedrock TPM/RPM quota name such as `Cross-Region InvokeModel tokens per minute for
 * Anthropic Claude Sonnet 4.6`. Any other quota (per-day, batch, provisioned, latency-optimized,
 * account-wide) gives `undefined`.
 */
export function parseQuotaName(quotaName: string): ParsedQuotaName | undefined {
  const match = QUOTA_NAME.exec(quotaName.trim());
  if (!match) return undefined;
  const [, scope = '', unit = '', modelName = ''] = match;
  const inferenceType = SCOPES[scope.toLowerCase().replace(/\s+/g, ' ')];
  if (inferenceType === undefined) return undefined;
  return {
    inferenceType,
    unit: unit.toLowerCase() === 'tokens' ? 'tokens_per_minute' : 'requests_per_minute',
    modelName: modelName.trim(),
  };
}

import type { InferenceType } from './facts.js';

/**
 * Which Bedrock quota family a model id draws on: a geo profile (`us.`, `eu.`, `apac.`, `jp.`,
 * `au.`, `ca.`) the cross-region quota, `global.` the global one, a base model id the on-demand one.
 */
export function inferenceTypeOf(modelId: string): InferenceType {
  if (modelId.startsWith('global.')) return 'global';
  if (/^(us|eu|apac|jp|au|ca|us-gov)\./.test(modelId)) return 'cross_region';
  return 'on_demand';
}

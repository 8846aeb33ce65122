import type { InferenceType } from './facts.js';

const GEO_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca)\./;

/**
 * Which Bedrock quota family a model id draws on: a geo profile (`us.`, `us-gov.`, `eu.`, `apac.`,
 * `jp.`, `au.`, `ca.`) the cross-region quota, `global.` the global one, a base model id the
 * on-demand one. ARNs are read by their resource part; an application profile ARN must be resolved
 * to the id it copies first, or it reads as on-demand.
 */
export function inferenceTypeOf(modelId: string): InferenceType {
  const id = modelId.toLowerCase().replace(/^arn:[^/]*\//, '');
  if (id.startsWith('global.')) return 'global';
  return GEO_PREFIX.test(id) ? 'cross_region' : 'on_demand';
}

import type { InferenceType } from '../../../core/facts.js';

const GEO_PREFIX = /^(us|us-gov|eu|apac|jp|au|ca)\./;

/**
 * Which kind of Bedrock quota a model id draws on: a system profile's geo prefix (`us.`, `eu.`, …)
 * means cross-Region, `global.` means global cross-Region, a bare model id means on-demand in the
 * region. ARNs are read by their resource part; an application profile ARN must be resolved to the
 * id it copies first, or it reads as on-demand.
 */
export function inferenceTypeOf(modelId: string): InferenceType {
  const id = modelId.toLowerCase().replace(/^arn:[^/]*\//, '');
  if (id.startsWith('global.')) return 'global';
  return GEO_PREFIX.test(id) ? 'cross_region' : 'on_demand';
}

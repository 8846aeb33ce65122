const RESOURCE_NAME = /\/models\/([^/]+)$/;
const BEDROCK_ARN = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/(.+)$/;

/**
 * The model id a price list knows from the name a source reports: Vertex resource names
 * (`projects/p/locations/l/publishers/google/models/gemini-2.5-flash`) and Bedrock foundation-model or
 * system inference-profile ARNs keep only their last part. Application inference profiles and Azure
 * deployments are opaque and need `prices.aliases`.
 */
export function normalizeModelId(model: string): string {
  const trimmed = model.trim();
  const arn = BEDROCK_ARN.exec(trimmed);
  if (arn?.[1]) return arn[1];
  const resource = RESOURCE_NAME.exec(trimmed);
  return resource?.[1] ?? trimmed;
}

import type { BedrockProfile } from '../../scenario-types.js';

/** Destination regions of each system cross-region profile prefix (a representative set). */
const GEO_REGIONS: Readonly<Record<string, readonly string[]>> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  'us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  eu: ['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2'],
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  ca: ['ca-central-1', 'ca-west-1'],
  global: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1', 'sa-east-1'],
};

const PREFIX = /^(us-gov|us|eu|apac|jp|au|ca|global)\.(.+)$/;

/**
 * The `InferenceProfileSummary` (restJson1, Bedrock control plane) of an application profile.
 * Like Bedrock, `models` lists foundation-model ARNs: one in the profile's region when it copies a
 * model, one per destination region when it copies a system cross-region profile.
 */
export function inferenceProfileSummary(profile: BedrockProfile): Record<string, unknown> {
  return {
    inferenceProfileName: profile.name,
    inferenceProfileArn: profile.arn,
    inferenceProfileId: profile.arn.slice(profile.arn.lastIndexOf('/') + 1),
    models: modelArns(profile).map((modelArn) => ({ modelArn })),
    status: 'ACTIVE',
    type: 'APPLICATION',
  };
}

function modelArns(profile: BedrockProfile): string[] {
  if (profile.copyFrom.startsWith('arn:')) return [profile.copyFrom];
  const prefixed = PREFIX.exec(profile.copyFrom);
  const regions = prefixed ? (GEO_REGIONS[prefixed[1] ?? ''] ?? [profile.region]) : [profile.region];
  const modelId = prefixed?.[2] ?? profile.copyFrom;
  return regions.map((region) => `arn:aws:bedrock:${region}::foundation-model/${modelId}`);
}

import {
  type BedrockClient,
  type InferenceProfileSummary,
  ListTagsForResourceCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { AiSpendError } from '../../../core/errors.js';
import { BEDROCK_CONTROL_PLANE, endpointHint } from '../aws-service.js';
import { classifyAwsError } from '../classify-aws-error.js';
import { sourceModelId } from './source-model-id.js';

/** An application inference profile: what it runs and how it is tagged (its team, its feature). */
export interface ApplicationProfile {
  arn: string;
  /** The last part of the ARN (`a1b2c3d4e5f6`); Bedrock accepts it wherever the ARN is accepted. */
  id: string;
  name: string;
  /** The model or system profile id it copies (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`). */
  model: string;
  tags: Record<string, string>;
}

export interface ReadApplicationProfilesOptions {
  /** A Bedrock control-plane client for `region`. */
  client: BedrockClient;
  region: string;
}

/**
 * The application inference profiles of one region with their source model and tags, keyed by
 * profile ARN and also by profile id: CloudWatch reports whatever `modelId` the caller invoked
 * with, and both spellings are accepted. Both keys hold the same object, so count profiles by
 * distinct values. Throws `AiSpendError` when Bedrock fails.
 */
export async function readApplicationProfiles({
  client,
  region,
}: ReadApplicationProfilesOptions): Promise<Map<string, ApplicationProfile>> {
  const profiles = new Map<string, ApplicationProfile>();
  try {
    for await (const page of paginateListInferenceProfiles({ client }, { typeEquals: 'APPLICATION' })) {
      for (const summary of page.inferenceProfileSummaries ?? []) {
        const profile = await describeProfile(client, summary, region);
        profiles.set(profile.arn, profile);
        profiles.set(profile.id, profile);
      }
    }
  } catch (error) {
    throw classifyAwsError(error, {
      service: BEDROCK_CONTROL_PLANE,
      region,
      permissions: ['ListInferenceProfiles', 'ListTagsForResource'],
      orElse: 'list the profiles under sources.bedrock.inference_profiles in ai-spend.yml',
    });
  }
  return profiles;
}

async function describeProfile(
  client: BedrockClient,
  summary: InferenceProfileSummary,
  region: string,
): Promise<ApplicationProfile> {
  const arn = summary.inferenceProfileArn;
  const model = sourceModelId((summary.models ?? []).flatMap((entry) => entry.modelArn ?? []));
  if (arn === undefined || model === undefined) {
    throw new AiSpendError(
      'provider_schema',
      `Bedrock listed an inference profile without an ARN or a model: ${JSON.stringify(summary)}`,
      { hint: endpointHint(BEDROCK_CONTROL_PLANE, region) },
    );
  }
  const { tags = [] } = await client.send(new ListTagsForResourceCommand({ resourceARN: arn }));
  return {
    arn,
    id: summary.inferenceProfileId ?? arn.slice(arn.lastIndexOf('/') + 1),
    name: summary.inferenceProfileName ?? '',
    model,
    tags: Object.fromEntries(
      tags.flatMap(({ key, value }) => (key === undefined ? [] : [[key, value ?? '']])),
    ),
  };
}

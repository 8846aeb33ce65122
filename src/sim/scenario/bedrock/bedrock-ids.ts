/** The AWS account of the demo company. */
export const BEDROCK_ACCOUNT_ID = '123456789012';

/** Regions the demo company calls Bedrock in. */
export const BEDROCK_REGIONS = ['us-east-1', 'us-west-2'] as const;
export type BedrockRegion = (typeof BEDROCK_REGIONS)[number];

/** Model ids and system inference profiles the scenario calls or copies, as CloudWatch spells them. */
export const BEDROCK_MODEL_IDS = {
  SONNET_US: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  SONNET_GLOBAL: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  HAIKU_US: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  CLAUDE_3_HAIKU: 'anthropic.claude-3-haiku-20240307-v1:0',
  NOVA_PRO_US: 'us.amazon.nova-pro-v1:0',
  LLAMA_70B: 'meta.llama3-3-70b-instruct-v1:0',
} as const;

/** `arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>`. */
export function applicationProfileArn(region: BedrockRegion, profileId: string): string {
  return `arn:aws:bedrock:${region}:${BEDROCK_ACCOUNT_ID}:application-inference-profile/${profileId}`;
}

/** The application inference profiles of the demo company, one per tagged feature. */
export const BEDROCK_PROFILE_ARNS = {
  docSummarizer: applicationProfileArn('us-east-1', 'q7d2kx9m4ab1'),
  codeReview: applicationProfileArn('us-east-1', 'r3c8vw5n0pz6'),
  voiceNotes: applicationProfileArn('us-east-1', 'v0n1te58k2hy'),
  ticketSummaries: applicationProfileArn('us-west-2', 't1ck3t59a7wq'),
} as const;

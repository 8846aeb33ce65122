import { BedrockClient } from '@aws-sdk/client-bedrock';
import {
  type BedrockControlSimulator,
  startBedrockControlSimulator,
} from '../../../../src/sim/aws/bedrock-control/server.js';
import type { BedrockProfile } from '../../../../src/sim/scenario-types.js';

export const profileArn = (region: string, id: string) =>
  `arn:aws:bedrock:${region}:111122223333:application-inference-profile/${id}`;

/** 3 application profiles in us-east-1 (2 tagged by team, 1 untagged) and 1 in eu-west-1. */
const PROFILES: BedrockProfile[] = [
  {
    arn: profileArn('us-east-1', 'srch0001'),
    region: 'us-east-1',
    name: 'search-ask-docs',
    copyFrom: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    tags: { team: 'search', feature: 'ask-docs' },
  },
  {
    arn: profileArn('us-east-1', 'supp0001'),
    region: 'us-east-1',
    name: 'support-bot',
    copyFrom: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    tags: { team: 'support' },
  },
  {
    arn: profileArn('us-east-1', 'glob0001'),
    region: 'us-east-1',
    name: 'global-sonnet',
    copyFrom: 'global.anthropic.claude-sonnet-4-6',
    tags: {},
  },
  {
    arn: profileArn('eu-west-1', 'euro0001'),
    region: 'eu-west-1',
    name: 'eu-search',
    copyFrom: 'eu.amazon.nova-pro-v1:0',
    tags: { team: 'search' },
  },
];

/** Simulators started by `start`; close them after each test. */
export const sims: BedrockControlSimulator[] = [];

/** A simulator over `PROFILES`, `pageSize` profiles a page when the request names none. */
export async function start(pageSize?: number): Promise<BedrockControlSimulator> {
  const sim = await startBedrockControlSimulator({ scenario: { profiles: PROFILES }, pageSize });
  sims.push(sim);
  return sim;
}

export function client(url: string, region = 'us-east-1'): BedrockClient {
  return new BedrockClient({
    region,
    endpoint: url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

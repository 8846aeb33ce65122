import { afterEach, describe, expect, it } from 'vitest';
import { readApplicationProfiles } from '../../../../src/collectors/bedrock/profiles/read-application-profiles.js';
import { AiSpendError } from '../../../../src/core/errors.js';
import { client, profileArn, sims, start } from '../../../sim/aws/bedrock-control/sim-harness.js';

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('readApplicationProfiles', () => {
  it('maps each of 3 profile ARNs to the model it copies and its tags', async () => {
    const { url } = await start();
    const profiles = await readApplicationProfiles({ client: client(url), region: 'us-east-1' });
    expect(new Set(profiles.values()).size).toBe(3);
    expect(profiles.get(profileArn('us-east-1', 'srch0001'))).toEqual({
      arn: profileArn('us-east-1', 'srch0001'),
      id: 'srch0001',
      name: 'search-ask-docs',
      model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      tags: { team: 'search', feature: 'ask-docs' },
    });
    expect(profiles.get(profileArn('us-east-1', 'supp0001'))).toMatchObject({
      model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
      tags: { team: 'support' },
    });
    expect(profiles.get(profileArn('us-east-1', 'glob0001'))).toMatchObject({
      model: 'global.anthropic.claude-sonnet-4-6',
      tags: {},
    });
  });

  it('finds a profile by its id as well as by its ARN', async () => {
    const { url } = await start();
    const profiles = await readApplicationProfiles({ client: client(url), region: 'us-east-1' });
    expect(profiles.get('supp0001')).toBe(profiles.get(profileArn('us-east-1', 'supp0001')));
  });

  it('reads eu-west-1 apart: 1 profile copying eu.amazon.nova-pro-v1:0', async () => {
    const { url } = await start();
    const profiles = await readApplicationProfiles({ client: client(url, 'eu-west-1'), region: 'eu-west-1' });
    expect([...new Set(profiles.values())].map(({ name, model }) => ({ name, model }))).toEqual([
      { name: 'eu-search', model: 'eu.amazon.nova-pro-v1:0' },
    ]);
  });

  it('follows nextToken over 2 pages of 2 and asks for application profiles only', async () => {
    const { url, requests } = await start(2);
    const profiles = await readApplicationProfiles({ client: client(url), region: 'us-east-1' });
    const listings = requests.filter((request) => request.path === '/inference-profiles');
    expect(listings.map((request) => request.query.type)).toEqual(['APPLICATION', 'APPLICATION']);
    expect(listings[1]?.query.nextToken).toBeDefined();
    expect(requests.filter((request) => request.path === '/listTagsForResource')).toHaveLength(3);
    expect(new Set(profiles.values()).size).toBe(3);
  });

  it('turns AccessDeniedException into provider_auth naming both permissions and the config fallback', async () => {
    const simulator = await start();
    simulator.faults.accessDenied(1);
    const error = await readApplicationProfiles({ client: client(simulator.url), region: 'us-east-1' }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(AiSpendError);
    expect(error).toMatchObject({
      code: 'provider_auth',
      hint: 'grant bedrock:ListInferenceProfiles and bedrock:ListTagsForResource in us-east-1 to the AWS credentials ai-spend runs with, or list the profiles under sources.bedrock.inference_profiles in ai-spend.yml',
    });
  });

  it('turns ThrottlingException after 1 attempt into provider_rate_limited', async () => {
    const simulator = await start();
    simulator.faults.throttle(1);
    await expect(
      readApplicationProfiles({ client: client(simulator.url), region: 'us-east-1' }),
    ).rejects.toMatchObject({ code: 'provider_rate_limited' });
  });
});

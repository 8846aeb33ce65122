import { ListInferenceProfilesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import { afterEach, describe, expect, it } from 'vitest';
import { client, profileArn, sims, start } from './sim-harness.js';

const SEARCH_ARN = profileArn('us-east-1', 'srch0001');

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('startBedrockControlSimulator', () => {
  it('lists the 3 us-east-1 application profiles over GET /inference-profiles?type=APPLICATION', async () => {
    const { url, requests } = await start();
    const result = await client(url).send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    expect(result.inferenceProfileSummaries?.[0]).toEqual({
      inferenceProfileName: 'search-ask-docs',
      inferenceProfileArn: SEARCH_ARN,
      inferenceProfileId: 'srch0001',
      models: [
        { modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' },
        { modelArn: 'arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' },
        { modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' },
      ],
      status: 'ACTIVE',
      type: 'APPLICATION',
    });
    expect(result.inferenceProfileSummaries?.[1]?.models).toEqual([
      { modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0' },
    ]);
    expect(result.inferenceProfileSummaries?.map((summary) => summary.inferenceProfileId)).toEqual([
      'srch0001',
      'supp0001',
      'glob0001',
    ]);
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/inference-profiles',
        query: { type: 'APPLICATION' },
        region: 'us-east-1',
        body: {},
      },
    ]);
  });

  it('serves eu-west-1 its 1 profile and no system-defined profiles', async () => {
    const { url } = await start();
    const bedrock = client(url, 'eu-west-1');
    const application = await bedrock.send(new ListInferenceProfilesCommand({}));
    const system = await bedrock.send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }));
    expect(application.inferenceProfileSummaries?.map((summary) => summary.inferenceProfileName)).toEqual([
      'eu-search',
    ]);
    expect(system.inferenceProfileSummaries).toEqual([]);
  });

  it('pages 3 profiles as 2 + 1 with the page size of 2, and honours maxResults 1', async () => {
    const { url, requests } = await start(2);
    const bedrock = client(url);
    const first = await bedrock.send(new ListInferenceProfilesCommand({}));
    const second = await bedrock.send(new ListInferenceProfilesCommand({ nextToken: first.nextToken }));
    const one = await bedrock.send(new ListInferenceProfilesCommand({ maxResults: 1 }));
    expect(first.inferenceProfileSummaries).toHaveLength(2);
    expect(second.inferenceProfileSummaries?.map((summary) => summary.inferenceProfileId)).toEqual([
      'glob0001',
    ]);
    expect(second.nextToken).toBeUndefined();
    expect(one.inferenceProfileSummaries).toHaveLength(1);
    expect(requests[2]?.query).toEqual({ maxResults: '1' });
  });

  it('lists the 2 tags of a profile over POST /listTagsForResource', async () => {
    const { url, requests } = await start();
    const result = await client(url).send(new ListTagsForResourceCommand({ resourceARN: SEARCH_ARN }));
    expect(result.tags).toEqual([
      { key: 'team', value: 'search' },
      { key: 'feature', value: 'ask-docs' },
    ]);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/listTagsForResource',
      body: { resourceARN: SEARCH_ARN },
    });
  });

  it('answers ResourceNotFoundException (404) for a profile of another region', async () => {
    const { url } = await start();
    await expect(
      client(url, 'eu-west-1').send(new ListTagsForResourceCommand({ resourceARN: SEARCH_ARN })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('denies 1 request with AccessDeniedException (403), throttles 1 with ThrottlingException (429), then answers', async () => {
    const simulator = await start();
    simulator.faults.accessDenied(1);
    simulator.faults.throttle(1);
    const list = () => client(simulator.url).send(new ListInferenceProfilesCommand({}));
    await expect(list()).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('bedrock:ListInferenceProfiles'),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(list()).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429 },
    });
    expect((await list()).inferenceProfileSummaries).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { sourceModelId } from '../../../../src/collectors/bedrock/profiles/source-model-id.js';

const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const fm = (region: string, model = MODEL) => `arn:aws:bedrock:${region}::foundation-model/${model}`;

describe('sourceModelId', () => {
  it.each([
    ['1 foundation model', [fm('us-east-1')], MODEL],
    [
      'a system profile ARN',
      [`arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.${MODEL}`],
      `us.${MODEL}`,
    ],
    [
      'a system profile ARN after foundation models',
      [fm('eu-west-1'), `arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.${MODEL}`],
      `eu.${MODEL}`,
    ],
    ['3 US regions', [fm('us-east-1'), fm('us-east-2'), fm('us-west-2')], `us.${MODEL}`],
    ['4 EU regions', [fm('eu-central-1'), fm('eu-north-1'), fm('eu-west-1'), fm('eu-west-3')], `eu.${MODEL}`],
    ['Tokyo and Osaka', [fm('ap-northeast-1'), fm('ap-northeast-3')], `jp.${MODEL}`],
    ['Sydney and Melbourne', [fm('ap-southeast-2'), fm('ap-southeast-4')], `au.${MODEL}`],
    [
      '4 Asia Pacific regions',
      [fm('ap-northeast-1'), fm('ap-south-1'), fm('ap-southeast-2')],
      `apac.${MODEL}`,
    ],
    ['2 Canadian regions', [fm('ca-central-1'), fm('ca-west-1')], `ca.${MODEL}`],
    ['2 GovCloud regions', [fm('us-gov-east-1'), fm('us-gov-west-1')], `us-gov.${MODEL}`],
    ['regions of 3 geographies', [fm('us-east-1'), fm('eu-west-1'), fm('ap-northeast-1')], `global.${MODEL}`],
    ['the same region twice', [fm('us-east-1'), fm('us-east-1')], MODEL],
    ['nothing readable', ['not-an-arn'], undefined],
  ])('%s → %s', (_label, arns, expected) => {
    expect(sourceModelId(arns)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { compileAttribution, compileGlob } from '../../../src/core/attribution/attribute.js';
import type { AttributionRule } from '../../../src/core/attribution/types.js';
import type { FactDimensions } from '../../../src/core/facts.js';

const rules: AttributionRule[] = [
  {
    match: { source: 'anthropic', workspace_id: 'wrkspc_search', api_key_id: 'apikey_ask_docs*' },
    team: 'search',
    feature: 'ask-docs',
  },
  { match: { source: 'anthropic', workspace_id: 'wrkspc_search' }, team: 'search' },
  {
    match: { source: 'openai', project_id: 'proj_support', api_key_id: 'key_*' },
    team: 'support',
    feature: 'support-bot',
  },
  { match: { source: 'bedrock', 'tag.team': '*' }, team: '{tag.team}', feature: '{tag.feature}' },
  {
    match: { model: 'arn:aws:bedrock:*:application-inference-profile/*' },
    team: 'platform',
    feature: '{region}',
  },
];
const attribute = compileAttribution(rules);

describe('compileAttribution', () => {
  it.each<[string, FactDimensions, string, string, number]>([
    [
      'a glob on the key wins over the workspace rule after it',
      { source: 'anthropic', workspaceId: 'wrkspc_search', apiKeyId: 'apikey_ask_docs_01' },
      'search',
      'ask-docs',
      0,
    ],
    [
      'the workspace catch-all takes other keys, feature (none)',
      { source: 'anthropic', workspaceId: 'wrkspc_search', apiKeyId: 'apikey_other' },
      'search',
      '(none)',
      1,
    ],
    [
      'all keys of a rule must hold',
      { source: 'openai', projectId: 'proj_support' },
      'unallocated',
      '(none)',
      -1,
    ],
    [
      'exact values are case-sensitive',
      { source: 'openai', projectId: 'PROJ_SUPPORT', apiKeyId: 'key_1' },
      'unallocated',
      '(none)',
      -1,
    ],
    [
      'templates take tag values (lower-cased)',
      { source: 'bedrock', tags: { team: 'Growth', feature: 'ab-copy' } },
      'growth',
      'ab-copy',
      3,
    ],
    [
      'a template whose tag is missing does not match',
      { source: 'bedrock', tags: { team: 'growth' } },
      'unallocated',
      '(none)',
      -1,
    ],
    [
      '* crosses slashes and colons in ARNs',
      {
        source: 'bedrock',
        model: 'arn:aws:bedrock:us-east-1:1234:application-inference-profile/abc',
        region: 'us-east-1',
      },
      'platform',
      'us-east-1',
      4,
    ],
    ['nothing matches → unallocated', { source: 'anthropic' }, 'unallocated', '(none)', -1],
  ])('%s', (_, dims, team, feature, ruleIndex) => {
    expect(attribute(dims)).toEqual({ team, feature, ruleIndex });
  });

  it('treats an empty dimension as absent, so `*` does not match it', () => {
    const only = compileAttribution([{ match: { api_key_id: '*' }, team: 'x' }]);
    expect(only({ source: 'openai', apiKeyId: '' }).team).toBe('unallocated');
    expect(only({ source: 'openai', apiKeyId: 'k' }).team).toBe('x');
  });
});

describe('compileGlob', () => {
  it.each([
    ['key_*', 'key_', true],
    ['key_*', 'xkey_1', false],
    ['*prod*', 'gpt-prod-eu', true],
    ['a.b', 'aXb', false],
    ['(x)*', '(x)y', true],
  ])('%s against %s → %s', (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });
});

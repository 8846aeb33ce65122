import { describe, expect, it } from 'vitest';
import { unknownKeyMessage } from '../../src/config/suggest.js';
import { suggest } from '../../src/core/suggest.js';

const MATCH_KEYS = ['source', 'account_id', 'workspace_id', 'project_id', 'api_key_id', 'region'];

describe('suggest', () => {
  it.each([
    ['workspce_id', 'workspace_id'],
    ['projcet_id', 'project_id'],
    ['Region', 'region'],
    ['acount_id', 'account_id'],
    ['sourec', 'source'],
  ])('suggests %s → %s', (word, expected) => {
    expect(suggest(word, MATCH_KEYS)).toBe(expected);
  });

  it.each(['banana', 'x', 'team_budget'])('suggests nothing for %s, which is far from every key', (word) => {
    expect(suggest(word, MATCH_KEYS)).toBeUndefined();
  });

  it('allows 1 edit in a 3-letter word and 4 in a 12-letter one', () => {
    expect(suggest('tga', ['tag'])).toBe('tag');
    expect(suggest('xxxxspace_id', ['workspace_id'])).toBe('workspace_id');
    expect(suggest('xxxxxpace_id', ['workspace_id'])).toBeUndefined();
  });
});

describe('unknownKeyMessage', () => {
  it('adds "did you mean" only when a key is close', () => {
    expect(unknownKeyMessage('managerz', ['managers', 'oncall'])).toBe(
      'unknown key "managerz" (did you mean "managers"?)',
    );
    expect(unknownKeyMessage('colour', ['managers', 'oncall'])).toBe('unknown key "colour"');
  });
});

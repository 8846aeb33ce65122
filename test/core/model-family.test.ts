import { describe, expect, it } from 'vitest';
import { modelFamily } from '../../src/core/model-family.js';

describe('modelFamily', () => {
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    [
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      'claude-sonnet-4-5',
    ],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['publishers/anthropic/models/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    [
      'projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929',
      'claude-sonnet-4-5',
    ],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-4.1', 'gpt-4.1'],
    ['gpt-35-turbo', 'gpt-3.5-turbo'],
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo'],
    ['gpt-4-0613', 'gpt-4'],
    ['gemini-2.5-pro', 'gemini-2.5-pro'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['publishers/google/models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['  GPT-4o-2024-11-20 ', 'gpt-4o'],
  ])('%s is %s', (model, family) => {
    expect(modelFamily(model)).toBe(family);
  });
});
